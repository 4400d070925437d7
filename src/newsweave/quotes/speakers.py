"""Speakers as the attribution rules find them, and how they resolve to mentions.

A speaker phrase is classified by what it is made of, in this order: a
person mention (name); a pronoun or a dropped subject (pronoun); a role noun
not followed by a name ("the Ukrainian minister", "le chef de l'OTAN":
role); an organisation mention or an institution noun ("the Pentagon", "das
Ministerium": institution); capitalised words (name). Descriptions that are
none of these ("a source", "the report") are kept as role phrases without a
mention. `coref.Resolver` then finds the mention each kind points to.
"""

from __future__ import annotations

from dataclasses import dataclass

from .coref import GROUPS, PERSON, Resolver, fold
from .resources import Resources
from .tokens import tokenize


@dataclass(slots=True)
class Speaker:
    start: int
    end: int
    cue: str | None
    kind: str  # phrase | pronoun | null (dropped subject) | label
    gender: str = ""
    number: str = "sg"
    mention: int | None = None
    how: str | None = None
    inherited: bool = False

    def with_cue(self, cue: str) -> Speaker:
        self.cue = cue
        return self


def resolve(text: str, res: Resources, resolver: Resolver, speaker: Speaker) -> None:
    """Fill `how` and `mention` of a speaker phrase."""
    if speaker.kind in ("pronoun", "null"):
        speaker.how = "pronoun"
        number = speaker.number
        gender = speaker.gender
        if number == "sg" and not gender and speaker.kind == "pronoun":
            gender = "n" if fold(text[speaker.start : speaker.end]) in res.neuter else ""
        speaker.mention = resolver.antecedent(speaker.start, gender, number)
        resolver.note(speaker.start, speaker.end, speaker.mention)
        if speaker.kind == "null" and speaker.mention is not None:
            m = resolver.mentions[speaker.mention]
            speaker.start, speaker.end = m.start, m.end  # the words that name the speaker
        return
    phrase = text[speaker.start : speaker.end]
    person = resolver.overlapping(speaker.start, speaker.end, (PERSON,))
    if person is not None:
        speaker.how, speaker.mention = "name", person
        return
    words = _tokens(phrase)  # (text, low) of the word tokens
    lows = [low for _, low in words]
    roles = [
        i for i in range(len(lows)) if res.roles.match(lows, i) or _compound_role(lows[i], res)
    ]
    institution = any(_institution_at(lows, i, res) for i in range(len(lows)))
    names = [
        i
        for i, (word, low) in enumerate(words)
        if word[0].isupper()
        and low not in res.determiners
        and low not in res.titles
        and i not in roles
        and low not in res.countries
        and not _institution_at(lows, i, res)
    ]
    if roles:
        last = roles[-1]
        after = [i for i in names if i > last]
        # "Defence Minister Oleksii Reznikov" names a person; "the head of NATO" a role
        described = not after or any(lows[i] in res.connectors for i in range(last + 1, after[0]))
        if described and not _ends_in_person(lows, after, res):
            speaker.how = "role"
            speaker.mention = resolver.role_holder(phrase, speaker.start, _role_gender(lows, res))
            resolver.note(speaker.start, speaker.end, speaker.mention)
            if speaker.mention is None:
                resolver.unresolved(speaker.start)
            return
    group = resolver.overlapping(speaker.start, speaker.end, GROUPS)
    if group is not None:
        m = resolver.mentions[group]
        # "a déclaré Zelenksy" (a name the model typed as an organisation), "NATO said":
        # a name; "le département d'Etat américain": an institution
        whole = (m.start, m.end) == (speaker.start, speaker.end)
        speaker.how, speaker.mention = "name" if whole else "institution", group
        return
    # German capitalises nouns: "das Ministerium" is no name, "der Unternehmer Jürgen X" is
    person_like = any(lows[i] in res.first_names for i in names) or len(names) >= 2
    german_noun = res.language.capitalised_nouns and lows[0] in res.determiners and not person_like
    if names and not institution and not german_noun:
        speaker.how = "name"
        speaker.mention = resolver.by_surname(fold(words[names[-1]][0]), speaker.start)
        return
    if institution or names:
        speaker.how = "institution"
        speaker.mention = resolver.organisation(phrase, speaker.start)
        resolver.unresolved(speaker.start)  # "il" may continue an institution, not a person
        return
    speaker.how = "role"  # "a source", "the report": a description we cannot resolve
    resolver.unresolved(speaker.start)


def _ends_in_person(lows: list[str], after: list[int], res: Resources) -> bool:
    """ "El secretario de Defensa Jim Mattis": the role's complement ends in a person's
    name, a known first name and at least one more capitalised word up to the end."""
    for i in after:
        if lows[i] in res.first_names and i + 1 < len(lows):
            return all(j in after for j in range(i, len(lows)))
    return False


_COMPOUND_ROLES = ("minister", "ministerin", "präsident", "präsidentin", "sprecher", "sprecherin")


def _compound_role(low: str, res: Resources | None = None) -> bool:
    """Compounds end in their role: "Innenminister", "Regierungssprecherin", "CDU-Politiker"."""
    if len(low) > 8 and low.endswith(_COMPOUND_ROLES):
        return True
    return res is not None and "-" in low and bool(res.roles.match([low.rsplit("-", 1)[1]], 0))


def _institution_at(lows: list[str], i: int, res: Resources) -> bool:
    if res.institutions.match(lows, i):
        return True
    low = lows[i]  # genitive and plural endings: "des Ministeriums"
    return any(
        low.endswith(e) and res.institutions.match([low[: -len(e)]], 0)
        for e in res.language.genitive_suffixes
    )


def _tokens(phrase: str) -> list[tuple[str, str]]:
    return [(t.text, t.low) for t in tokenize(phrase) if t.is_word]


def _role_gender(lows: list[str], res: Resources) -> str:
    """The gender a role phrase shows ("ministra", "Ministerin", "spokeswoman"), or ""."""
    gender = ""
    for i in range(len(lows)):
        seq = res.roles.match(lows, i)
        if seq:
            gender = res.role(seq).gender
        elif _compound_role(lows[i]):
            gender = "f" if lows[i].endswith("in") else "m"
    return gender if gender in ("m", "f") else ""

"""Speech cues and speaker noun phrases, read from tokens without a parser.

Attribution in news follows few patterns ("…," X said / said X / X said:
"…" / according to X / a-t-il déclaré), so a handful of word lists and
shape rules recover the speaker phrase: names are runs of capitalised
words, titles and initials; descriptions open with a determiner ("the
Ukrainian minister", "le chef de l'OTAN", "der Kanzler") and may carry an
of-phrase when their head is a role or an institution. Offsets are token
indices into a `Line`; callers turn them into code points.
"""

from __future__ import annotations

from dataclasses import dataclass

from .resources import Resources
from .tokens import Line

_PARTICLE_REACH = 14
_SENTENCE_OPENERS = frozenset('.!?…:;"“”«»„—–―(')
MAX_PHRASE = 12


@dataclass(frozen=True, slots=True)
class Cue:
    start: int  # token index of the first cue token (auxiliary included)
    end: int  # token index after the cue
    kind: str  # verb | gerund | prep | postp
    listener: bool = False  # "told": the object is the listener, the subject speaks
    pronoun: tuple[int, int] | None = None  # code points of "il" in "a-t-il"


def is_sentence_end(line: Line, i: int, res: Resources | None) -> bool:
    """Is token `i` (".", "!", "?") the end of a sentence, not an abbreviation?"""
    text = line.texts[i]
    if text not in ".!?…":
        return False
    if i + 1 < len(line) and (
        line.texts[i + 1] in ")],;:" or (line.words[i + 1] and not line.caps[i + 1])
    ):
        return False  # "(D-Mo.) said", "Sept. 11": the sentence goes on
    if text != ".":
        return True
    if i == 0:
        return False
    if line.ends[i - 1] != line.starts[i]:
        return True
    low = line.lows[i - 1]
    if len(low) == 1 and line.caps[i - 1]:  # an initial: "George W. Bush"
        return False
    if "." in low:  # "U.S."
        return i + 1 >= len(line) or not line.caps[i + 1] or _is_title(low, res)
    return not _is_title(low, res)


def _is_title(low: str, res: Resources | None) -> bool:
    return res is not None and low in res.titles


def match_cue(line: Line, i: int, res: Resources, hi: int | None = None) -> Cue | None:
    """A speech cue starting at token `i`, or None."""
    lows = line.lows
    hi = len(lows) if hi is None else hi
    low = lows[i]
    if "-" in low and res.inverted is not None:
        cue = _inverted(line, i, res, hi)
        if cue:
            return cue
    if low not in res.cue_starts:  # most words: one set lookup
        return None
    seq = res.prepositions.match(lows, i, hi)
    if seq:
        return Cue(i, i + len(seq), "prep")
    seq = res.postpositions.match(lows, i, hi)
    if seq:
        return Cue(i, i + len(seq), "postp")
    if line.caps[i] and i > 0 and line.texts[i - 1] not in _SENTENCE_OPENERS:
        return None  # "the United States", "Says" inside a title: not a verb here
    seq = res.gerunds.match(lows, i, hi)
    if seq:
        return Cue(i, i + len(seq), "gerund")
    seq = res.verbs.match(lows, i, hi)
    if not seq:
        return None
    if i > 0 and (lows[i - 1] in res.passive or lows[i - 1] in res.determiners):
        return None  # "was told" is passive; "the states", "his remarks" are nouns
    if i > 0 and lows[i - 1].endswith("'s") and line.words[i - 1]:
        return None
    if i > 0 and res.inverted is not None and "-" in lows[i - 1]:
        inverted = _inverted(line, i - 1, res, hi)  # "a-t-il estimé" read from "estimé"
        if inverted:
            return inverted
    particle = res.verbs.extra.get(seq, "")
    if particle:  # a separable verb needs one of its particles later in the clause
        rest = lows[i + len(seq) : min(hi, i + len(seq) + _PARTICLE_REACH)]
        if not any(p in rest for p in particle.split(",")):
            return None
    start = i
    # "has said", "a déclaré", "ha dicho": the auxiliary belongs to the cue
    j = i - 1
    while j >= 0 and lows[j] in res.adverbs and i - j < 3:
        j -= 1
    if j >= 0 and lows[j] in res.auxiliaries and line.words[j]:
        start = j
    return Cue(start, i + len(seq), "verb", listener=low in res.listener)


def _inverted(line: Line, i: int, res: Resources, hi: int) -> Cue | None:
    """French inversion: "a-t-il déclaré", "dit-elle", "ajoute-t-on"."""
    m = res.inverted.match(line.lows[i]) if res.inverted is not None else None
    if not m:
        return None
    base = m.group(1)
    pron = (line.starts[i] + m.start(2), line.starts[i] + m.end(2))
    if base in res.auxiliaries:
        j = i + 1
        while j < hi and line.lows[j] in res.adverbs:
            j += 1
        if j < hi and line.lows[j] in res.verbs:
            return Cue(i, j + 1, "verb", pronoun=pron)
        return None
    if base in res.verbs:
        return Cue(i, i + 1, "verb", pronoun=pron)
    return None


def is_pronoun(low: str, res: Resources) -> bool:
    """A personal pronoun that can be a speaker ("she", "il", "I"); not a relative one."""
    info = res.pronouns.get(low)
    return info is not None and info[1] in ("sg", "pl", "first")


def _role_at(lows: list[str], i: int, res: Resources) -> bool:
    if res.roles.match(lows, i) is not None or res.institutions.match(lows, i) is not None:
        return True
    # "CDU-Politiker", "CSU-Boss", "ex-minister": a hyphenated compound ends in its role
    low = lows[i]
    return "-" in low and res.roles.match([low.rsplit("-", 1)[1]], 0) is not None


def _headish(line: Line, i: int, res: Resources) -> bool:
    """Could token `i` be inside a speaker phrase (not a function word or a verb)?"""
    low = line.lows[i]
    if not line.words[i] or low in res.boundaries or low in res.adverbs:
        return _role_at(line.lows, i, res)
    if low in res.pronouns or low in res.auxiliaries:
        return False
    return match_cue(line, i, res) is None or line.caps[i]


def np_forward(line: Line, i: int, hi: int, res: Resources) -> tuple[int, int] | None:
    """The speaker phrase starting at token `i` (and ending before `hi`), or None."""
    lows = line.lows
    if i >= hi or not line.words[i]:
        return None
    if is_pronoun(lows[i], res):
        return (i, i + 1)
    j = i
    common = False  # inside a description: lower-case words may follow
    if lows[j] in res.determiners:
        common = True
        j += 1
    elif not line.caps[j] and _leads_to_name(line, j, hi, res):
        common = True  # "panel Chairman Jason Chaffetz", "state Del. Marcia Price"
    body = j
    named = False
    while j < hi and j - i < MAX_PHRASE:
        low, cap = lows[j], line.caps[j]
        if line.texts[j] == "." and j > body and _dot_continues(line, j, res):
            j += 1
            continue
        if not line.words[j]:
            break
        if low in res.titles and cap:
            named = True
            j += 1
            continue
        if low in res.connectors and j > body and j + 1 < hi:
            # "Bank of England", "el ministro de Defensa", "le chef de l'OTAN"
            if named and line.caps[j + 1] and lows[j + 1] not in res.boundaries:
                j += 1
                continue
            if _role_at(lows, j - 1, res) and (line.words[j + 1] or line.texts[j + 1] == "'"):
                common = True
                j += 1
                continue
            k = _complement(line, j, hi, res)
            if k is not None and any(_role_at(lows, x, res) for x in range(body, j)):
                common = True  # "le ministère britannique de la Défense"
                j = k
                continue
            break
        if cap and low not in res.time:
            if low in res.boundaries or low in res.adverbs:
                break  # "But", "Also": a capital that opens the sentence, not a name
            if match_cue(line, j, res) is not None and j > body:
                break
            named = True
            j += 1
            if low.endswith("'s"):
                common = True
            continue
        in_phrase = common or _role_at(lows, j, res)
        if (in_phrase or (named and _leads_to_name(line, j, hi, res, True))) and _headish(
            line, j, res
        ):
            if low in res.time:
                break
            common = True
            j += 1
            continue
        break
    while j > body and (lows[j - 1] in res.connectors or lows[j - 1] in res.determiners):
        j -= 1
    if j <= body:
        return None
    if common and not named and j + 2 < hi and line.texts[j] == ",":
        # "la portavoz del partido, Marta Gil—": the name in apposition joins the role
        k = j + 1
        while k < hi and k - j < 5 and line.caps[k] and line.words[k]:
            k += 1
        if k > j + 1 and (k >= hi or line.texts[k] in ",.;:—–)"):
            return (i, k)
    return (i, j)


def _complement(line: Line, j: int, hi: int, res: Resources) -> int | None:
    """Where a capitalised complement starts after the connector at `j`, or None.

    "de la Défense", "des Affaires étrangères", "of Defence", "del Interior": a
    capitalised noun after "de"/"des"/"of"/"del"/"der" (a connector that is no
    boundary, so not "et"/"and"/"à") belongs to the institution or office before it.
    """
    lows = line.lows
    if lows[j] in res.boundaries:
        return None
    k = j + 1
    while k < hi and k - j <= 2 and (lows[k] in res.determiners or not line.words[k]):
        if line.texts[k] not in ("'", "’") and not line.words[k]:
            return None
        k += 1
    if k < hi and line.words[k] and line.caps[k]:
        low = lows[k]
        if low not in res.boundaries and low not in res.time and low not in res.pronouns:
            return k
    return None


def _leads_to_name(line: Line, j: int, hi: int, res: Resources, role_only: bool = False) -> bool:
    """Do up to three lower-case words at `j` lead to a role (or a capitalised name)?

    "White House press secretary Josh Earnest", "retired Air Force general Lloyd Newton";
    after a name only a role may follow ("Trump attacked Clinton" is a clause).
    """
    k = j
    while k < hi and k - j < 3 and not line.caps[k] and _headish(line, k, res):
        if _role_at(line.lows, k, res):
            return True
        if line.lows[k] in res.determiners:
            return False  # "X devant les députés": a new phrase, not X's title
        k += 1
    if role_only:
        return False
    return k > j and k < hi and line.caps[k] and line.words[k]


def _dot_continues(line: Line, j: int, res: Resources) -> bool:
    """A dot after a title or an initial keeps a name going: "Mr. Smith", "Paul D. Ryan"."""
    if j + 1 >= len(line) or not line.caps[j + 1] or line.ends[j - 1] != line.starts[j]:
        return False
    return _is_title(line.lows[j - 1], res) or (len(line.texts[j - 1]) == 1 and line.caps[j - 1])


def np_backward(line: Line, j: int, lo: int, res: Resources) -> tuple[int, int] | None:
    """The speaker phrase ending at token `j` (inclusive, not before `lo`), or None."""
    lows = line.lows
    if j < lo or not line.words[j]:
        return None
    low = lows[j]
    if is_pronoun(low, res):
        return (j, j + 1)
    if res.pronouns.get(low, ("", ""))[1] == "rel":  # "a woman who said"
        k = j - 1
        if k >= lo and line.texts[k] == ",":
            k -= 1
        return np_backward(line, k, lo, res) if k >= lo else None
    if low in res.time or low in res.adverbs or low in res.boundaries or low in res.auxiliaries:
        return None
    i = j
    while i > lo and j - i < MAX_PHRASE:
        k = i - 1
        klow, kcap = lows[k], line.caps[k]
        if line.texts[k] == "." and k > lo and _dot_before(line, k, res):
            i = k
            continue
        if not line.words[k]:
            break
        if klow in res.determiners or klow.endswith("'s"):
            i = k  # "the minister", "Ukraine's defence minister"
            break
        if klow in res.titles and kcap:
            i = k
            continue
        if klow in res.connectors and k > lo and line.words[k - 1]:
            if line.caps[k - 1] and line.caps[i] and lows[k - 1] not in res.boundaries:
                i = k  # "Bank of England"
                continue
            if _role_at(lows, k - 1, res):
                i = k  # "the head of the alliance"
                continue
            break
        if klow in res.boundaries or klow in res.adverbs or klow in res.time:
            break
        if klow in res.pronouns or klow in res.auxiliaries or match_cue(line, k, res):
            break
        # a lower-case word joins a description, or a role before a name ("minister X")
        if not kcap and line.caps[i] and not _role_at(lows, k, res):
            break
        i = k
    if i - 2 >= lo and lows[i] in res.determiners and lows[i - 1] in res.connectors:
        # "le chef de l'OTAN", "la jefa de la diplomacia": the role owns the phrase
        head = np_backward(line, i - 2, lo, res)
        if head and any(_role_at(lows, x, res) for x in range(head[0], head[1])):
            return _valid(line, head[0], j + 1, res)
    else:
        # "le ministère russe des Affaires étrangères a déclaré": the institution owns it
        c = i if lows[i] in res.connectors else i - 1  # "des" may have read as a determiner
        if c - 1 >= lo and lows[c] in res.connectors and _complement(line, c, j + 1, res):
            head = np_backward(line, c - 1, lo, res)
            if head and any(_role_at(lows, x, res) for x in range(head[0], head[1])):
                return _valid(line, head[0], j + 1, res)
    return _valid(line, i, j + 1, res)


def _valid(line: Line, a: int, b: int, res: Resources) -> tuple[int, int] | None:
    """Trim a phrase read leftwards; a description needs a determiner or a role head."""
    lows = line.lows
    while a < b and lows[a] in res.connectors and lows[a] not in res.determiners:
        a += 1
    if a >= b:
        return None
    if all(lows[x] in res.determiners or lows[x] in res.titles for x in range(a, b)) and not any(
        _role_at(lows, x, res) for x in range(a, b)
    ):
        return None  # "the", "Mr." alone; "der Kanzler" is a role and stays
    if lows[a] in res.determiners or lows[a].endswith("'s"):
        return (a, b)
    if all(line.caps[x] for x in range(a, b) if line.words[x]):
        return (a, b)
    if any(_role_at(lows, x, res) for x in range(a, b)):
        return (a, b)  # "officials", "police sources", "defence minister Reznikov"
    caps = [x for x in range(a, b) if line.caps[x]]
    if caps and all(line.caps[x] or not line.words[x] for x in range(caps[0], b)):
        return (caps[0], b)
    return None


def _dot_before(line: Line, k: int, res: Resources) -> bool:
    return line.ends[k - 1] == line.starts[k] and (
        _is_title(line.lows[k - 1], res) or (len(line.texts[k - 1]) == 1 and line.caps[k - 1])
    )


def skip_back(line: Line, j: int, lo: int, res: Resources) -> int:
    """Step left over adverbs, auxiliaries and time words between a subject and its verb."""
    lows = line.lows
    steps = 0
    while j >= lo and steps < 5:
        low = lows[j]
        if low in res.adverbs or low in res.auxiliaries or low in res.time:
            j -= 1
            steps += 1
            continue
        if line.texts[j] == ")":  # "Paul D. Ryan (R-Wis.) said"
            k = j
            while k >= lo and line.texts[k] != "(":
                k -= 1
            if k < lo:
                break
            j = k - 1
            steps += 1
            continue
        break
    return j


def skip_forward(line: Line, i: int, hi: int, res: Resources) -> int:
    """Step right over adverbs and time words after an inverted verb ("sagte am Montag X")."""
    lows = line.lows
    steps = 0
    while i < hi and steps < 4 and (lows[i] in res.adverbs or lows[i] in res.time):
        i += 1
        steps += 1
    return i


def subject_before(line: Line, cue: Cue, lo: int, res: Resources) -> tuple[int, int] | None:
    """The subject of the cue verb, read leftwards from it (appositives skipped)."""
    j = skip_back(line, cue.start - 1, lo, res)
    if j < lo:
        return None
    if line.texts[j] != ",":
        return np_backward(line, j, lo, res)
    # "Victor Cha, who served as ..., said": the subject stands before an earlier comma;
    # the phrase just before the last comma is an appositive, used only when nothing else is.
    commas = [k for k in range(j - 1, max(lo, j - 60) - 1, -1) if line.texts[k] == ","]
    found = []
    for k in [*commas[:4], j]:
        np = np_backward(line, k - 1, lo, res)
        if np and _clause_initial(line, np[0], lo, res):
            found.append(np)
    if not found:
        return None
    named = [np for np in found if line.caps[np[1] - 1] or is_pronoun(line.lows[np[0]], res)]
    return min(named or found[:1])


def _clause_initial(line: Line, i: int, lo: int, res: Resources) -> bool:
    """Does a phrase at `i` start a clause (so it can be a subject)?"""
    if i <= lo:
        return True
    prev = line.lows[i - 1]
    return prev in ",;:—–(" or prev in res.boundaries or prev in res.adverbs

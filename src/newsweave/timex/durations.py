"""Handlers of lengths and repetitions: durations ("for two weeks", "three-year"),
one-word lengths ("quinquennat") and sets ("every week", "Mondays", "daily").

A handler reads one rule match (a `Hit`) and says what it means, as a `Spec`.
Group names are shared by all languages' rules: wd, month, day, year, rel,
unit, num, dir, part, ref, edge, hour, min, ampm, clock, hhmm, season, ord,
adv... A handler returns None to reject a match the tags alone could not
rule out. `find` collects every `h_<rule>` function of the handler modules.
"""

from __future__ import annotations

from .hit import Hit
from .resolve import DURATION_UNITS, duration
from .spec import SHIFT_UNITS, TIME_UNITS, Spec


def h_duration(h: Hit) -> Spec | None:
    """three days, the past two years, several months, two-year, nearly forty years."""
    unit = h.val("unit")
    if unit not in DURATION_UNITS and unit not in SHIFT_UNITS:
        return None
    n = h.number("num") if h.has("num") else (None if h.tags("unit") == "u" else 1)
    ref = h.g.refs.get(h.word("rel") or "")
    if n is None and ref and unit in ("Y", "DE", "CE"):
        return Spec(value=ref)  # "recent years", "coming years": a vague past or future
    if h.has("num") and n is None and "v" not in h.tags("num"):
        return None
    if h.has("adj") and h.word("adj") not in h.g.conventions.get("duration_suffixes", ()):
        return None
    if (unit == "Q" and h.tags("num") == "a") or (unit == "Y" and _is_age(h)):
        return None  # "a quarter of the shares" is a fraction; ages are not durations
    return Spec(type="DURATION", value=duration(n + 0.5 if h.has("half") and n else n, unit))


def _is_age(h: Hit) -> bool:
    """ "six-year-old", "Jean Dupont, 53 ans,", "un chauffeur de 38 ans", "im Alter von 61",
    "ha 45 anni" (a verb that gives an age: Italian has, rather than is, its years)."""
    conv, words, tags = h.g.conventions, h.t.words, h.t.tagstr
    after = words[h.j] if h.j < len(words) else ""
    if after in conv.get("age_words", ()) or h.word("adj") in conv.get("age_words", ()):
        return True
    apposition = conv.get("age_apposition") and h.has("num") and h.i == h.m.start("num")
    if apposition and h.before() in ",_" and (tags[h.j] if h.j < len(tags) else ".") in ",_.!":
        return True
    k = h.i - 1
    if k >= 0 and words[k] in conv.get("age_verbs", ()):
        return True
    if k >= 1 and words[k] in conv.get("age_of", ()):
        if words[k - 1] in conv.get("age_preceding", ()):
            return True
        nouns = conv.get("duration_nouns")  # "une peine de 2 ans" is a length
        return nouns is not None and tags[k - 1] == "w" and words[k - 1] not in nouns
    return False


def h_duradj(h: Hit) -> Spec | None:
    """quinquennat, zweitägig, jahrelang: a length in one word."""
    n, unit = h.val("adj")
    return Spec(type="DURATION", value=duration(n, unit))


def h_set(h: Hit) -> Spec | None:
    """every week, chaque année, daily, jährlich, tous les jeudis, twice a year."""
    conv = h.g.conventions
    if h.has("adv"):
        adjective = h.j < len(h.t.words) and h.t.tagstr[h.j] == "w"
        if adjective and h.word("adv") in conv.get("set_adverbs_only", ()):
            return None  # "quarterly dividend"
        if h.before() in "tav" and h.word("adv") in conv.get("set_nouns", ()):
            return None  # "les quotidiens": newspapers
        return Spec(type="SET", value=h.val("adv"))
    tag, v = h.tags("unit"), h.val("unit")
    if tag in ("W", "X"):
        return Spec(type="SET", value=f"XXXX-WXX-{v + 1}") if isinstance(v, int) else None
    named = {"M": f"XXXX-{v:02d}" if isinstance(v, int) else "", "P": f"XXXX-XX-XXT{v}"}
    if tag in ("M", "P", "S"):
        return Spec(type="SET", value=named.get(tag, f"XXXX-{v}"))
    n = h.number("num") if h.has("num") and "O" not in h.tags("num") else 1
    return Spec(type="SET", value=duration(n, v)) if v in SHIFT_UNITS + TIME_UNITS else None


def h_weekday_set(h: Hit) -> Spec | None:
    """Mondays, Tuesday nights, le mercredi, sonntags."""
    wd, part = h.val("wd"), h.val("part")
    if isinstance(wd, tuple):
        wd, part = wd
    if not isinstance(wd, int):
        return None
    return Spec(type="SET", value=f"XXXX-WXX-{wd + 1}" + (f"T{part}" if part else ""))

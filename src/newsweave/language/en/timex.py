"""English time-expression rules for `newsweave.timex`.

LEXICON maps tag names (see `TAGS` in the engine) to words or multi-word
phrases and their values; PATTERNS are rules over those tags, in the notation
of `compile_dsl`, each with the handler that reads it (`h_<name>` in
`timex/dates.py`, `relative.py`, `durations.py`). Spans follow the TimeML guidelines: determiners
and modifiers belong to the expression ("the past three years", "early next
year"), prepositions do not ("on Wednesday" -> "Wednesday").
"""


def _words(text: str) -> list[str]:
    """A word list written as one string; "|" separates entries that hold spaces."""
    return [w.strip() for w in text.split("|")] if "|" in text else text.split()


def _numbered(text: str, start: int = 1, step: int = 1) -> dict[str, int]:
    return {w: start + step * i for i, w in enumerate(_words(text))}


_MONTHS = _words(
    "january february march april may june july august september october november december"
)
_DAYS = _words("monday tuesday wednesday thursday friday saturday sunday")

# "May" and "March" are in CASED below. Abbreviations count with their dot, except
# a few that are never words of their own.
MONTH = {m: i for i, m in enumerate(_MONTHS, 1) if m not in ("may", "march")}
MONTH |= {f"{m[:3]}.": i for i, m in enumerate(_MONTHS, 1) if m != "may"}
MONTH |= {"sept.": 9, "sept": 9, "aug": 8, "feb": 2, "apr": 4, "oct": 10, "nov": 11}
WEEKDAY = {d: i for i, d in enumerate(_DAYS)} | {f"{d[:3]}.": i for i, d in enumerate(_DAYS)}
WEEKDAY |= {"tues.": 1, "thur.": 3, "thurs.": 3}

_UNITS = dict(zip(
    _words("second minute hour day week fortnight month quarter year decade century weekend"),
    ["S", "MIN", "H", "D", "W", "W", "M", "Q", "Y", "DE", "CE", "WE"],
    strict=True,
))  # fmt: skip
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen"
NUMBERS = _numbered(f"zero one two three four five six seven eight nine {_TEENS}", 0)
NUMBERS |= _numbered("twenty thirty forty fifty sixty seventy eighty ninety", 20, 10)
NUMBERS |= {"hundred": 100, "thousand": 1000, "dozen": 12, "a couple of": 2, "couple of": 2}
ORDINALS = _numbered(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
) | {"twenty-first": 21, "thirtieth": 30}

LEXICON = {
    "MONTH": MONTH,
    "WEEKDAY": WEEKDAY,
    "WEEKDAYS": {f"{d}s": i for i, d in enumerate(_DAYS)},
    "UNIT": _UNITS,
    "UNITS": {"centuries": "CE"} | {f"{w}s": u for w, u in _UNITS.items() if w != "century"},
    "NUM": NUMBERS,
    "NUMC": {"nineteen": 19},  # may open a spoken year: "nineteen ninety-six"
    "ORD": ORDINALS,
    "ORDSUF": dict.fromkeys(_words("st nd rd th")),
    "ONE": {"a": 1, "an": 1},
    "FEW": dict.fromkeys(_words("several|few|many|a number of")),
    "DAYREF": {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": (0, "NI")}
    | {"the day before yesterday": -2, "the day after tomorrow": 2},
    "PART": {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"},
    "PARTS": {"mornings": "MO", "afternoons": "AF", "evenings": "EV", "nights": "NI"},
    "CLOCK": {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)},
    "LAST": {"last": -1, "latest": -1},
    "NEXT": {"next": 1, "coming": 1, "upcoming": 1},
    "THIS": {"this": 0, "current": 0},
    "PAST": {"past": -1},
    "FOLLOW": {"following": 1, "previous": -1, "prior": -1, "preceding": -1},
    # (direction, anchor): "ago" counts from the publication date, "later" from the
    # last date the text named.
    "AGO": {"ago": (-1, "dct"), "from now": (1, "dct"), "hence": (1, "dct")}
    | {"earlier": (-1, "prev"), "later": (1, "prev")},
    "EVERY": dict.fromkeys(_words("every each")),
    "SETADV": {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y"}
    | {"annually": "P1Y", "hourly": "PT1H", "nightly": "XXXX-XX-XXTNI", "quarterly": "P3M"},
    "SEASON": {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"},
    # holidays: ("fixed", month, day), ("easter", offset) or ("nth", month, weekday, n, offset);
    # Thanksgiving and Election Day as in the United States
    "HOLIDAY": dict.fromkeys(_words("christmas|christmas day"), ("fixed", 12, 25))
    | {"christmas eve": ("fixed", 12, 24), "boxing day": ("fixed", 12, 26)}
    | {"new year's day": ("fixed", 1, 1), "new year's eve": ("fixed", 12, 31)}
    | {"valentine's day": ("fixed", 2, 14), "halloween": ("fixed", 10, 31)}
    | dict.fromkeys(_words("easter|easter sunday"), ("easter", 0))
    | {"easter monday": ("easter", 1), "good friday": ("easter", -2)}
    | dict.fromkeys(_words("thanksgiving|thanksgiving day"), ("nth", 11, 3, 4, 0))
    | {"election day": ("nth", 11, 0, 1, 1)},
    "DET": {"the": None},
    "PREP": dict.fromkeys(
        _words(
            "in on since until till by from during for through throughout within before "
            "after into between"
        )
    ),
    "AT": {"at": None},
    "EDGE": dict.fromkeys(_words("early late mid")),
    "EDGEN": dict.fromkeys(_words("end beginning start middle turn")),  # need "of": the end of
    "OF": {"of": None},
    "APPROX": dict.fromkeys(
        _words(
            "about|around|nearly|almost|roughly|approximately|some|over|more than|less than|"
            "at least|up to|no more than|fewer than|close to|just over|just under|at most|"
            "barely|no less than|upwards of"
        )
    ),
    "AMPM": {"a.m.": "am", "p.m.": "pm", "a.m": "am", "p.m": "pm", "am": "am", "pm": "pm"},
    "HOUR": {"o'clock": None},
    "TZ": dict.fromkeys(_words("est edt cst cdt mst mdt pst pdt gmt utc bst cet")),
    "FISCAL": dict.fromkeys(_words("fiscal full calendar")),
    "AND": {"and": None},
    "HALF": {"half": 0.5},
    "PLURAL": {"s": None},  # the possessive 's: "this year's third quarter"
    "TIMES": {"once": 1, "twice": 2, "times": None},
    "PER": {"per": None},
    "MORE": dict.fromkeys(_words("more additional")),
    "DECADE": _numbered("twenties thirties forties fifties sixties seventies eighties nineties", 2),
    "PERIOD": {"period": None},
    "ANAPH": {"the day before": ("D", -1), "the day after": ("D", 1), "the next day": ("D", 1)}
    | {"the previous day": ("D", -1), "the same day": ("D", 0), "that day": ("D", 0)}
    | {"the night before": ("D", -1), "that week": ("W", 0), "that month": ("M", 0)}
    | {"that quarter": ("Q", 0), "that year": ("Y", 0)},
}

# Words whose case decides: (capitalised, lower case[, capital opening a sentence]).
# "May" and "March" are months, "may" and "march" verbs; English writes seasons in
# lower case, so "Summer Smith" and "Spring Street" are names.
CASED = {"may": (("MONTHX", 5), None), "march": (("MONTHX", 3), None)}
CASED |= {w: (None, ("SEASON", v), ("SEASON", v)) for w, v in LEXICON["SEASON"].items()}

# Values of present, past and future references; words not tagged above become REF.
REFS = dict.fromkeys(
    _words("now|currently|current|at present|at the moment|nowadays|these days|present|for now"),
    "PRESENT_REF",
) | dict.fromkeys(
    _words("recently lately previously recent past"), "PAST_REF"
) | dict.fromkeys(
    _words("soon|coming|upcoming|future|near future|near term|short term"), "FUTURE_REF"
)  # fmt: skip

CONVENTIONS = {
    "ref_type": "DATE",
    # references that take a determiner into the span, and those that need one
    "ref_det": _words("future|past|present|near future|near term|short term"),
    "ref_needs_det": _words("past|present|near term|short term"),
    # adjectives more than adverbs: "quarterly dividend" is not a frequency
    "set_adverbs_only": ("quarterly",),
    "age_words": ("old",),  # "a six-year-old", "52 years old"
    "weak_seasons": ("fall", "spring"),  # verbs too: need a determiner, a year or "last"
    "weak_season_nouns": ("of",),  # "the fall of Bakhmut" is a capture, not autumn
    "duration_suffixes": ("long",),  # "a two-year-long war"
    "latest": ("latest",),
}

DECADE_SUFFIX = "s"  # the 1990s, the '80s
# 03/08/2023 is March 8 in American news copy. The registry leaves English undecided
# (British copy writes day first), which ingest honours for publication dates; a date in
# running text is read month first, as the rules always did (a number over 12 still
# decides).
DATE_ORDER = "MDY"
MULTIPLIERS = (100, 12)  # one hundred, two dozen

# Tense cues, for weekdays and months said without "last" or "next".
FUTURE_CUES = frozenset(_words("will 'll ll shall tomorrow next upcoming"))
WEAK_FUTURE_CUES = frozenset(
    _words("going expected scheduled slated due plans plan planned planning until hopes "
           "intends aims would could might soon")
)  # fmt: skip
PAST_CUES = frozenset(
    _words("was were had did said told ago earlier last yesterday came went took made rose "
           "fell began saw gave found held became brought thought won lost sold paid bought "
           "spent sent met left led kept ran wrote spoke broke struck hit fought knew got grew "
           "drew flew resigned announced")
)  # fmt: skip
REPORT_CUES = frozenset(_words("said says told announced added reported stated"))
PAST_RE = r"^[a-z]{3,}(?<!e)(?<!hundr)ed$"  # regular past tense, not "need" or "hundred"

MACROS = {
    "EDGEP": "(?:DET? (?:EDGE|EDGEN) OF DET?|EDGE HYPHEN?)",
    "DATEDAY": "(?:(?P<wd>WEEKDAY) COMMA?)?",
    "SPOKENYEAR": "(?:NUMC NUM (?:HYPHEN? NUM)?)",  # nineteen ninety-six (broadcast transcripts)
    "MONTHS": "(?:MONTH|MONTHX)",
    "REL": "(?:THIS PAST|LAST|NEXT|THIS)",
    "NODET": "(?:APPROX (?!DET))",  # "over the past year": there "over" is a preposition
}

PATTERNS = [
    # calendar dates
    ("numdate", "(?P<nd>NUMDATE)"),
    ("date", "(?P<year>YEAR) HYPHEN (?P<month>DIGITS) HYPHEN (?P<day>DIGITS)"),
    ("date", "DATEDAY (?P<month>MONTHS) (?P<day>DAYNUM) (?:COMMA? (?P<year>YEAR|SPOKENYEAR))?"),
    ("date", "DATEDAY DET? (?P<day>DAYNUM) OF? (?P<month>MONTHS) (?:COMMA? (?P<year>YEAR))?"),
    ("named", "(?P<edge>EDGEP)? (?P<month>MONTHS) COMMA? (?P<year>YEAR|SPOKENYEAR)"),
    ("named", "(?P<edge>EDGEP)? (?P<month>MONTH)"),
    # "May" and "March" alone need a preposition or a modifier to be months
    ("named", "(?:(?P<edge>EDGEP)|(?<=PREP|DET)) (?P<month>MONTHX)"),
    ("named", "(?P<rel>REL) (?P<month>MONTHS)"),
    ("named", "(?P<rel>REL) (?P<season>SEASON)"),
    ("named", "(?P<month>MONTHS) (?P<rel>LAST|NEXT|THIS) (?P<unit>UNIT)"),
    ("named", "(?P<season>SEASON) (?P<rel>LAST|NEXT|THIS) (?P<unit>UNIT)"),
    ("named", "(?P<edge>EDGEP)? DET? (?P<season>SEASON) (?:OF? (?P<year>YEAR|SPOKENYEAR))?"),
    # years, decades, centuries, quarters
    ("year", "(?P<edge>EDGEP)? FISCAL? (?:DET? (?P<unit>UNIT))? (?P<year>YEAR)"),
    ("year", "DET? (?P<unit>UNIT) (?P<year>NUMBER)"),
    ("year", "(?P<year>SPOKENYEAR)"),
    ("year", "DET (?P<year>YEAR) (?:PERIOD|FISCAL? (?P<unit>UNIT))"),
    ("decade", "DET? EDGEP? (?:(?P<year>YEAR)|APOS? (?P<short>DIGITS)) APOS? DECSUF"),
    ("decade", "DET? EDGEP? (?P<word>DECADE)"),
    ("century", "DET? EDGEP? (?P<ord>DAYNUM) (?P<unit>UNIT)"),
    (
        "quarter",
        "EDGEP? DET? FISCAL? (?P<ord>ORD) HYPHEN? (?P<unit>UNIT|HALF) "
        "(?:OF DET? (?P<year>YEAR)|OF (?P<rel>LAST|NEXT|THIS) (?P<yunit>UNIT)|COMMA? (?P<y2>YEAR))?",
    ),
    ("quarter", "DET? (?P<year>YEAR) FISCAL? (?P<ord>ORD) HYPHEN? (?P<unit>UNIT|HALF)"),
    (
        "quarter",
        "(?P<rel>LAST|NEXT|THIS) (?P<yunit>UNIT) APOS PLURAL (?P<ord>ORD) HYPHEN? (?P<unit>UNIT|HALF)",
    ),
    ("yearago", "DET? (?P<unit>UNIT) HYPHEN (?P<dir>AGO) (?P<noun>UNIT|PERIOD)?"),
    # relative to the publication date or to the last date mentioned
    ("anaphor", "(?P<w>ANAPH)"),
    ("anaphor", "DET (?P<rel>FOLLOW|NEXT) (?:(?P<unit>UNIT)|(?P<part>PART))"),
    ("holiday", "(?P<rel>REL)? (?P<hol>HOLIDAY) (?:COMMA? (?P<year>YEAR))?"),
    ("relunit", "(?P<edge>EDGEP|AGO)? (?P<rel>REL) FISCAL? (?P<unit>UNIT)"),
    ("relunit", "(?P<edge>EDGEP|AGO)? DET (?P<rel>THIS) FISCAL? (?P<unit>UNIT)"),
    ("relunit", "(?P<edge>EDGEP) DET (?P<unit>UNIT)"),
    ("relunit", "(?P<unit>UNIT) (?:APOS PLURAL)? HYPHEN? (?P<edge>EDGEN)"),  # year-end
    ("theunit", "DET (?P<rel>LAST|THIS)? FISCAL? (?P<unit>UNIT|PERIOD)"),
    ("weekday", "(?P<rel>LAST|NEXT|THIS|AGO|EDGE)? (?P<wd>WEEKDAY) (?P<part>PART)?"),
    ("weekday_set", "(?P<wd>WEEKDAYS|WEEKDAY) (?P<part>PARTS)"),
    ("weekday_set", "(?P<wd>WEEKDAYS)"),
    ("dayref", "(?:AGO|EDGE)? (?P<dayref>DAYREF) (?P<part>PART)?"),
    ("relpart", "(?P<rel>THIS|LAST) (?P<part>PART)"),
    ("ago", "NODET? (?P<num>COUNT) (?P<unit>UNIT|UNITS) (?P<dir>AGO)"),
    # sets before durations: "twice a year" is a frequency, not a length
    ("set", "(?P<every>EVERY) (?P<num>COUNT|ORD)? (?P<unit>UNIT|UNITS|WEEKDAY|MONTH|PART|SEASON)"),
    ("set", "(?P<adv>SETADV)"),
    ("set", "(?<=TIMES) (?:ONE|PER) (?P<unit>UNIT)"),
    ("set", "PER (?P<unit>UNIT)"),
    # durations
    (
        "duration",
        "NODET? DET? (?:PAST|LAST|NEXT|ORD|REF)? (?P<num>COUNT) MORE? (?P<unit>UNIT|UNITS) "
        "(?P<half>AND ONE HALF)?",
    ),
    ("duration", "NODET? DET? (?P<rel>PAST|NEXT|REF|FEW) (?P<unit>UNIT|UNITS)"),
    ("duration", "(?P<num>COUNT) HYPHEN (?P<unit>UNIT) (?:HYPHEN (?P<adj>WORD))?"),
    ("duration", "(?:APPROX|(?<=PREP)) (?P<unit>UNITS)"),
    # clock times
    (
        "time",
        "APPROX? (?:(?P<hour>DIGITS|NUMBER)|(?P<hhmm>HHMM)) (?P<ampm>AMPM|HOUR) TZ? "
        "(?:COMMA? (?P<wd>WEEKDAY|DAYREF)|COMMA? (?P<month>MONTH) (?P<day>DAYNUM))?",
    ),
    ("time", "(?<=AT) APPROX? (?P<hhmm>HHMM) TZ?"),
    ("time", "APPROX? (?P<clock>CLOCK) (?P<wd>WEEKDAY|DAYREF)?"),
    # present, past and future references
    ("ref", "(?P<ref>REF|THIS|PAST)"),
    ("ref", "DET (?P<ref>REF|PAST)"),
]

"""German time-expression rules for `newsweave.timex`.

Same layout as `language/en/timex.py`. German writes many time words as
compounds ("Mittwochabend", "Jahresende", "Vorjahr", "zweiwöchig"), so the
lexicon generates them rather than the rules splitting words. Contracted
prepositions (am, im, vom, zum) stay outside the span, as English "on";
articles belong to it ("der vergangenen Woche"), as in the TimeML guidelines.
There is no German evaluation file: these rules come from the language, and
tests/lang/de is their specification.
"""


def _words(text: str) -> list[str]:
    """A word list written as one string; "|" separates entries that hold spaces."""
    return [w.strip() for w in text.split("|")] if "|" in text else text.split()


def _numbered(text: str, start: int = 1, step: int = 1) -> dict[str, int]:
    return {w: start + step * i for i, w in enumerate(_words(text))}


def _inflected(stems: str, value: object) -> dict[str, object]:
    """Adjective endings: letzt -> letzte, letzten, letzter, letztes, letztem."""
    return {w + e: value for w in _words(stems) for e in ("e", "en", "er", "es", "em")}


_MONTHS = _words(
    "januar februar märz april mai juni juli august september oktober november dezember"
)
_DAYS = _words("montag dienstag mittwoch donnerstag freitag samstag sonntag")
_PARTS = {"morgen": "MO", "früh": "MO", "vormittag": "MO", "mittag": "MI"}
_PARTS |= {"nachmittag": "AF", "abend": "EV", "nacht": "NI"}

MONTH = {m: i for i, m in enumerate(_MONTHS, 1)} | {"jänner": 1, "feber": 2, "maerz": 3}
MONTH |= {f"{m[:3]}.": i for i, m in enumerate(_MONTHS, 1) if m != "mai"}
MONTH |= {"sept.": 9, "okt.": 10, "dez.": 12, "mrz.": 3}
# Mittwochabend, Freitagnacht: a weekday and a part of the day in one word.
WEEKDAY = {d: i for i, d in enumerate(_DAYS)} | {"sonnabend": 5}
WEEKDAY |= {f"{d}{p}": (i, v) for i, d in enumerate(_DAYS) for p, v in _PARTS.items()}
WEEKDAYS = {f"{d}s": i for i, d in enumerate(_DAYS)}  # montags: every Monday
WEEKDAYS |= {f"{d}{p}s": (i, v) for i, d in enumerate(_DAYS) for p, v in _PARTS.items()}

_UNIT_FORMS = {  # singular forms | plural forms
    "S": "sekunde | sekunden", "MIN": "minute | minuten", "H": "stunde | stunden",
    "D": "tag tages tags | tage tagen", "W": "woche | wochen",
    "M": "monat monats | monate monaten", "Q": "quartal quartals vierteljahr | quartale quartalen",
    "HALF": "halbjahr halbjahres | halbjahre", "Y": "jahr jahres jahrs | jahre jahren",
    "DE": "jahrzehnt jahrzehnts | jahrzehnte jahrzehnten",
    "CE": "jahrhundert jahrhunderts | jahrhunderte jahrhunderten",
    "WE": "wochenende wochenendes | wochenenden",
}  # fmt: skip
_SINGULAR = {w: u for u, forms in _UNIT_FORMS.items() for w in forms.split("|")[0].split()}
_PLURAL = {w: u for u, forms in _UNIT_FORMS.items() for w in forms.split("|")[1].split()}

_ONES = _words("ein zwei drei vier fünf sechs sieben acht neun")
_TENS = _numbered("zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig", 20, 10)
NUMBERS = _numbered("null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf", 0)
NUMBERS |= _numbered("dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn", 13)
NUMBERS |= _TENS | {"dreissig": 30, "hundert": 100, "tausend": 1000, "dutzend": 12}
NUMBERS |= {f"{u}und{t}": n + i for t, n in _TENS.items() for i, u in enumerate(_ONES, 1)}
NUMBERS |= {"anderthalb": 1.5, "eineinhalb": 1.5, "zweieinhalb": 2.5, "dreieinhalb": 3.5}
_ORD_STEMS = "erst zweit dritt viert fünft sechst siebt acht neunt zehnt elft zwölft"
ORDINALS = {w: i for i, stem in enumerate(_words(_ORD_STEMS), 1) for w in _inflected(stem, 0)}
ORDINALS |= {w: n for t, n in _TENS.items() for w in _inflected(f"{t}st", 0)}

# Compound adjectives of length: zweiwöchig, dreitägigen, jahrelang. Ages ("52-jährig")
# are left out on purpose: in news they describe people, not periods.
_ADJ_UNITS = {"tägig": "D", "wöchig": "W", "monatig": "M", "stündig": "H", "minütig": "MIN"}
_COUNTS = _numbered("ein zwei drei vier fünf sechs sieben acht neun zehn elf zwölf")
DURADJ = {
    f"{w}{a}{e}": (n, u)
    for w, n in (_COUNTS | {"mehr": None}).items()
    for a, u in _ADJ_UNITS.items()
    for e in ("", "e", "en", "er", "es", "em")
}
_LANG = {
    "tage": "D",
    "wochen": "W",
    "monate": "M",
    "jahre": "Y",
    "jahrzehnte": "DE",
    "stunden": "H",
}
DURADJ |= {f"{w}lang{e}": (None, u) for w, u in _LANG.items() for e in ("", "e", "en", "er", "es")}

LEXICON = {
    "MONTH": MONTH,
    "WEEKDAY": WEEKDAY,
    "WEEKDAYS": WEEKDAYS,
    "UNIT": _SINGULAR,
    "UNITS": _PLURAL,
    "NUM": NUMBERS,
    "ORD": ORDINALS,
    "ONE": dict.fromkeys(_words("ein eine einen einem einer eines"), 1),
    "FEW": _inflected("einig mehrer wenig etlich viel", None) | {"paar": None},
    "DAYREF": {"heute": 0, "gestern": -1, "übermorgen": 2, "vorgestern": -2}
    | {"heute morgen": (0, "MO"), "heute früh": (0, "MO"), "gestern morgen": (-1, "MO")}
    | {"gestern früh": (-1, "MO"), "morgen früh": (1, "MO")},
    "PART": {p: v for p, v in _PARTS.items() if p != "morgen"},  # "Morgen" is in CASED
    "CLOCK": {"mitternacht": (24, 0)},
    "LAST": _inflected("letzt vergangen vorig", -1),
    "NEXT": _inflected("nächst kommend", 1),
    "THIS": _inflected("dies laufend", 0),
    "FOLLOW": _inflected("folgend darauffolgend", 1) | _inflected("vorherig", -1),
    "AGO": {"später": (1, "prev"), "danach": (1, "prev")}
    | {"zuvor": (-1, "prev"), "davor": (-1, "prev")},
    "AGOPRE": {"vor": (-1, "dct")},  # vor zwei Tagen
    "EVERY": dict.fromkeys(_words("jeden jede jedes jeder alle")),
    "SETADV": {"täglich": "P1D", "tagtäglich": "P1D", "wöchentlich": "P1W", "monatlich": "P1M"}
    | {"jährlich": "P1Y", "alljährlich": "P1Y", "stündlich": "PT1H"}
    | {"vierteljährlich": "P3M", "halbjährlich": "P6M"},
    # Feiertage: ("fixed", Monat, Tag) oder ("easter", Abstand zu Ostern)
    "HOLIDAY": {"weihnachten": ("fixed", 12, 25), "heiligabend": ("fixed", 12, 24)}
    | {"silvester": ("fixed", 12, 31), "neujahr": ("fixed", 1, 1)}
    | {"tag der deutschen einheit": ("fixed", 10, 3), "allerheiligen": ("fixed", 11, 1)}
    | dict.fromkeys(_words("ostern ostersonntag"), ("easter", 0))
    | {"ostermontag": ("easter", 1), "karfreitag": ("easter", -2), "pfingsten": ("easter", 49)}
    | {"pfingstmontag": ("easter", 50), "himmelfahrt": ("easter", 39)},
    "SEASON": {"frühling": "SP", "frühjahr": "SP", "frühjahrs": "SP", "sommer": "SU"}
    | {"sommers": "SU", "herbst": "FA", "herbstes": "FA", "winter": "WI", "winters": "WI"},
    "DET": dict.fromkeys(_words("der die das den dem des")),
    "PREP": dict.fromkeys(
        _words("in im am an seit bis ab vom zum zur von nach während für innerhalb binnen")
    ),
    "AT": dict.fromkeys(_words("um gegen")),
    "EDGE": dict.fromkeys(_words("anfang ende mitte beginn anfangs")),
    "APPROX": dict.fromkeys(
        _words(
            "etwa|rund|fast|knapp|mehr als|weniger als|über|gut|ungefähr|ca.|circa|"
            "annähernd|mindestens|höchstens|bis zu|nahezu|beinahe"
        )
    ),
    "HOUR": {"uhr": None},
    "AND": {"und": None},
    "HALF": dict.fromkeys(_words("halb halbe halben halbes"), 0.5),
    "TIMES": {"mal": None, "einmal": 1, "zweimal": 2, "dreimal": 3},
    "PER": {"pro": None, "je": None},
    "DURADJ": DURADJ,
    "DECADE": {f"{t}er{j}": n // 10 for t, n in _TENS.items() for j in ("", "jahre", "jahren")},
    # "im Vorjahr": the year before the period reported on (see h_anaphor)
    "ANAPH": {"vortag": ("D", -1), "vortages": ("D", -1), "folgetag": ("D", 1)}
    | {"tags darauf": ("D", 1), "tags zuvor": ("D", -1), "selben tag": ("D", 0)}
    | {"gleichen tag": ("D", 0), "vorjahr": ("Y", -1, "prevq"), "vorjahres": ("Y", -1, "prevq")}
    | {"vorquartal": ("Q", -1, "prevq"), "vorquartals": ("Q", -1, "prevq")}
    | {"vormonat": ("M", -1, "dct"), "vormonats": ("M", -1, "dct"), "vorwoche": ("W", -1, "dct")},
    "UNITEDGE": dict.fromkeys(_words("jahresende jahresanfang jahresbeginn jahresmitte"), "Y")
    | {"jahreswechsel": "Y", "monatsende": "M", "monatsanfang": "M", "monatsmitte": "M"}
    | {"wochenmitte": "W"},
}

# "morgen" is tomorrow, "Morgen" the morning; a capital opening a sentence says nothing.
CASED = {"morgen": (("PART", "MO"), ("DAYREF", 1), ("DAYREF", 1))}

# Values of present, past and future references; words not tagged above become REF.
REFS = dict.fromkeys(
    _words("jetzt|derzeit|zurzeit|zur zeit|gegenwärtig|momentan|aktuell|heutzutage|gegenwart"),
    "PRESENT_REF",
) | dict.fromkeys(
    _words("kürzlich|neulich|jüngst|unlängst|vor kurzem|vergangenheit|damals|einst|seinerzeit|"
           "bislang|bisher"),
    "PAST_REF",
) | dict.fromkeys(_words("bald demnächst künftig zukünftig zukunft"), "FUTURE_REF")  # fmt: skip

CONVENTIONS = {
    "ref_type": "DATE",
    "ref_det": ("zukunft", "vergangenheit", "gegenwart"),  # "die Zukunft"
    "age_words": ("alt",),  # "52 Jahre alt"
    "age_of": ("von",),
    "age_preceding": ("alter",),  # "im Alter von 52 Jahren"
    "latest": ("jüngsten",),
    "bare_units": ("WE",),  # "am Wochenende"
    "cased_nouns": True,  # participles are lower case, nouns capitalised
}

DECADE_SUFFIX = "er"  # die 90er Jahre
MULTIPLIERS = (100,)

# Strong and common weak preterites of news copy; their plurals add -en.
_PRETERITES = _words(
    "stieg fiel sank lag kam ging gab nahm blieb stand fand hielt begann gewann verlor traf "
    "sprach schrieb brach wuchs trat zog bot lief schloss starb floh rief warf wies"
)
FUTURE_CUES = frozenset(
    _words("wird werden wirst werde morgen übermorgen nächste nächsten kommende")
)
WEAK_FUTURE_CUES = frozenset(
    _words("soll sollen sollte sollten will wollen plant planen geplant voraussichtlich dürfte "
           "könnte künftig bald")
)  # fmt: skip
PAST_CUES = frozenset(
    _words("war waren hatte hatten wurde wurden hat haben gestern vorgestern damals letzte "
           "letzten vergangene vergangenen sagte sagten machte machten stellte stellten zeigte "
           "zeigten meldete meldeten forderte forderten")
    + _PRETERITES
    + [w + "en" for w in _PRETERITES]
)  # fmt: skip
PAST_RE = r"^(?:ge\w{3,}(?:t|en)|\w{3,}ierten?)$"  # gesagt, gekommen; kritisierte
REPORT_CUES = frozenset(
    _words("sagte sagten teilte erklärte erklärten berichtete berichteten hieß")
)

MACROS = {
    "EDGEP": "(?:EDGE (?:DET|OF)?)",
    "DAYDOT": "(?:DIGITS DOT|ORD)",
}

PATTERNS = [
    # calendar dates: 8. März 2023, Mittwoch, den 8. März, 08.03.2023
    ("numdate", "(?P<nd>NUMDATE)"),
    ("date", "(?P<year>YEAR) HYPHEN (?P<month>DIGITS) HYPHEN (?P<day>DIGITS)"),
    (
        "date",
        "(?:(?P<wd>WEEKDAY) COMMA? DET?)? DET? (?P<day>DAYDOT) (?P<month>MONTH) (?P<year>YEAR)?",
    ),
    ("named", "(?P<edge>EDGEP)? (?P<month>MONTH) (?P<year>YEAR)"),
    ("named", "(?P<edge>EDGEP)? (?P<month>MONTH)"),
    ("named", "(?P<rel>LAST|NEXT|THIS) (?P<month>MONTH)"),
    ("named", "(?P<rel>LAST|NEXT|THIS) (?P<season>SEASON)"),
    ("named", "EDGEP? (?P<month>MONTH) (?P<rel>LAST|NEXT|THIS) (?P<unit>UNIT)"),
    ("named", "EDGEP? (?P<season>SEASON) (?P<rel>LAST|NEXT|THIS) (?P<unit>UNIT)"),
    ("named", "(?P<edge>EDGEP)? DET? (?P<season>SEASON) (?P<year>YEAR)?"),
    # years, decades, centuries, quarters
    ("year", "(?P<edge>EDGEP)? (?:DET? (?P<unit>UNIT|UNITS))? (?P<year>YEAR)"),
    ("decade", "DET? EDGEP? (?:(?P<year>YEAR)|(?P<short>DIGITS)) DECSUF UNITS?"),
    ("decade", "DET? EDGEP? (?P<word>DECADE) UNITS?"),
    ("century", "DET? EDGEP? (?P<ord>DAYDOT) (?P<unit>UNIT)"),
    (
        "quarter",
        "EDGEP? DET? (?P<ord>DAYDOT) (?P<unit>UNIT) "
        "(?:(?P<year>YEAR)|DET (?P<rel>LAST|NEXT|THIS) (?P<yunit>UNIT))?",
    ),
    # relative to the publication date or to the last date mentioned
    ("anaphor", "(?P<w>ANAPH)"),
    ("holiday", "(?P<rel>LAST|NEXT|THIS)? (?P<hol>HOLIDAY) (?P<year>YEAR)?"),
    ("anaphor", "DET? (?P<rel>FOLLOW) (?P<unit>UNIT)"),
    ("relunit", "(?P<edge>EDGEP)? DET? (?P<rel>LAST|NEXT|THIS) (?P<unit>UNIT)"),
    ("relunit", "(?P<unit>UNITEDGE)"),
    ("relunit", "(?P<edge>EDGEP) DET (?P<unit>UNIT)"),
    ("theunit", "(?<=PREP) (?P<unit>UNIT)"),
    ("weekday", "(?P<rel>LAST|NEXT|THIS)? (?P<wd>WEEKDAY) (?P<part>PART)?"),
    ("weekday_set", "(?P<wd>WEEKDAYS)"),
    ("dayref", "(?P<dayref>DAYREF) (?P<part>PART)?"),
    ("relpart", "(?P<rel>LAST|THIS) (?P<part>PART)"),
    ("ago", "(?P<dir>AGOPRE) APPROX? (?P<num>COUNT) (?P<unit>UNIT|UNITS)"),
    ("ago", "APPROX? (?P<num>COUNT) (?P<unit>UNIT|UNITS) (?P<dir>AGO)"),
    # sets before durations
    ("set", "(?P<every>EVERY) (?P<num>COUNT|ORD)? (?P<unit>UNIT|UNITS|WEEKDAY|MONTH|PART|SEASON)"),
    ("set", "(?P<adv>SETADV)"),
    ("set", "(?<=PER) (?P<unit>UNIT)"),
    ("set", "(?<=TIMES PREP) (?P<unit>UNIT)"),
    # durations
    (
        "duration",
        "APPROX? DET? (?:LAST|NEXT|ORD)? (?P<num>COUNT) (?P<unit>UNIT|UNITS) (?P<half>AND HALF)?",
    ),
    ("duration", "(?:APPROX|(?<=PREP)) FEW? (?P<unit>UNITS)"),
    ("duradj", "(?P<adj>DURADJ)"),
    # clock times: 15 Uhr, 15.30 Uhr, 15 Uhr 30, um 15.30
    (
        "time",
        "APPROX? (?:(?P<hour>DIGITS|NUMBER)|(?P<hhmm>HHMM)) (?P<ampm>HOUR) (?P<min>DIGITS)?",
    ),
    ("time", "(?<=AT) APPROX? (?P<hhmm>HHMM)"),
    ("time", "(?P<clock>CLOCK)"),
    # present, past and future references
    ("ref", "(?P<ref>REF)"),
    ("ref", "DET (?P<ref>REF)"),
]

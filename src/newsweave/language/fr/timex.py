"""French time-expression rules for `newsweave.timex`.

Same layout as `language/en/timex.py`. French word order differs ("la
semaine dernière", "il y a trois jours", "14 h 30"), and the French TimeBank
guidelines differ in a few conventions kept in CONVENTIONS: present, past and
future references are TIME, decades are written 196X, centuries 18XX. The
article belongs to a date ("le 30 juin"); the contracted au/du do not.
"""


def _words(text: str) -> list[str]:
    """A word list written as one string; "|" separates entries that hold spaces."""
    return [w.strip() for w in text.split("|")] if "|" in text else text.split()


def _numbered(text: str, start: int = 1, step: int = 1) -> dict[str, int]:
    return {w: start + step * i for i, w in enumerate(_words(text))}


_MONTHS = _words(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
)
_DAYS = _words("lundi mardi mercredi jeudi vendredi samedi dimanche")

MONTH = {m: i for i, m in enumerate(_MONTHS, 1) if m != "mars"}  # "Mars" is also a planet
MONTH |= {"fevrier": 2, "aout": 8, "decembre": 12, "janv.": 1, "févr.": 2, "fév.": 2}
MONTH |= {"avr.": 4, "juil.": 7, "sept.": 9, "oct.": 10, "nov.": 11, "déc.": 12}

_UNITS = dict(zip(
    _words("seconde minute heure jour journée semaine mois trimestre semestre an année "
           "décennie siècle week-end weekend"),
    ["S", "MIN", "H", "D", "D", "W", "M", "Q", "HALF", "Y", "Y", "DE", "CE", "WE", "WE"],
    strict=True,
))  # fmt: skip
NUMBERS = _numbered("zéro", 0) | _numbered("deux trois quatre cinq six sept huit neuf dix", 2)
NUMBERS |= _numbered("onze douze treize quatorze quinze seize", 11)
NUMBERS |= _numbered("vingt trente quarante cinquante soixante", 20, 10) | {"vingts": 20}
NUMBERS |= {"cent": 100, "cents": 100, "mille": 1000}
# "une dizaine d'années": about ten; the value keeps the round number.
NUMBERS |= {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30}
_ROMAN = _words("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx xxi")
ORDINALS = _numbered(
    "premier deuxième troisième quatrième cinquième sixième septième huitième neuvième "
    "dixième onzième douzième"
) | {"première": 1, "second": 2, "seconde": 2, "ier": 1, "1er": 1, "1re": 1}
ORDINALS |= {f"{r}{e}": i for i, r in enumerate(_ROMAN, 1) for e in ("e", "ème")}  # XIXe siècle

_SETADV = {"quotidien": "P1D", "hebdomadaire": "P1W", "mensuel": "P1M", "annuel": "P1Y"}

LEXICON = {
    "MONTH": MONTH,
    "WEEKDAY": {d: i for i, d in enumerate(_DAYS)},
    "WEEKDAYS": {f"{d}s": i for i, d in enumerate(_DAYS)},
    "UNIT": {w: u for w, u in _UNITS.items() if w != "seconde"},  # "seconde" is an ordinal
    "UNITS": {f"{w}s": u for w, u in _UNITS.items() if w != "mois"},
    "NUM": NUMBERS,
    "ORD": ORDINALS,
    "ORDSUF": dict.fromkeys(_words("er re e ème eme è")),
    "ONE": {"un": 1, "une": 1},
    "FEW": dict.fromkeys(_words("plusieurs quelques des nombreuses")),
    "DAYREF": {"aujourd'hui": 0, "hier": -1, "demain": 1, "avant-hier": -2, "après-demain": 2},
    "PART": {"matin": "MO", "matinée": "MO", "après-midi": "AF", "soir": "EV", "soirée": "EV"}
    | {"nuit": "NI"},
    "CLOCK": {"midi": (12, 0), "minuit": (24, 0)},
    "LAST": dict.fromkeys(_words("dernier dernière derniers dernières passé passée passés"), -1),
    "NEXT": dict.fromkeys(_words("prochain|prochaine|prochains|prochaines|à venir"), 1),
    "THIS": dict.fromkeys(_words("ce|cet|cette|ces|en cours"), 0),
    "FOLLOW": {"suivant": 1, "suivante": 1, "précédent": -1, "précédente": -1},
    # "trois jours plus tard" is, for the guidelines, a duration and a signal
    "AGO": {"auparavant": (-1, "prev")},
    "AGOPRE": {"il y a": (-1, "dct"), "voici": (-1, "dct"), "dans": (1, "dct")},
    "EVERY": dict.fromkeys(_words("chaque|tous les|toutes les")),
    "SETADV": {f"{w}{e}": v for w, v in _SETADV.items() for e in ("", "s", "le", "les")}
    | {"quotidiennement": "P1D", "annuellement": "P1Y", "mensuellement": "P1M"},
    "SEASON": {"printemps": "SP", "été": "SU", "automne": "FA", "hiver": "WI"},
    # fêtes: ("fixed", mois, jour) ou ("easter", décalage depuis Pâques)
    "HOLIDAY": {"noël": ("fixed", 12, 25), "toussaint": ("fixed", 11, 1)}
    | {"jour de l'an": ("fixed", 1, 1), "saint-sylvestre": ("fixed", 12, 31)}
    | {"saint-valentin": ("fixed", 2, 14), "pâques": ("easter", 0)}
    | {"lundi de pâques": ("easter", 1), "pentecôte": ("easter", 49)},
    "DET": dict.fromkeys(_words("le la l les")),
    "PREP": dict.fromkeys(
        _words("en depuis pendant durant dès avant après au aux jusqu'au sur pour entre")
    ),
    "AT": dict.fromkeys(_words("à vers jusqu'à")),
    "EDGE": dict.fromkeys(_words("début fin mi milieu courant")),
    "OF": dict.fromkeys(_words("de d du")),
    "APPROX": dict.fromkeys(
        _words(
            "environ|près de|presque|plus de|moins de|au moins|à peine|quelque|quasiment|"
            "pratiquement|au plus|pas moins de|un peu plus de|un peu moins de|bien plus de"
        )
    ),
    "HOUR": {"h": None},
    "AND": {"et": None},
    "HALF": {"demi": 0.5, "demie": 0.5},
    "TIMES": {"fois": None},
    "PER": {"par": None},
    "DURADJ": {"quinquennat": (5, "Y"), "septennat": (7, "Y"), "biennal": (2, "Y")},
    "ANAPH": {"lendemain": ("D", 1), "veille": ("D", -1), "surlendemain": ("D", 2)}
    | {"avant-veille": ("D", -2), "le même jour": ("D", 0), "ce jour-là": ("D", 0)},
}

CASED = {"mars": (None, ("MONTH", 3))}  # "mars" is a month, "Mars" the planet

# Values of present, past and future references; words not tagged above become REF.
REFS = dict.fromkeys(
    _words("maintenant|actuellement|désormais|dorénavant|pour l'instant|à présent|en ce moment|"
           "actuel|actuelle|actuels|actuelles|à l'heure actuelle|de nos jours|aujourd'hui encore"),
    "PRESENT_REF",
) | dict.fromkeys(
    _words("récemment autrefois jadis naguère précédemment auparavant précédent précédente passé"),
    "PAST_REF",
) | dict.fromkeys(
    _words("bientôt prochainement avenir futur prochain prochains prochaine prochaines"),
    "FUTURE_REF",
)  # fmt: skip

CONVENTIONS = {
    "ref_type": "TIME",
    "ref_det": ("avenir", "futur", "passé"),  # "l'avenir", "le passé"
    "ref_needs_det": ("avenir", "futur", "passé"),
    "decade": "{:03d}X",
    "century": "{:02d}XX",
    "decade_words": ("années",),  # les années 60
    "weak_seasons": ("été",),  # also the participle of être: needs a determiner or a year
    # Ages: "Jean Dupont, 53 ans,", "âgé de 54 ans", "un chauffeur de 38 ans".
    "age_apposition": True,
    "age_of": ("de", "d"),
    "age_preceding": _words("âgé âgée âgés âgées"),
    "duration_nouns": frozenset(
        _words(
            "peine prison mandat contrat période durée bail plan programme délai absence "
            "exil guerre retard règne carrière travaux séjour stage emprisonnement réclusion "
            "détention sursis garantie engagement moratoire concession crédit prêt emprunt "
            "amortissement interdiction suspension plus moins environ près"
        )
    ),
    "set_nouns": _words("quotidien quotidiens hebdomadaire hebdomadaires mensuel mensuels"),
}

MULTIPLIERS = (100, 20)  # quatre-vingts

FUTURE_CUES = frozenset(
    _words("va vont sera seront aura auront devrait devraient doit doivent prévu prévue prévus "
           "prévues prochain prochaine demain compte envisage devra devront pourra pourront")
)  # fmt: skip
PAST_CUES = frozenset(
    _words("a ont avait avaient était étaient fut furent eut eurent hier dernier dernière été "
           "avons avez")
)  # fmt: skip
PAST_RE = r"^\w{2,}(?:ait|aient)$"  # imparfait
FUTURE_RE = r"^\w+(?:[^aeiouéè]ra|[eiu]ra|ront|rons)$"  # futur simple: rendra, sera, feront

MACROS = {
    "EDGEP": "(?:DET? EDGE (?:OF|FEW)? APOS? (?:DET APOS?)?|EDGE HYPHEN)",
    "DETP": "(?:DET APOS?)",
    "NUMBER": "(?:NUM (?:HYPHEN? (?:AND HYPHEN?)? NUM)*|DIGITS FRAC?|FRAC)",  # vingt-et-un
}

PATTERNS = [
    # calendar dates
    ("numdate", "(?P<nd>NUMDATE)"),
    ("date", "(?P<year>YEAR) HYPHEN (?P<month>DIGITS) HYPHEN (?P<day>DIGITS)"),
    (
        "date",
        "EDGEP? DET? (?P<wd>WEEKDAY)? (?P<day>DAYNUM) (?P<month>MONTH) (?P<year>YEAR|DIGITS)? "
        "(?P<rel>LAST|NEXT)?",
    ),
    ("named", "(?P<edge>EDGEP)? (?P<month>MONTH) (?P<year>YEAR|DIGITS)"),
    ("named", "(?P<edge>EDGEP)? (?:UNIT OF)? (?P<month>MONTH) (?P<rel>LAST|NEXT)?"),
    ("named", "(?P<rel>THIS) (?P<season>SEASON)"),
    ("named", "DETP (?P<season>SEASON) (?P<rel>LAST|NEXT)"),
    ("named", "EDGEP? (?:DETP)? (?P<season>SEASON) (?P<year>YEAR)?"),
    # years, decades, centuries, quarters
    ("year", "(?P<edge>EDGEP)? (?:DETP (?P<unit>UNIT))? (?P<year>YEAR)"),
    ("year", "(?<=PREP) (?P<year>DIGITS) (?!UNIT|UNITS|HOUR|MONTH|DIGITS|WORD|OF|HYPHEN)"),
    ("decade", "DET? EDGEP? (?P<unit>UNITS) (?:(?P<year>YEAR)|(?P<short>DIGITS|NUMBER))"),
    ("century", "DET? EDGEP? (?P<ord>DAYNUM) (?P<unit>UNIT)"),
    ("quarter", "EDGEP? DETP? (?P<ord>ORD) (?P<unit>UNIT) (?:OF? (?P<year>YEAR))?"),
    (
        "quarter",
        "EDGEP? DETP? (?P<ord>ORD) (?P<unit>UNIT) OF? DETP (?P<yunit>UNIT) (?P<rel>LAST|NEXT|THIS)",
    ),
    # relative to the publication date or to the last date mentioned
    ("anaphor", "(?P<w>ANAPH)"),
    ("holiday", "(?:DETP|THIS)? (?P<hol>HOLIDAY) (?P<rel>LAST|NEXT)? (?P<year>YEAR)?"),
    ("anaphor", "DETP (?P<unit>UNIT) (?P<rel>FOLLOW)"),
    ("relunit", "(?P<edge>EDGEP)? DETP? (?P<unit>UNIT) (?P<rel>LAST|NEXT|THIS)"),
    ("relunit", "(?P<edge>EDGEP)? (?P<rel>THIS) (?P<unit>UNIT)"),
    ("relunit", "(?P<edge>EDGEP) (?P<unit>UNIT)"),
    ("weekday_set", "(?P<wd>WEEKDAYS)"),
    ("weekday_set", "(?<!PREP) DET (?P<wd>WEEKDAY) (?P<part>PART)? (?!DAYNUM|LAST|NEXT|FOLLOW)"),
    ("weekday", "THIS? (?P<wd>WEEKDAY) (?P<part>PART)? (?P<rel>LAST|NEXT)?"),
    ("dayref", "(?P<dayref>DAYREF) (?:PREP? EDGEP)? (?P<part>PART)?"),
    ("dayref", "(?P<dayref>DAYREF) WEEKDAY"),
    ("relpart", "(?P<rel>THIS) (?P<part>PART)"),
    ("relpart", "DETP (?P<part>PART) (?P<rel>LAST)"),
    ("ago", "(?P<dir>AGOPRE) APPROX? (?P<num>COUNT) (?:OF APOS?)? (?P<unit>UNIT|UNITS)"),
    # "à 18 heures" is a clock time, "18 heures" alone a duration
    (
        "time",
        "(?<=AT) APPROX? (?P<hour>DIGITS|NUMBER) (?P<hunit>UNIT|UNITS) (?P<min>DIGITS)? "
        "(?:OF (?P<part>PART))?",
    ),
    # sets before durations
    (
        "set",
        "(?P<every>EVERY) (?P<num>COUNT|ORD)? (?P<unit>UNIT|UNITS|WEEKDAY|WEEKDAYS|MONTH|PART|SEASON)",
    ),
    ("set", "(?P<adv>SETADV)"),
    ("set", "(?<=PER) (?P<unit>UNIT)"),
    # durations
    ("duration", "APPROX? (?P<num>COUNT) (?:OF APOS?)? (?P<unit>UNIT|UNITS) (?P<half>AND HALF)?"),
    ("duration", "(?:THIS|DET) (?:LAST|NEXT) (?P<num>COUNT)? (?P<unit>UNITS)"),
    ("duration", "DET? (?P<num>COUNT) (?:LAST|NEXT) (?P<unit>UNITS)"),
    ("duration", "DET (?P<unit>UNITS) (?:LAST|NEXT)"),
    ("duration", "ONE (?P<num>HALF) HYPHEN? (?P<unit>UNIT)"),
    ("duradj", "ONE? (?P<adj>DURADJ)"),
    # clock times
    ("time", "APPROX? (?P<hour>DIGITS) (?P<ampm>HOUR) (?P<min>DIGITS)? (?P<wd>WEEKDAY|DAYREF)?"),
    ("time", "(?<=AT) (?P<hhmm>HHMM)"),
    ("time", "(?P<clock>CLOCK)"),
    # present, past and future references
    ("ref", "(?P<ref>REF|AGO|NEXT|FOLLOW|LAST)"),
    ("ref", "DETP (?P<ref>REF|LAST)"),
]

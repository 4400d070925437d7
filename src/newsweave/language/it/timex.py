"""Italian time-expression rules for `newsweave.timex`.

Same layout as `language/fr/timex.py`. Italian word order is close to the
French ("la settimana scorsa", "lunedì scorso", "il 3 marzo"), with "fa"
after the count ("tre giorni fa") and "tra"/"fra" before it ("tra due
settimane"). Values follow the TIMEX3 guidelines as the English rules do
(references are DATE, decades 196, centuries 18). The article belongs to a
date ("il 3 marzo"); the contracted prepositions (nel, dal, alle) do not.

Words that are also something else are left out or guarded: "secondo"
("according to") is no unit, "ora" ("now") is only the unit of "un'ora",
"estate" (also "been", as in "sono state") needs a determiner or a year,
"prima" and "dopo" count from the last date named ("tre giorni dopo").
"""


def _words(text: str) -> list[str]:
    """A word list written as one string; "|" separates entries that hold spaces."""
    return [w.strip() for w in text.split("|")] if "|" in text else text.split()


def _numbered(text: str, start: int = 1, step: int = 1) -> dict[str, int]:
    return {w: start + step * i for i, w in enumerate(_words(text))}


_MONTHS = _words(
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre"
)
# Weekdays are written with and without the accent (lunedì, lunedi).
_DAYS = _words("lunedì martedì mercoledì giovedì venerdì sabato domenica")
_PLAIN_DAYS = [d.replace("ì", "i") for d in _DAYS]

MONTH = {m: i for i, m in enumerate(_MONTHS, 1)}
# Abbreviations count only next to a day ("8 mar. 2023"): "gen." is also "generale",
# "set" a film set, "mar" the sea.
MONTHX = _numbered("gen. feb. mar. apr. mag. giu. lug. ago. set. ott. nov. dic.") | {"sett.": 9}

# Units, singular and plural; "secondo" is also "according to", so only its plural counts.
_UNITS_ONE = {
    "minuto": "MIN", "ora": "H", "giorno": "D", "giornata": "D", "settimana": "W", "mese": "M",
    "trimestre": "Q", "semestre": "HALF", "anno": "Y", "annata": "Y", "decennio": "DE",
    "secolo": "CE", "fine settimana": "WE", "weekend": "WE",
}  # fmt: skip
_UNITS_MANY = {
    "secondi": "S", "minuti": "MIN", "ore": "H", "giorni": "D", "giornate": "D",
    "settimane": "W", "mesi": "M", "trimestri": "Q", "semestri": "HALF", "anni": "Y",
    "annate": "Y", "decenni": "DE", "secoli": "CE",
}  # fmt: skip

_UNITS_DIGITS = _words("uno due tre quattro cinque sei sette otto nove")
_TENS = _words("venti trenta quaranta cinquanta sessanta settanta ottanta novanta")
NUMBERS = _numbered("zero", 0) | _numbered("due tre quattro cinque sei sette otto nove dieci", 2)
NUMBERS |= _numbered("undici dodici tredici quattordici quindici sedici", 11)
NUMBERS |= _numbered("diciassette diciotto diciannove", 17)
NUMBERS |= {t: 20 + 10 * i for i, t in enumerate(_TENS)}
# ventidue, trentacinque: one word; the tens drop their vowel before uno and otto (ventotto)
for i, tens in enumerate(_TENS):
    for n, unit in enumerate(_UNITS_DIGITS, 1):
        stem = tens[:-1] if unit[0] in "uo" else tens
        NUMBERS[stem + ("tré" if unit == "tre" else unit)] = 20 + 10 * i + n
    NUMBERS[tens[:-1]] = 20 + 10 * i  # elided before a vowel: vent'anni, trent'anni
NUMBERS |= {"cento": 100, "mille": 1000}
# "una decina di anni": about ten; the value keeps the round number.
NUMBERS |= {"decina": 10, "dozzina": 12, "quindicina": 15, "ventina": 20, "trentina": 30}

_ORD_STEMS = _words("prim second terz quart quint sest settim ottav non decim undicesim dodicesim")
# "prima" is left to AGO ("tre giorni prima"); "il primo marzo" keeps the masculine.
ORDINALS = {f"{s}{e}": i for i, s in enumerate(_ORD_STEMS, 1) for e in "oaie" if s + e != "prima"}
ORDINALS |= _numbered("ventesimo ventunesimo", 20)
# il XIX secolo; i, v, vi and x are also Italian words
_ROMAN = _numbered("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx xxi")
ORDINALS |= {r: n for r, n in _ROMAN.items() if r not in ("i", "v", "vi", "x")}

_FEW = _words(
    "alcuni alcune diversi diverse parecchi parecchie vari varie molti molte pochi poche qualche"
)
# singular "ultimo" is left out: "l'ultimo anno" is the past twelve months, not last year
_LAST = _words("scorso scorsa scorsi scorse passato passata passati passate ultimi ultime")
_PREPOSITIONS = _words(
    "a ad in nel nello nella nell nei negli nelle da dal dallo dalla dall dai dagli dalle "
    "durante per entro fino sul sulla su"
)
_APPROX = _words(
    "circa|quasi|oltre|almeno|appena|ben|più di|meno di|poco più di|poco meno di|non meno di|"
    "al massimo"
)

LEXICON = {
    "MONTH": MONTH,
    "MONTHX": MONTHX,
    "WEEKDAY": {d: i for i, d in enumerate(_DAYS)} | {d: i for i, d in enumerate(_PLAIN_DAYS)},
    "WEEKDAYS": {"sabati": 5, "domeniche": 6},  # the others do not change in the plural
    "UNIT": _UNITS_ONE,
    "UNITS": _UNITS_MANY,
    "NUM": NUMBERS,
    "ORD": ORDINALS,
    "ORDSUF": dict.fromkeys(_words("° º")),
    "ONE": {"un": 1, "uno": 1, "una": 1},
    "FEW": dict.fromkeys(_FEW),
    "DAYREF": {"oggi": 0, "ieri": -1, "domani": 1, "dopodomani": 2, "altroieri": -2}
    | {"l'altro ieri": -2, "ieri l'altro": -2, "l'altroieri": -2}
    # this morning, this evening, tonight: a day and a part of it in one word
    | {"stamattina": (0, "MO"), "stamane": (0, "MO"), "stamani": (0, "MO")}
    | {"stasera": (0, "EV"), "stanotte": (0, "NI")},
    "PART": {"mattina": "MO", "mattino": "MO", "mattinata": "MO", "pomeriggio": "AF"}
    | {"sera": "EV", "serata": "EV", "notte": "NI", "nottata": "NI"},
    "CLOCK": {"mezzogiorno": (12, 0), "mezzanotte": (24, 0)},
    "LAST": dict.fromkeys(_LAST, -1),
    "NEXT": dict.fromkeys(
        _words("prossimo prossima prossimi prossime entrante venturo ventura"), 1
    ),
    "THIS": dict.fromkeys(_words("questo|questa|questi|queste|quest|in corso"), 0),
    "FOLLOW": {"successivo": 1, "successiva": 1, "seguente": 1}
    | {"precedente": -1, "antecedente": -1},
    "AGO": {
        "fa": (-1, "dct"),
        "prima": (-1, "prev"),
        "dopo": (1, "prev"),
        "più tardi": (1, "prev"),
    },
    "AGOPRE": {"tra": (1, "dct"), "fra": (1, "dct")},
    "EVERY": dict.fromkeys(_words("ogni|tutti i|tutte le|ciascun")),
    "SETADV": {"quotidianamente": "P1D", "giornalmente": "P1D", "settimanalmente": "P1W"}
    | {"mensilmente": "P1M", "annualmente": "P1Y"},
    "SEASON": {"primavera": "SP", "estate": "SU", "autunno": "FA", "inverno": "WI"},
    # feste: ("fixed", mese, giorno) o ("easter", giorni da Pasqua)
    "HOLIDAY": {"natale": ("fixed", 12, 25), "capodanno": ("fixed", 1, 1)}
    | {"epifania": ("fixed", 1, 6), "ferragosto": ("fixed", 8, 15)}
    | {"ognissanti": ("fixed", 11, 1), "san silvestro": ("fixed", 12, 31)}
    | {"san valentino": ("fixed", 2, 14), "pasqua": ("easter", 0), "pasquetta": ("easter", 1)}
    | {"pentecoste": ("easter", 49), "festa della repubblica": ("fixed", 6, 2)}
    | {"festa della liberazione": ("fixed", 4, 25)},
    "DET": dict.fromkeys(_words("il lo la l i gli le")),
    "PREP": dict.fromkeys(_PREPOSITIONS),
    "AT": dict.fromkeys(_words("alle all verso")),
    "EDGE": dict.fromkeys(_words("inizio fine metà")),
    "OF": dict.fromkeys(_words("di d del dello della dell dei degli delle")),
    "APPROX": dict.fromkeys(_APPROX),
    "AND": {"e": None},
    "HALF": {"mezzo": 0.5, "mezza": 0.5, "mezz": 0.5},
    "DURADJ": {"biennio": (2, "Y"), "triennio": (3, "Y"), "quinquennio": (5, "Y")}
    | {"settennato": (7, "Y")},
    "ANAPH": {"l'indomani": ("D", 1), "il giorno dopo": ("D", 1), "il giorno prima": ("D", -1)}
    | {"la vigilia": ("D", -1), "lo stesso giorno": ("D", 0), "quel giorno": ("D", 0)}
    | {"l'anno dopo": ("Y", 1), "l'anno prima": ("Y", -1)},
}

# Values of present, past and future references; words not tagged above become REF.
REFS = dict.fromkeys(
    _words("attualmente|adesso|oggigiorno|in questo momento|per ora|attuale|attuali"),
    "PRESENT_REF",
) | dict.fromkeys(
    _words("recentemente|di recente|in passato|un tempo|precedentemente|poco fa|tempo fa"),
    "PAST_REF",
) | dict.fromkeys(
    _words("presto|prossimamente|in futuro|a breve|in avvenire"),
    "FUTURE_REF",
)  # fmt: skip

CONVENTIONS = {
    "decade_words": ("anni",),  # gli anni '60, gli anni Novanta
    "weak_seasons": ("estate",),  # also a participle of essere: needs a determiner or a year
    # Ages: "Mario Rossi, 53 anni,", "un uomo di 45 anni", "all'età di 61 anni", "ha 45 anni".
    "age_apposition": True,
    "age_of": ("di", "d"),
    "age_preceding": ("età",),
    "age_verbs": _words("ha aveva avrà compie compiuto compiuti compirà"),
    "duration_nouns": frozenset(
        _words(
            "pena condanna carcere reclusione detenzione prigione mandato contratto periodo durata "
            "piano programma ritardo assenza esilio guerra regno carriera lavori soggiorno "
            "garanzia impegno moratoria prestito mutuo sospensione divieto tregua "
            "più meno circa oltre"
        )
    ),
}

FUTURE_CUES = frozenset(
    _words("sarà saranno avrà avranno dovrebbe dovrebbero dovrà dovranno potrà potranno "
           "prossimo prossima domani intende intendono")
)  # fmt: skip
WEAK_FUTURE_CUES = frozenset(_words("previsto prevista previsti previste atteso attesa"))
PAST_CUES = frozenset(
    _words("ha hanno aveva avevano era erano fu furono stato stata stati ieri scorso scorsa "
           "abbiamo avete")
)  # fmt: skip
REPORT_CUES = frozenset(_words("detto dichiarato annunciato affermato riferito"))
# imperfetto and passato remoto (parlava, dicevano; annunciarono), not nouns in -iva
PAST_RE = r"^\w{2,}(?:ava|avano|eva|evano|ivano|arono|irono)$"
FUTURE_RE = r"^\w+(?:rà|ranno|remo)$"  # futuro semplice: sarà, andranno, faremo

MACROS = {
    "EDGEP": "(?:DET? EDGE OF? APOS? (?:DET APOS?)?)",
    "DETP": "(?:DET APOS?)",
    "COUNTP": "(?:COUNT APOS? (?:OF APOS?)?)",  # un'ora, una ventina d'anni
}

PATTERNS = [
    # calendar dates
    ("numdate", "(?P<nd>NUMDATE)"),
    ("date", "(?P<year>YEAR) HYPHEN (?P<month>DIGITS) HYPHEN (?P<day>DIGITS)"),
    (
        "date",
        "EDGEP? DETP? (?P<wd>WEEKDAY)? (?P<day>DAYNUM) (?P<month>MONTH|MONTHX) (?P<year>YEAR)? "
        "(?P<rel>LAST|NEXT)?",
    ),
    (
        "date",
        "DETP? (?P<rel>LAST|NEXT) (?P<day>DAYNUM) (?P<month>MONTH|MONTHX)",
    ),  # lo scorso 3 marzo
    ("named", "(?P<edge>EDGEP)? (?P<month>MONTH) (?:OF? (?P<year>YEAR))"),
    ("named", "(?P<edge>EDGEP)? (?:UNIT OF)? (?P<month>MONTH) (?P<rel>LAST|NEXT)?"),
    ("named", "DETP? (?P<rel>LAST|NEXT) (?P<month>MONTH)"),
    ("named", "(?P<rel>THIS) APOS? (?P<season>SEASON)"),
    ("named", "DETP (?P<season>SEASON) (?P<rel>LAST|NEXT)"),
    ("named", "DETP? (?P<rel>LAST|NEXT) (?P<season>SEASON)"),
    ("named", "EDGEP? DETP? (?P<season>SEASON) (?:OF? (?P<year>YEAR))?"),
    # years, decades, centuries, quarters
    ("year", "(?P<edge>EDGEP)? (?:DETP (?P<unit>UNIT))? (?P<year>YEAR)"),
    ("decade", "DET? EDGEP? (?P<unit>UNITS) APOS? (?:(?P<year>YEAR)|(?P<short>DIGITS|NUMBER))"),
    ("century", "DETP? EDGEP? (?P<ord>DAYNUM) (?P<unit>UNIT)"),
    ("quarter", "EDGEP? DETP? (?P<ord>ORD) (?P<unit>UNIT) (?:OF? (?P<year>YEAR))?"),
    (
        "quarter",
        "EDGEP? DETP? (?P<ord>ORD) (?P<unit>UNIT) OF? (?:DETP|THIS APOS?) (?P<yunit>UNIT) "
        "(?P<rel>LAST|NEXT|THIS)?",
    ),
    # relative to the publication date or to the last date mentioned
    ("anaphor", "(?P<w>ANAPH)"),
    # "Natale" is also a first name: a holiday after a preposition ("a Natale", "dopo
    # Pasqua"), a determiner or "questo"
    ("holiday", "(?:(?<=PREP|AT|OF|APOS|AGO)|DETP|THIS) (?P<hol>HOLIDAY) (?P<rel>LAST|NEXT)?"),
    ("holiday", "DETP? (?P<hol>HOLIDAY) (?P<year>YEAR)"),
    ("anaphor", "DETP (?P<unit>UNIT) (?P<rel>FOLLOW)"),
    ("relunit", "(?P<edge>EDGEP)? DETP? (?P<unit>UNIT) (?P<rel>LAST|NEXT|THIS)"),
    ("relunit", "(?P<edge>EDGEP)? DETP? (?P<rel>LAST|NEXT) (?P<unit>UNIT)"),
    ("relunit", "(?P<edge>EDGEP)? (?P<rel>THIS) APOS? (?P<unit>UNIT)"),
    ("relunit", "(?P<edge>EDGEP) (?P<unit>UNIT)"),
    ("weekday_set", "(?P<wd>WEEKDAYS)"),
    ("weekday_set", "(?<!PREP) DET (?P<wd>WEEKDAY) (?P<part>PART)? (?!DAYNUM|LAST|NEXT|FOLLOW)"),
    ("weekday", "DETP? (?P<rel>LAST|NEXT) (?P<wd>WEEKDAY) (?P<part>PART)?"),
    ("weekday", "THIS? (?P<wd>WEEKDAY) (?P<part>PART)? (?P<rel>LAST|NEXT)?"),
    ("dayref", "(?P<dayref>DAYREF) (?P<part>PART)?"),
    ("relpart", "(?P<rel>THIS) (?P<part>PART)"),
    ("relpart", "DETP (?P<part>PART) (?P<rel>LAST)"),
    ("ago", "(?P<dir>AGOPRE) APPROX? (?P<num>COUNTP) (?P<unit>UNIT|UNITS)"),
    ("ago", "APPROX? (?P<num>COUNTP) (?P<unit>UNIT|UNITS) (?P<dir>AGO)"),
    # clock times: alle 15.30, verso le 21:45, alle ore 15, alle 9 di sera, a mezzogiorno.
    # "alle 15" alone is left out: the rules look only near time words, and "alle 15
    # aziende" is no time.
    ("time", "(?:(?<=AT)|(?<=AT DET)) (?P<hhmm>HHMM) (?:OF (?P<part>PART))?"),
    (
        "time",
        "(?<=AT) APPROX? UNITS? (?P<hour>DIGITS) "
        "(?:OF (?P<part>PART)|(?=COMMA|DOT|SENT|PREP|AT|AND|WEEKDAY|DAYREF|$))",
    ),
    ("time", "(?P<clock>CLOCK)"),
    # sets before durations
    (
        "set",
        "(?P<every>EVERY) (?P<num>COUNT|ORD)? (?P<unit>UNIT|UNITS|WEEKDAY|WEEKDAYS|MONTH|PART|SEASON)",
    ),
    ("set", "(?P<adv>SETADV)"),
    # durations
    ("duration", "APPROX? (?P<num>COUNTP) (?P<unit>UNIT|UNITS) (?P<half>AND HALF)?"),
    ("duration", "(?:THIS|DET)? (?:LAST|NEXT) (?P<num>COUNT)? (?P<unit>UNITS)"),
    ("duration", "(?P<num>HALF) APOS? (?P<unit>UNIT)"),  # mezz'ora
    ("duradj", "DETP? (?P<adj>DURADJ)"),
    # present, past and future references
    ("ref", "(?P<ref>REF)"),
]

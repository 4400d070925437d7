"""The rule notation: tag names, their one-character codes, and the compiler.

Rules in `language/<code>/timex.py` are written over tag names
("DET? (?P<rel>LAST) UNIT"); `compile_dsl` turns them into regular
expressions over the tag string (one character per token), and `scan_rule`
tells the matcher where a rule can start and which tags it needs.
"""

from __future__ import annotations

import re

# Tag name -> the character that stands for it in the tag string.
TAGS = {
    "MONTH": "M", "MONTHX": "m", "WEEKDAY": "W", "WEEKDAYS": "X", "SEASON": "S", "HOLIDAY": "l",
    "UNIT": "U", "UNITS": "u", "UNITEDGE": "i", "PERIOD": "g", "DECADE": "9", "DECSUF": "d",
    "NUM": "N", "NUMC": "1", "DIGITS": "D", "YEAR": "Y", "ORD": "O", "ORDSUF": "q",
    "ONE": "a", "FEW": "v", "HALF": "h", "FRAC": "f", "AND": "&", "MORE": "+",
    "DAYREF": "T", "PART": "P", "PARTS": "V", "CLOCK": "K", "HHMM": "k", "NUMDATE": "n",
    "AMPM": "I", "HOUR": "H", "TZ": "Z", "LAST": "L", "NEXT": "F", "THIS": "C", "PAST": "Q",
    "FOLLOW": "r", "ANAPH": "R", "AGO": "A", "AGOPRE": "B", "EVERY": "E", "SETADV": "J",
    "TIMES": "z", "PER": "y", "REF": "G", "DURADJ": "j", "EDGE": "e", "EDGEN": "b", "FISCAL": "c",
    "APPROX": "x", "DET": "t", "PREP": "p", "AT": "@", "OF": "o", "PLURAL": "s",
    "WORD": "w", "COMMA": ",", "DOT": ".", "SENT": "!", "HYPHEN": "-", "COLON": ":",
    "SLASH": "/", "APOS": "'", "OTHER": "_",
}  # fmt: skip

DEFAULT_MACROS = {
    "NUMBER": "(?:(?:NUM|NUMC) (?:HYPHEN? NUM)*|DIGITS FRAC?|FRAC)",
    "COUNT": "(?:ONE? NUMBER (?:AND ONE HALF)?|ONE FEW|FEW|ONE (?:AND ONE HALF)?|HALF ONE|ONE HALF)",
    "DAYNUM": "(?:DIGITS ORDSUF?|ORD)",
}


def compile_dsl(dsl: str, macros: dict[str, str]) -> str:
    """Translate rule notation to a regex over tag characters.

    Upper-case names are tags or macros; everything else is regex syntax;
    spaces are ignored. "DET? (?P<rel>LAST) UNIT" -> "t?(?P<rel>L)U".
    """

    def name(m: re.Match[str]) -> str:
        word = m.group(0)
        if word.startswith("("):
            return word
        if word in macros:
            return compile_dsl(macros[word], macros)
        return re.escape(TAGS[word])

    return re.sub(r"\s+", "", re.sub(r"\(\?P<\w+>|[A-Z][A-Z_]*", name, dsl))


def scan_rule(regex: str) -> tuple[frozenset[str], frozenset[str]]:
    """The tags a match of `regex` can start with, and the tags every match holds.

    Handles the subset of regex syntax the rules use (literals, groups,
    alternation, ? * +, lookarounds). The matcher tries a rule only where it
    can start, and only in texts that hold all the tags it needs.
    """
    pos = 0

    def alt() -> tuple[set[str], bool, set[str]]:
        nonlocal pos
        first, nullable, needed = seq()
        while pos < len(regex) and regex[pos] == "|":
            pos += 1
            f, n, r = seq()
            first, nullable, needed = first | f, nullable or n, needed & r
        return first, nullable, needed

    def seq() -> tuple[set[str], bool, set[str]]:
        nonlocal pos
        first: set[str] = set()
        needed: set[str] = set()
        nullable = True
        while pos < len(regex) and regex[pos] not in "|)":
            f, n, r = atom()
            if pos < len(regex) and regex[pos] in "?*+":
                if regex[pos] != "+":
                    n, r = True, set()
                pos += 1
            if nullable:
                first |= f
                nullable = n
            needed |= r
        return first, nullable, needed

    def atom() -> tuple[set[str], bool, set[str]]:
        nonlocal pos
        c = regex[pos]
        if c == "(":
            look = regex.startswith(("(?=", "(?!", "(?<=", "(?<!"), pos)
            m = re.match(r"\((?:\?:|\?P<\w+>|\?<?[=!])?", regex[pos:])
            pos += m.end() if m else 1
            f, n, r = alt()
            pos += 1  # the closing parenthesis
            return (set(), True, set()) if look else (f, n, r)
        if c == "\\":
            c = regex[pos + 1]
            pos += 1
        pos += 1
        return {c}, False, {c}

    first, _, needed = alt()
    return frozenset(first), frozenset(needed)

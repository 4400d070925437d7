"""Time expressions: find them in text and normalise them to TIMEX3 values.

    find_timexes("Talks broke down last Tuesday.", "en", PartialDate(2023, 3, 8))
    -> [Timex("last Tuesday", 17, 29, "DATE", "2023-03-07", resolved=True, anchor="dct")]

The modules, in the order a text goes through them:

- `grammar`: a language's lexicon and compiled rules; the pre-filter and the
  tagger (one character per token); `notation` compiles the rule notation.
- `find`: rules matched near time words, overlaps settled longest first, then
  each winner anchored in text order. Rules come from `language/<code>/timex.py`,
  found through the language registry.
- `dates`, `relative`, `durations`: handlers that read a match (`hit.Hit`)
  into a `spec.Spec`: what the words say, before any anchoring.
- `resolve`: a Spec anchored to the publication date, the last date the text
  named, or the day named in the same sentence, as a TIMEX3 value.

Spans follow TimeML: determiners and modifiers belong to the expression
("the past three years", "early next year"), prepositions do not.
"""

from .find import find_timexes, languages

__all__ = ["find_timexes", "languages"]

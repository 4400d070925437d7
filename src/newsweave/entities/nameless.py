"""Sentences that cannot hold a name, blanked before a NER model reads the text.

A statistical NER model costs the same on every token, and many sentences of
news hold no capitalised word but the first, a plain word ("The",
"Residents", "Officials"): 15% of the text of English political news
(PolNeAR), a third of multilingual crisis coverage (ML-Crisis), half of the
benchmark's synthetic articles. The shipped spaCy pipelines find names with a
context of a few tokens either side (four convolution layers of window one,
and a left-to-right tagger whose features look at the nearby words), so such
a sentence neither holds a name nor much changes what the model finds next
to it (on PolNeAR 23 of 4,982 spans differ, as many gained as lost).

A sentence is read when any word after its first starts with a capital, or
its first word does and is neither a common sentence opener of a supported
language (`function_words.txt` [sentence_openers]) nor written in lower case
elsewhere in the same text, or it has fewer than five words (a list number
beside a name is the context that name is found by): "Macron said so." is
read, "Residents fled the flooded valley." is not when the text also says
"residents". The other sentences become spaces of the same length, so every
offset the model gives stays the text's.
"""

from __future__ import annotations

import re

from ..clustering.features import COMMON_CAPS
from ..events.sentences import split

# Words end at an apostrophe: a name glued to an elided article ("d'Émilie-Romagne",
# "l'Ucraina") starts with its capital.
_WORD = re.compile(r"[^\W\d_][\w\-]*")
# Shorter sentences are read whatever they hold: blanking a list number ("2.") or a
# fragment saves little and takes the context a name beside it is found by.
MIN_WORDS = 5


def blank_nameless(text: str) -> str:
    """`text` with each sentence that holds no possible name replaced by spaces."""
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    lower = {w for _, w in words if w[0].islower()}
    out: list[str] = []
    at = 0  # end of the text copied so far
    i = 0  # first word not before the current sentence
    for start, end in split(text, ()):
        while i < len(words) and words[i][0] < start:
            i += 1
        first = True
        named = False
        count = 0
        while i < len(words) and words[i][0] < end:
            word = words[i][1]
            i += 1
            count += 1
            if not word[0].isupper():
                first = False
                continue
            folded = word.lower()
            if not first or (folded not in lower and folded not in COMMON_CAPS):
                named = True
                break
            first = False
        if not named and count >= MIN_WORDS:
            out.append(text[at:start])
            out.append(" " * (end - start))
            at = end
    if not out:
        return text
    out.append(text[at:])
    return "".join(out)

"""Who said it: find the speech cue and speaker phrase of each quote span.

For each span the rules look, in order, at:

1. a transcript label inside the marks ("PENCE: ...");
2. an incise inside the quote (« Nous tiendrons, a-t-il assuré, jusqu'au bout »,
   «No cederemos —dijo el ministro—»), which also splits the span in two;
3. the words after the closing mark, up to the end of the sentence: "…,"
   X said / said X / sagte Scholz / a déclaré M. Austin / selon X / so X,
   or an epigraph dash ("…" ― Name);
4. the words before the opening mark in the same sentence: X said: "…",
   according to X, "…", X a déclaré que « … », a partial quote inside
   reported speech, or the sentence ending the previous paragraph with a colon;
5. its neighbours: a quote running over paragraphs keeps one speaker, and a
   bare quote right after an attributed one (no other person named between)
   continues it.

A quote split by its attribution ("…," he said, "…") is returned as two
quotes with the same speaker: each keeps exact offsets and mark-free text.
Speaker phrases are then resolved to mentions (`coref.Resolver`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..language.registry import find_language
from ..model import Mention, Quote
from .coref import Resolver
from .extract import QuoteSpan
from .neighbours import inherit
from .phrases import (
    Cue,
    is_pronoun,
    is_sentence_end,
    match_cue,
    np_backward,
    np_forward,
    skip_back,
    skip_forward,
    subject_before,
)
from .resources import Resources, charge_cue, load
from .speakers import Speaker, resolve
from .tokens import Line, Paragraphs

_LEAD = frozenset(",—–―-:")
_WORD = re.compile(r"\w+")
_DASHES = frozenset("—–―-")
_INCISE = frozenset(",—–")
_CLAUSE_PUNCT = frozenset(",;—–")
MIN_BARE_WORDS = 4  # shorter quotes without a speaker are scare quotes or titles
MAX_POST_TOKENS = 45  # a speaker phrase with its apposition fits in this many tokens
# A quote's attribution is sought in its sentence, read at most this many tokens either
# side of the quote: news sentences are far shorter, and a paragraph with no sentence
# end (a list, broken or hostile text) would otherwise be read whole for every quote in
# it, which is quadratic (7,700 short quotes in one line took minutes).
SENTENCE_REACH = 150


def attribute_spans(
    text: str,
    lang: str,
    spans: Sequence[QuoteSpan],
    mentions: Sequence[Mention] = (),
    describe: Callable[[str], str | None] | None = None,
) -> list[Quote]:
    """Quotes with speakers for the spans of one article."""
    res = load(lang)
    if res is None:  # no word lists: spans only, speakers from mentions would be guesses
        return [
            Quote(text[s.start : s.end], s.start, s.end)
            for s in spans
            if _keep(text, s, None, lang)
        ]
    minor = [_minor(text, s) for s in spans]
    doc = Paragraphs(text, spans, minor)
    pieces: list[QuoteSpan] = []
    speakers: list[Speaker | None] = []
    bare: list[bool] = []
    for k in range(len(spans)):
        for piece, speaker, alone in _attribute_one(doc, res, spans, minor, k):
            pieces.append(piece)
            speakers.append(speaker)
            bare.append(alone)
    small = [_minor(text, p) for p in pieces]
    inherit(doc, pieces, speakers, bare, small, mentions)
    resolver = Resolver(text, res, mentions, describe, [(s.start, s.end) for s in pieces])
    quotes = []
    resolved: dict[tuple[int, int, str], Speaker] = {}  # inherited speakers resolve once
    for piece, speaker in zip(pieces, speakers, strict=True):
        if not _keep(text, piece, speaker, lang):
            continue
        quote = Quote(text[piece.start : piece.end], piece.start, piece.end)
        if speaker is not None:
            key = (speaker.start, speaker.end, speaker.kind)
            if key in resolved:
                speaker = resolved[key]
            else:
                resolve(text, res, resolver, speaker)
                resolved[key] = speaker
            quote.cue = speaker.cue
            if speaker.mention is None and (
                speaker.kind == "null"
                or (speaker.kind == "phrase" and speaker.cue == ":" and speaker.how == "name")
            ):
                # "«…», dijo." with nobody to point at, or "Municipales à Coulommiers : «…»"
                # (a heading, unless the entity stage knows the name): no speaker
                quotes.append(quote)
                continue
            quote.speaker_text = text[speaker.start : speaker.end]
            quote.speaker_start, quote.speaker_end = speaker.start, speaker.end
            quote.speaker_mention = speaker.mention
            quote.how = speaker.how
        quotes.append(quote)
    return quotes


def _keep(text: str, span: QuoteSpan, speaker: Speaker | None, lang: str) -> bool:
    """Drop titles and scare quotes; keep real quotes, attributed or not."""
    content = text[span.start : span.end]
    stripped = content.rstrip(" .,;:")
    words = _WORD.findall(content)
    if stripped.startswith(("(", "[")) and stripped.endswith((")", "]")):
        return False  # "(CROSSTALK.)": a stage direction
    if 2 <= len(words) <= 6 and not stripped.endswith(("!", "?")):
        # German capitalises nouns: there a title has three words or more, all capitalised
        language = find_language(lang)
        nouns = language is not None and language.capitalised_nouns
        long_words = [w for w in words if len(w) > (2 if nouns else 3)]
        if nouns and len(long_words) < 3:
            long_words = []
        if long_words and all(w[0].isupper() for w in long_words) and not stripped.isupper():
            return False  # "Face the Nation", « Le Monde »: a title, not speech
    if _charge_before(text, span.start, lang):
        return False  # charged with "aggravated assault": the name of an offence
    if speaker is not None:
        return True
    return span.style != "dash" and len(words) >= MIN_BARE_WORDS


def _charge_before(text: str, start: int, lang: str) -> bool:
    pattern = charge_cue(lang)
    return pattern is not None and bool(pattern.search(text, max(0, start - 60), start))


# --- one span ----------------------------------------------------------------------


def _attribute_one(
    doc: Paragraphs, res: Resources, spans: Sequence[QuoteSpan], minor: list[bool], k: int
) -> list[tuple[QuoteSpan, Speaker | None, bool]]:
    """Pieces of span `k` with their speaker, and whether a piece is bare (no cue at all)."""
    span = spans[k]
    li = doc.index(span.open)
    line = doc.line(li)
    if span.label is not None:
        return [(span, Speaker(span.label[0], span.label[1], ":", "label"), False)]
    split = _incise(line, res, span)
    if split:
        return split
    o = line.first_at(span.open)
    c = line.first_at(span.close)
    # neighbours bound the regions; a one- or two-word quote ("Cia", a scare quote) does not
    prev = next((spans[j] for j in range(k - 1, -1, -1) if not minor[j]), None)
    nxt = next((spans[j] for j in range(k + 1, len(spans)) if not minor[j]), None)
    prev = prev if prev is not None and doc.index(prev.close - 1) == li else None
    nxt = nxt if nxt is not None and doc.index(nxt.open) == li else None
    lo = line.first_at(prev.close) if prev else 0
    hi = min(line.first_at(nxt.open) if nxt else len(line), c + SENTENCE_REACH)
    for t in range(c, hi):
        if is_sentence_end(line, t, res):
            hi = t
            break
    # the sentence start, past earlier quotes: where a gerund's or a coordination's subject is
    start = max(0, o - SENTENCE_REACH)
    for t in range(o - 1, start - 1, -1):
        if is_sentence_end(line, t, res):
            start = t + 1
            break
    lo = max(lo, start)
    # a quote followed by its attribution is set off: "…," he said / «…», dit-il / „…“, so X;
    # »Neue Stimme« sagte … names a newspaper inside the sentence
    inside = doc.text[span.start : span.end].rstrip("’'‘\"”“»«›‹ \u00a0")[-1:]
    after = doc.text[span.end : span.end + 1]
    separated = (
        inside in ",.!?…;:" or after in (",", ";") or (c < len(line) and line.texts[c] in _LEAD)
    )
    post = _post(line, res, c, hi, span.style) if span.style != "dash" and separated else None
    if post and nxt and "," not in (inside, after) and hi > c and line.texts[hi - 1] == ":":
        post = None  # "“…regrettable.” He added: “…”": the words introduce the next quote
    if post is None and span.style != "dash":
        post = _according_later(line, res, c, hi)
    pre, tight = _pre(line, res, lo, o, start)
    if pre is None and o == lo and (o == 0 or line.texts[o - 1] in _LEAD):
        pre, tight = _previous_paragraph(doc, res, li, o)
    if post and pre:  # "X said: “A.” Y agreed." vs "“A,” X said, “B”": the comma decides
        return [(span, pre if tight and after != "," and inside != "," else post, False)]
    if post or pre:
        return [(span, post or pre, False)]
    # no speaker: a quote whose own sentence has a cue is not a continuation of the last one
    if minor[k] or span.style == "dash":
        return [(span, None, False)]  # these never inherit a speaker
    cued = any(match_cue(line, t, res, hi) for t in range(lo, hi) if t < o or t >= c)
    return [(span, None, not cued)]


def _according_later(line: Line, res: Resources, c: int, hi: int) -> Speaker | None:
    """ "…would leave “the way clear” for the army, according to X": a sentence that ends
    with "according to"/"selon" names its source there, whatever verb came before."""
    for t in range(c, hi):
        cue = match_cue(line, t, res, hi)
        if cue is None or cue.kind != "prep" or not _cue_strong(line, cue, res):
            continue
        np = np_forward(line, skip_forward(line, cue.end, hi, res), hi, res)
        if np and all(not line.words[k] for k in range(np[1], hi)):
            return _speaker(line, np[0], np[1], cue, res)
    return None


def _minor(text: str, span: QuoteSpan) -> bool:
    return len(_WORD.findall(text, span.start, span.end)) < 3


def _speaker(line: Line, a: int, b: int, cue: Cue | None, res: Resources) -> Speaker:
    cue_text = _cue_text(line, cue)
    if b - a == 1 and is_pronoun(line.lows[a], res):
        gender, number = res.pronouns[line.lows[a]]
        if line.lows[a] in res.verb_number and cue and _plural_verb(line, cue, res):
            number = "pl"  # German "sagten sie": they
        return Speaker(line.starts[a], line.ends[a], cue_text, "pronoun", gender, number)
    return Speaker(line.starts[a], line.ends[b - 1], cue_text, "phrase")


def _cue_text(line: Line, cue: Cue | None) -> str | None:
    if cue is None:
        return None
    return line.span_text(cue.start, cue.end)


def _plural_verb(line: Line, cue: Cue, res: Resources) -> bool:
    """Is the cue's verb or auxiliary plural ("dijeron", "sagten", "hanno detto")?"""
    ending = res.plural_verb
    return ending is not None and any(ending.search(line.lows[t]) for t in {cue.start, cue.end - 1})


def _from_pronoun(line: Line, cue: Cue, res: Resources) -> Speaker:
    start, end = cue.pronoun  # type: ignore[misc]
    low = line.lows[cue.start][start - line.starts[cue.start] :][: end - start]
    gender, number = res.pronouns.get(low, ("", "sg"))
    return Speaker(start, end, _cue_text(line, cue), "pronoun", gender, number)


def _null(line: Line, cue: Cue, res: Resources) -> Speaker | None:
    """A dropped subject ("«…», dijo."): resolved later like a pronoun."""
    if not res.language.null_subject:
        return None
    verb = cue.end - 1
    number = "pl" if _plural_verb(line, cue, res) else "sg"
    return Speaker(line.starts[verb], line.ends[verb], _cue_text(line, cue), "null", "", number)


def _post(line: Line, res: Resources, c: int, hi: int, style: str) -> Speaker | None:
    """Attribution after the closing mark: "…," X said / said X / ― X / selon X."""
    a = c
    while a < hi and line.texts[a] in _LEAD:
        a += 1
    if a >= hi:
        return None
    if any(line.texts[t] in _DASHES for t in range(c, a)) and not any(
        line.texts[t] == "," for t in range(c, a)
    ):
        # an epigraph: "…" ― Name, at the end of the paragraph
        np = np_forward(line, a, hi, res)
        last = np is not None and all(not line.words[t] for t in range(np[1], hi))
        if np and last and line.caps[a] and match_cue(line, a, res) is None:
            return _speaker(line, np[0], np[1], None, res).with_cue("―")
    cue = None
    for v in range(a, min(hi, a + MAX_POST_TOKENS)):
        cue = match_cue(line, v, res, hi)
        if cue:
            break
    if cue is None:
        return None
    v = cue.start
    if cue.pronoun and v == a:
        return _from_pronoun(line, cue, res)
    if v == a:
        if cue.kind in ("gerund", "postp") or cue.listener:
            return None
        k = skip_forward(line, cue.end, hi, res)
        np = np_forward(line, k, hi, res)
        if np and (
            cue.kind != "prep" or _person_like(line, np, res) or _cue_strong(line, cue, res)
        ):
            return _speaker(line, np[0], np[1], cue, res)
        if _unread_subject(line, k, hi, res):
            return None  # "dijo el hasta ahora presidente": a subject is there, not dropped
        return _null(line, cue, res) if cue.kind == "verb" else None
    if cue.kind == "postp":
        np = np_backward(line, v - 1, a, res)
        return _speaker(line, np[0], np[1], cue, res) if np and np[0] == a else None
    if cue.kind != "verb":
        return None
    np = np_forward(line, a, v, res)
    if not np or np[0] != a:
        return None
    if _only_apposition(line, res, np[1], v):
        return _speaker(line, np[0], np[1], cue, res)
    return None


def _unread_subject(line: Line, k: int, hi: int, res: Resources) -> bool:
    """A determiner right after the verb opens a subject the phrase reader could not
    parse; a dropped subject would give the quote to the last person named instead."""
    if k >= hi or line.lows[k] not in res.determiners:
        return False
    return k + 1 < hi and line.words[k + 1] and line.lows[k + 1] not in res.time


def _cue_strong(line: Line, cue: Cue, res: Resources) -> bool:
    """Prepositions like "pour"/"para" count only before a person."""
    return line.lows[cue.start] not in res.weak_prepositions


def _person_like(line: Line, np: tuple[int, int], res: Resources) -> bool:
    if is_pronoun(line.lows[np[0]], res):
        return True
    if any(res.roles.match(line.lows, t) for t in range(np[0], np[1])):
        return True
    return all(line.caps[t] for t in range(np[0], np[1]) if line.lows[t] not in res.connectors)


def _only_apposition(line: Line, res: Resources, start: int, verb: int) -> bool:
    """Between a subject and its verb: nothing, adverbs, a parenthesis, or ", ... ,"."""
    j = skip_back(line, verb - 1, start, res)
    if j < start:
        return True
    if line.texts[start] == "(":  # "Rep. Jim Jordan (R-Ohio), an oversight panel member, said"
        close = next((t for t in range(start, j + 1) if line.texts[t] == ")"), None)
        if close is None:
            return False
        start = close + 1
        if start > j:
            return True
    if line.texts[start] == "," and line.texts[j] == ",":
        return True
    if line.lows[start] in res.affiliation and start + 1 <= j:
        # "Mr. Morgan of the Sierra Club said", "a lawyer from Ohio said"
        np = np_forward(line, start + 1, j + 1, res)
        return np is not None and np[1] == j + 1
    return False


def _pre(
    line: Line, res: Resources, lo: int, o: int, start: int | None = None
) -> tuple[Speaker | None, bool]:
    """Attribution before the opening mark, within its sentence; also says if it is tight."""
    if o <= lo:
        return None, False
    if line.texts[o - 1] == ":" and o - 1 > lo:
        # "Sen. Claire McCaskill: “…”"; one capitalised word ("Hemos:") is too weak
        np = np_forward(line, lo, o - 1, res)
        if np and np == (lo, o - 1) and np[1] - np[0] > 1 and _person_like(line, np, res):
            return _speaker(line, np[0], np[1], None, res).with_cue(":"), True
    for v in range(o - 1, lo - 1, -1):
        cue = match_cue(line, v, res, o)
        if cue is None or cue.end > o:
            continue
        tight = o - cue.end <= 8 and line.texts[o - 1] in (":", ",")
        speaker = _pre_speaker(line, res, cue, lo, o, lo if start is None else start)
        if speaker is not None:
            return speaker, tight
        if cue.kind == "verb":
            return None, False  # the nearest verb had no subject: do not reach further
    if _colon_before(line, o) and start is not None:
        # "Le ministre a appelé au dialogue : « … »": a person introduces the quote
        np = _sentence_subject(line, res, start, o - 1)
        personal = np is not None and (
            np[1] - np[0] > 1 or res.pronouns.get(line.lows[np[0]], ("m",))[0] in ("m", "f")
        )
        if np and personal:  # not "on pouvait lire :", "it read:"
            return _speaker(line, np[0], np[1], None, res).with_cue(":"), True
    return None, False


def _colon_before(line: Line, o: int) -> bool:
    return o > 0 and line.texts[o - 1] == ":"


def _pre_speaker(
    line: Line, res: Resources, cue: Cue, lo: int, o: int, start: int
) -> Speaker | None:
    """The speaker of a cue before the quote; `start` is where the sentence begins."""
    if cue.pronoun:
        return _from_pronoun(line, cue, res)
    if cue.kind == "prep":
        if cue.start > lo and line.texts[cue.start - 1] not in _CLAUSE_PUNCT:
            return None
        np = np_forward(line, skip_forward(line, cue.end, o, res), o, res)
        if np and (_cue_strong(line, cue, res) or _person_like(line, np, res)):
            return _speaker(line, np[0], np[1], cue, res)
        return None
    if cue.kind == "postp":
        np = np_backward(line, cue.start - 1, lo, res)
        return _speaker(line, np[0], np[1], cue, res) if np else None
    if cue.kind == "gerund":
        # "footage of Hillary Clinton asking, …" vs "Trump attacked Clinton, saying …"
        before = cue.start - 1
        if before >= lo and line.words[before]:
            np = np_backward(line, before, lo, res)
            if np and _person_like(line, np, res):
                return _speaker(line, np[0], np[1], cue, res)
        np = _sentence_subject(line, res, start, cue.start)
        return _speaker(line, np[0], np[1], cue, res) if np else None
    j = skip_back(line, cue.start - 1, lo, res)
    if j >= lo and line.lows[j] in res.coordination:
        # "I laughed and said", "She then urges her husband ... and repeatedly says":
        # the subject of the first verb, in this clause or else at the sentence start
        comma = next((t for t in range(j - 1, start - 1, -1) if line.texts[t] == ","), None)
        np = None
        if comma is not None:
            np = _sentence_subject(line, res, comma + 1, j)
        np = np or _sentence_subject(line, res, start, j)
        return _speaker(line, np[0], np[1], cue, res) if np else None
    np = subject_before(line, cue, lo, res)
    if np:
        return _speaker(line, np[0], np[1], cue, res)
    if not cue.listener:
        # verb-second and inverted orders: "Am Montag sagte Scholz:", "Dijo el ministro:"
        k = skip_forward(line, cue.end, o, res)
        np = np_forward(line, k, o, res)
        if np and _only_trailing(line, res, cue, np[1], o):
            return _speaker(line, np[0], np[1], cue, res)
    if cue.start == lo or not any(line.words[t] for t in range(lo, cue.start)):
        return _null(line, cue, res)
    return None


def _sentence_subject(line: Line, res: Resources, lo: int, hi: int) -> tuple[int, int] | None:
    """The first phrase of a sentence, after an opening clause ("Following the test, X ...")."""
    start = skip_forward(line, lo, hi, res)
    if start < hi and is_pronoun(line.lows[start], res):
        return (start, start + 1)
    if start < hi and (line.lows[start] in res.boundaries or line.lows[start].endswith("ing")):
        comma = next((t for t in range(start, hi) if line.texts[t] == ","), None)
        if comma is None:
            return None
        start = comma + 1
    np = np_forward(line, start, hi, res)
    if np is None or not _person_like(line, np, res):
        return None
    return np


def _only_trailing(line: Line, res: Resources, cue: Cue, start: int, o: int) -> bool:
    """After an inverted subject, before the quote: punctuation, adverbs, the verb's particle
    ("fügte er hinzu"), or an apposition (", porte-parole du gouvernement,")."""
    if start < o and line.texts[start] == "," and line.texts[o - 1] in ",:":
        return True
    particles = res.verbs.extra.get(tuple(line.lows[cue.end - 1 : cue.end]), "").split(",")
    return all(
        not line.words[t] or line.lows[t] in res.adverbs or line.lows[t] in particles
        for t in range(start, o)
    )


def _previous_paragraph(
    doc: Paragraphs, res: Resources, li: int, o: int
) -> tuple[Speaker | None, bool]:
    """A quote opening a paragraph after "X said:" at the end of the previous one."""
    if o != 0:
        return None, False
    prev = doc.previous_nonempty(li)
    if prev is None:
        return None, False
    start, end = doc.bounds[prev]
    if not doc.text[start:end].rstrip().endswith(":"):
        return None, False
    line = doc.line(prev)
    n = len(line)
    if n < 2 or line.texts[n - 1] != ":":
        return None, False
    lo = 0
    for t in range(n - 2, -1, -1):
        if is_sentence_end(line, t, res):
            lo = t + 1
            break
    return _pre(line, res, lo, n)


def _incise(
    line: Line, res: Resources, span: QuoteSpan
) -> list[tuple[QuoteSpan, Speaker | None, bool]]:
    """An attribution inside the quote: « A, a-t-il dit, B », «A —dijo X—. B»."""
    if not res.language.incise_inside_quotes and span.style != "dash":
        return []
    if not _may_have_incise(line.text, span, res):
        return []
    line = Line(line.text, line.index, span.start, span.end)
    a, b = 0, len(line)
    for k in range(a + 1, b - 1):
        if line.texts[k] not in _INCISE:
            continue
        # the cue may start with an auxiliary: ", a prévenu le syndicat,"
        cue = next(
            (c for t in range(k + 1, min(b, k + 4)) if (c := match_cue(line, t, res, b))), None
        )
        if cue is None or cue.start != k + 1 or cue.kind not in ("verb", "prep") or cue.listener:
            continue
        if cue.pronoun:
            speaker: Speaker | None = _from_pronoun(line, cue, res)
            end = cue.end
        else:
            j = skip_forward(line, cue.end, b, res)
            np = np_forward(line, j, b, res)
            if np:
                speaker, end = _speaker(line, np[0], np[1], cue, res), np[1]
            else:
                speaker, end = _null(line, cue, res), cue.end
        if line.texts[k] in "—–":  # «A —dijo X, portavoz—. B»: the incise runs to the dash
            end = next((t for t in range(end, b) if line.texts[t] in "—–"), end)
        if speaker is None or (end < b and line.texts[end] not in ",.;!?—–…"):
            continue
        first = _piece(span, span.start, line.starts[k], line.text)
        second = None
        if end < b:
            rest = end
            while rest < b and not line.words[rest]:
                rest += 1
            if rest < b:
                second = _piece(span, line.starts[rest], span.end, line.text)
        return [(p, speaker, False) for p in (first, second) if p is not None]
    return []


_INCISE_START = re.compile(r"[,—–]\s*([^\W\d_][\w'’-]*)")


def _may_have_incise(text: str, span: QuoteSpan, res: Resources) -> bool:
    """A comma or dash followed by a cue word: worth tokenizing the quote for."""
    for m in _INCISE_START.finditer(text, span.start, span.end):
        word = m.group(1).lower().replace("’", "'")
        if "-" in word and res.inverted is not None:
            return True
        if word in res.verbs or res.prepositions.match([word], 0) or word in res.auxiliaries:
            return True
    return False


def _piece(span: QuoteSpan, start: int, end: int, text: str = "") -> QuoteSpan | None:
    """Part of a span, without the spaces and commas left by the incise."""
    while end > start and (text[end - 1 : end].isspace() or text[end - 1 : end] in ",\u00a0"):
        end -= 1
    return replace(span, start=start, end=end) if end > start else None

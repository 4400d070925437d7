"""What feeds append to an entry's text, and whether the text is cut.

Feeds end a summary with a link to the page ("Continue reading...", "Lire la
suite", "Weiterlesen »", "[…]") and some end full texts with a footer ("The
post ... appeared first on ..."). Neither is the article: `strip_tail` takes
them off the end of the text and says whether what is left is cut short, so a
later follow mode can fetch the page.

A tail is recognised in any language by its shape, with per-language phrases
for the words (`language/<code>/feed_tails.txt`, pooled over all languages
because a feed's language is often undeclared):

- a short last link that points to the entry's own page, or whose words are a
  "read more" phrase, or that is marked by an arrow (`Mehr »`, `→`);
- a last line that is a "read more" phrase or a footer line;
- a "read more" phrase ending the last line after a sentence's end
  ("... on Tuesday. Read more"; "he wanted to read more" stays);
- a bracketed ellipsis (`[…]`, `[...]`, `(…)`), the mark of a cut summary.

A text that still ends with an ellipsis is cut too, though its `…` stays.
Only the last TAIL_WINDOW characters are searched, so a long text costs no more.
"""

from __future__ import annotations

import html as htmllib
import re
from functools import cache
from urllib.parse import urlsplit

from newsweave.language.registry import codes, get_language

RESOURCE = "feed_tails.txt"
TAIL_WINDOW = 1_000
# A trailing link is a "read more" only when it is this short.
MAX_LINK_WORDS = 6
MAX_LINK_CHARS = 60
MAX_ARROW_WORDS = 4

_DECOR = r"[\s.…:»›→⟶▶►>\-–—!\]\)]"
_OPEN = r"[\s«‹\[\(→▶►]"
_URL_AFTER = r"(?:\s*:?\s*https?://\S+)?"
_ARROW = re.compile(r"(?:[»›→⟶▶►]|>>|&gt;&gt;)")
_BRACKETED_ELLIPSIS = re.compile(r"\s*[\[\(]\s*(?:…|\.{3}|&hellip;)\s*[\]\)]\s*$")
_ENDS_WITH_ELLIPSIS = re.compile(r"(?:…|\.{3})[\s\"'”»)\]]*$")
_TAGS = re.compile(r"<[^>]*>")
# The last link of a fragment and what follows it: markup, spaces and decoration only.
_LAST_LINK = re.compile(
    r"<a\b([^>]*)>((?:(?!</?a\b).){1,400}?)</a\s*>((?:<[^>]*>|&nbsp;|&#160;|[\s.…»›→\]\)])*)$",
    re.I | re.S,
)
_HREF = re.compile(r"""\bhref\s*=\s*(["']?)([^"'\s>]+)\1""", re.I)


def trailing_link(fragment: str) -> tuple[str, str] | None:
    """(text, href) of a link that ends an HTML fragment, nothing but markup after it."""
    window = fragment[-(TAIL_WINDOW * 2) :]
    m = _LAST_LINK.search(window)
    if m is None:
        return None
    text = " ".join(htmllib.unescape(_TAGS.sub(" ", m.group(2))).split())
    href = _HREF.search(m.group(1))
    if not text or len(text) > MAX_LINK_CHARS or len(text.split()) > MAX_LINK_WORDS:
        return None
    return text, htmllib.unescape(href.group(2)) if href else ""


def strip_tail(
    text: str, *, link: tuple[str, str] | None = None, url: str | None = None
) -> tuple[str, bool]:
    """(`text` without its feed tails, whether the text is cut short).

    `link` is the fragment's `trailing_link`, `url` the entry's own page.
    """
    cut = False
    text = text.rstrip()
    words = link[0].strip(_TRIM) if link is not None else ""
    if words and _is_more_link(link, url) and text.rstrip(_TRIM).endswith(words):
        text, cut = text.rstrip(_TRIM)[: -len(words)].rstrip(_OPENERS), True
    for _ in range(4):  # a footer, then a "read more", then a `[…]`: never more
        text = text.rstrip()
        start = max(0, len(text) - TAIL_WINDOW)
        footer = _patterns().footer.search(_folded(text), start)
        if footer:
            text = text[: footer.start()]
            continue
        more = _patterns().more_line.search(_folded(text), start) or _patterns().more_inline.search(
            _folded(text), start
        )
        if more:
            text, cut = text[: more.start()], True
            continue
        bracket = _BRACKETED_ELLIPSIS.search(text, start)
        if bracket:
            text, cut = text[: bracket.start()], True
            continue
        break
    text = text.rstrip()
    return text, cut or bool(_ENDS_WITH_ELLIPSIS.search(text, max(0, len(text) - 20)))


# Decoration around a link's words, after them and before them.
_TRIM = " \t\n.…:»›→⟶▶►>-–—!])([«‹"
_OPENERS = " \t\n«‹[(→▶►"


def _is_more_link(link: tuple[str, str] | None, url: str | None) -> bool:
    """A link to the entry's own page, a "read more" phrase, or a few words and an arrow."""
    if link is None:
        return False
    text, href = link
    if url and href and _same_page(href, url):
        return True
    if _patterns().more_words.fullmatch(_folded(text)):
        return True
    return len(text.split()) <= MAX_ARROW_WORDS and bool(_ARROW.search(text))


def _same_page(a: str, b: str) -> bool:
    pa, pb = urlsplit(a.strip()), urlsplit(b.strip())
    return (pa.netloc.lower().removeprefix("www."), pa.path.rstrip("/")) == (
        pb.netloc.lower().removeprefix("www."),
        pb.path.rstrip("/"),
    )


def _folded(text: str) -> str:
    """Same length as `text`, so positions carry over: typographic apostrophes as `'`."""
    return text.replace("’", "'").replace("ʼ", "'")


class _Patterns:
    def __init__(self, more: list[str], footer: list[str]) -> None:
        more_alt = _alternation(more)
        footer_alt = _alternation(footer)
        self.more_words = re.compile(rf"{_OPEN}*(?:{more_alt}){_DECOR}*", re.I)
        self.more_line = re.compile(
            rf"(?:^|\n)[ \t]*{_OPEN}*(?:{more_alt}){_DECOR}*{_URL_AFTER}\s*$", re.I
        )
        # After a sentence's end only: "he wanted to read more" is the article's own text.
        self.more_inline = re.compile(
            rf"(?<=[.!?…»\"”)\]])[ \t]+{_OPEN}*(?:{more_alt}){_DECOR}*{_URL_AFTER}\s*$", re.I
        )
        self.footer = re.compile(rf"(?:^|\n)[ \t]*(?:{footer_alt}){_DECOR}*\s*$", re.I)


def _alternation(phrases: list[str]) -> str:
    if not phrases:
        return "(?!)"
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        pieces = [r"\s+".join(map(re.escape, p.split())) for p in phrase.split("*")]
        parts.append(r"[^\n]{1,300}?".join(pieces))
    return "|".join(parts)


@cache
def _patterns() -> _Patterns:
    more: list[str] = []
    footer: list[str] = []
    for code in codes(having=RESOURCE):
        sections = get_language(code).sections(RESOURCE)
        more += [_folded(p) for p in sections.get("more", [])]
        footer += [_folded(p) for p in sections.get("footer", [])]
    return _Patterns(more, footer)

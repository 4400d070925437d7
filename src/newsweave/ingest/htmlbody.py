"""The main text trafilatura finds, completed and cleaned with the page's own tree.

trafilatura reads the article's paragraphs well but, on real news pages, often
leaves out the lead (the standfirst set between the headline and the first
paragraph, in an element named `lead`, `intro`, `teaser`...), keeps "Read
more: <linked headline>" lines inside the text, and on pages that render
their article with a script finds only a caption while the page's structured
data holds the whole `articleBody`. Each fix here looks at the tree we parsed
once for the page; none runs a second extractor.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from collections.abc import Iterator
from typing import Any

# Class or id words that name a lead / standfirst in common page templates.
_LEAD = re.compile(
    r"(?<![a-z])(?:lead|intro|teaser|excerpt|abstract|standfirst|summary|chapo|dek|deck|"
    r"sub-?headline|subtitle|hook|perex)(?![a-z])",
    re.I,
)
# Where no lead is: navigation, side bars, link lists.
_NOT_LEAD = frozenset({"nav", "aside", "footer", "a", "ul", "ol", "li", "form", "button"})
MIN_LEAD_WORDS = 8
_BLOCK = frozenset({"p", "div", "h2", "h3", "h4", "h5", "h6", "figure", "ul", "ol", "section",
                    "time", "header", "table"})  # fmt: skip
# "Read more: <a>Another headline</a>": a label of at most this many words before a link.
# The label is words only: "- 8 décembre 2019 : <a>...</a>" is a dated list of sources.
_LABEL = re.compile(r"^(?P<label>[^\W\d_]+(?:[\s'’][^\W\d_]+){0,3})\s*[:|»]\s*(?P<rest>.{15,})$")
# Class or id words that name boilerplate blocks set inside an article's container.
_BOILERPLATE = re.compile(
    r"(?<![a-z])(?:share|sharing|sharedaddy|social|related|newsletter|promo|subscri[a-z]*|"
    r"paywall|author-?box|author-?bio|about-?author|saboxplugin|disclaimer|copyright|"
    r"kommentar[a-z]*|recommend[a-z]*|lee-?tambien|siguenos|follow|advert[a-z]*|anzeige|"
    r"werbung|credits?|bildnachweis|next-?post|nextstory|link-?list|linklist|foot_?note|"
    r"nota_pie|embedded|robots-nocontent)(?![a-z])|caption",
    re.I,
)
# A photo credit: a credit label, then at most a dozen words of names and agencies.
_CREDIT = re.compile(
    r"^(?:titel|beitrags|artikel|vorschau)?(?:bild|foto|photo)s?(?:nachweis)?\s*:|"
    r"^(?:crédits?|credits?)(?:\s+(?:photos?|images?|fotos?))?\s*:|^copyright\s*:|^©",
    re.I,
)
MAX_CREDIT_WORDS = 12
MAX_BOILERPLATE_CHARS = 2000
MIN_BOILERPLATE_LIMIT = 400
# A link of this many words that is a whole line of the body points to another article; a
# short label line just before such lines ("Auch interessant", "Lust auf mehr?") goes too.
MIN_TEASER_LINK_WORDS = 3
MAX_LABEL_WORDS = 6
BOILERPLATE_SHARE = 0.4
# A body shorter than this share of the page's stated articleBody is a fragment of it.
MIN_BODY_SHARE = 0.5
MIN_LD_BODY_CHARS = 500
_BREAK = re.compile(r"<\s*(?:br|/p|/div|/h\d|/li)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")


def complete(root: Any, lines: list[str], description: str | None) -> list[str]:
    """The body lines with the page's lead put back, teaser lines dropped, or the
    structured data's articleBody when the extracted text is only a fragment of it."""
    # Pruning never empties a text: what is left then is the article itself.
    lines = _drop_credits(_drop_boilerplate(root, _drop_teasers(root, lines))) or lines
    lead = _lead(root, lines, description)
    if lead:
        lines = [lead, *lines]
    return _ld_body(root, lines)


def _collapse(text: str | None) -> str:
    return " ".join((text or "").replace("\u00ad", "").split())


def _lead(root: Any, lines: list[str], description: str | None) -> str | None:
    """The lead shown above the article: after the first <h1>, before the element the
    extracted text starts in, named as a lead or repeating the page's description."""
    if not lines:
        return None
    start = _collapse(lines[0])[:40]
    key = start.split(" ", 1)[0]  # a cheap test before the exact one
    described = _collapse(description)[:50]
    body = _collapse(" ".join(lines))
    seen_h1 = root.find(".//h1") is None
    for element in root.iter():
        tag = element.tag
        if tag == "h1":
            seen_h1 = True
            continue
        raw = element.text
        if raw and key in raw:
            own = _collapse(raw)
            if len(own) >= min(len(start), 20) and (own.startswith(start) or start.startswith(own)):
                return None  # reached the article's first paragraph
        if not seen_h1 or not isinstance(tag, str) or tag in _NOT_LEAD:
            continue
        named = _LEAD.search(f"{element.get('class') or ''} {element.get('id') or ''}")
        if not named and not (described and raw and raw.lstrip()[:12] == described[:12]):
            continue  # neither named a lead nor starting like the page's description
        text = _collapse("".join(element.itertext()))
        if len(text.split()) < MIN_LEAD_WORDS or len(text) > 1500 or _blocks(element) > 1:
            continue
        if not named and not text.startswith(described):
            continue
        if _in_excluded(element) or _link_share(element, text) > 0.5:
            continue
        if text[:60] in body:
            return None  # the extractor has it already
        return text
    return None


def _blocks(element: Any) -> int:
    """Block elements inside: a lead is one paragraph, not a box of caption, date and
    kicker."""
    return sum(1 for e in element.iterdescendants() if isinstance(e.tag, str) and e.tag in _BLOCK)


def _in_excluded(element: Any) -> bool:
    return any(isinstance(a.tag, str) and a.tag in _NOT_LEAD for a in element.iterancestors())


def _link_share(element: Any, text: str) -> float:
    linked = sum(len(_collapse("".join(a.itertext()))) for a in element.iter("a"))
    return linked / max(1, len(text))


def _drop_boilerplate(root: Any, lines: list[str]) -> list[str]:
    """Lines that sit in a block the page's markup names as boilerplate (share bars,
    author boxes, newsletter and subscription boxes, related-article lists, captions and
    photo credits, disclaimers): trafilatura keeps such blocks when they are set inside
    the article's container. A named block holding much of the text is a wrapper
    ("content-sidebar-wrap"), not boilerplate, and is not used."""
    size = sum(len(line) for line in lines)
    limit = min(MAX_BOILERPLATE_CHARS, max(MIN_BOILERPLATE_LIMIT, BOILERPLATE_SHARE * size))
    blocks = []
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str) or tag in ("html", "body", "main", "article"):
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if len(names) < 4 or not _BOILERPLATE.search(names):
            continue
        text = _collapse(element.text_content())
        if text and len(text) <= limit:
            blocks.append(text)
    if not blocks:
        return lines
    joined = "\n".join(blocks)
    kept = [line for line in lines if _collapse(line) not in joined]
    if sum(len(line) for line in kept) < BOILERPLATE_SHARE * size:
        return lines  # the named blocks hold the article ("body-share-wrapper"): layout
    return kept


def _drop_credits(lines: list[str]) -> list[str]:
    """Photo credit lines ("Titelbild: Anna Muster/Agentur", "Crédits photos : ...",
    "© Agentur"): a label and a few names, the caption of an image, not the article."""
    return [line for line in lines
            if not (_CREDIT.match(_collapse(line)) and len(line.split()) <= MAX_CREDIT_WORDS)]  # fmt: skip


def _drop_teasers(root: Any, lines: list[str]) -> list[str]:
    """Lines that are a short label and a link to another page ("Lea también: ...",
    "Read more: ...", "Auch interessant: ..."), or a link alone, with the short label
    line above them ("Auch interessant" / <a>headline</a>): pointers to other articles."""
    # Links to other pages: a table of contents links the article's own headings by
    # their anchors (href="#..." or "page#...").
    links = {_collapse("".join(a.itertext())) for a in root.iter("a")
             if "#" not in (a.get("href") or "")}  # fmt: skip
    out: list[str] = []
    label = False  # the last kept line is a short label
    for line in lines:
        text = _collapse(line)
        m = _LABEL.match(text)
        if (m is not None and m.group("rest") in links) or (
            len(text.split()) >= MIN_TEASER_LINK_WORDS and text in links
        ):
            if label:
                out.pop()
            label = False
            continue
        out.append(line)
        label = len(text.split()) <= MAX_LABEL_WORDS and not text.endswith(".")
    return out


def _ld_body(root: Any, lines: list[str]) -> list[str]:
    """The structured data's articleBody when the extracted text is a small part of it
    (a page that renders its article with a script leaves a caption in the HTML)."""
    size = sum(len(line) for line in lines)
    scripts = [s for s in root.iter("script") if _is_ld(s)]
    if size >= MIN_BODY_SHARE * sum(len(s.text or "") for s in scripts):
        return lines  # no articleBody there can be twice the text: no JSON parsed
    best = max(_ld_bodies(scripts), key=len, default="")
    if len(best) < MIN_LD_BODY_CHARS or size >= MIN_BODY_SHARE * len(best):
        return lines
    if "<" in best:  # some sites put the article's HTML there
        best = _TAG.sub(" ", _BREAK.sub("\n", best))
    best = htmllib.unescape(best)
    return [" ".join(line.split()) for line in best.split("\n") if line.strip()]


def _is_ld(script: Any) -> bool:
    return (script.get("type") or "").strip().lower() == "application/ld+json"


def _ld_bodies(scripts: list[Any]) -> Iterator[str]:
    for script in scripts:
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        yield from _find_bodies(data, depth=0)


def _find_bodies(data: Any, depth: int) -> Iterator[str]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _find_bodies(item, depth + 1)
    elif isinstance(data, dict):
        body = data.get("articleBody")
        if isinstance(body, str):
            yield body
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in data:
                yield from _find_bodies(data[key], depth + 1)

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
# A body shorter than this share of the page's stated articleBody is a fragment of it.
MIN_BODY_SHARE = 0.5
MIN_LD_BODY_CHARS = 500
_BREAK = re.compile(r"<\s*(?:br|/p|/div|/h\d|/li)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")


def complete(root: Any, lines: list[str], description: str | None) -> list[str]:
    """The body lines with the page's lead put back, teaser lines dropped, or the
    structured data's articleBody when the extracted text is only a fragment of it."""
    lines = _drop_teasers(root, lines)
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


def _drop_teasers(root: Any, lines: list[str]) -> list[str]:
    """Lines that are a short label and a link to another page ("Lea también: ...",
    "Read more: ...", "Auch interessant: ..."): pointers to other articles."""
    candidates = [m for line in lines if (m := _LABEL.match(_collapse(line)))]
    if not candidates:
        return lines
    links = {_collapse("".join(a.itertext())) for a in root.iter("a")}
    out = []
    for line in lines:
        m = _LABEL.match(_collapse(line))
        if m is not None and m.group("rest") in links:
            continue
        out.append(line)
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

"""A page's headline: the one it shows its readers, chosen with what it states.

A page names its article in several places: the `<h1>` a reader sees, the
`og:title` / `twitter:title` / JSON-LD headline written for sharing (often a
shorter or search-tuned variant), the `<title>` with the site name added, and
its address (`/eignet-sich-eine-waermepumpe-im-altbau.html`). The visible `<h1>`
is the headline as published, with its own dashes and quotes, but a page may
also put its site name or a section name ("Pressemitteilungen") in an `<h1>`.

So an `<h1>` is taken when another of those places vouches for it (its words
recur in a stated title, in the `<title>` less the site name, or in the
address), and is never the site name itself; otherwise the stated title is
kept, then the `<title>` without its site name, then what the extractor found.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import unquote, urlsplit

_SEPARATOR = re.compile(r"\s+(?:\||–|—|-|::|·|»|//)\s+")
_WORD = re.compile(r"\w+")
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cms)$", re.I)
# Share of an <h1>'s words (or of the other text's) that must recur for it to be vouched for.
MIN_AGREEMENT = 0.5
# Longest <h1> taken as a headline: a longer one is a block of text in an <h1>.
MAX_H1_CHARS = 300


def choose_title(page: dict[str, Any], extracted: str | None, url: str | None) -> str | None:
    """The headline of a page from what `_page_meta` read and the extractor's title.

    `page` holds `site`, `ld_headline`, `stated` (og:title, twitter:title...),
    `html_title` and `h1` (texts of the first <h1> elements)."""
    site = (page.get("site") or "").casefold()
    html_title = page.get("html_title") or ""
    stated = [t for t in (page.get("ld_headline"), *(page.get("stated") or [])) if t]
    slug = _slug_words(url or page.get("url"))
    headline_parts, site_parts = _title_parts([html_title, *stated], site, slug)
    vouchers = [*(without_site(t, site, guess=False) or t for t in stated), *headline_parts]
    best, best_score = None, 0.0
    for h1 in page.get("h1") or []:
        if len(h1) > MAX_H1_CHARS or _fold(h1) in site_parts or _is_site(h1, site, url):
            continue
        score = max((agreement(h1, v) for v in vouchers), default=0.0)
        if len(slug) >= 2:
            score = max(score, _share(_words(h1), slug))
        if score >= MIN_AGREEMENT and score > best_score:
            best, best_score = h1, score
    if best is not None:
        return best
    first = stated[0] if stated else None
    stated_title = without_site(first, site, guess=False)
    if stated_title and len(stated_title.split()) >= 2:
        return stated_title
    bare = without_site(html_title, site, guess=True)
    if bare and len(bare.split()) >= 3:
        return bare
    return extracted or stated_title or bare or None


def without_site(title: str | None, site: str, guess: bool) -> str | None:
    """ "Strike closes port | Le Quotidien" -> "Strike closes port", the rest verbatim.

    With `guess`, a short part at either end is taken for the site when its name is
    not known (a <title> carries it; a headline's own " - " must stay)."""
    if not title:
        return None
    spans = _split(title)
    if len(spans) < 2:
        return title
    parts = [title[a:b] for a, b in spans]
    if site:
        keep = [i for i, p in enumerate(parts) if not _fold(p) or _fold(p) not in site]
        if len(keep) < len(parts):
            return title[spans[keep[0]][0] : spans[keep[-1]][1]] if keep else title
        if not guess:
            return title
    elif not guess:
        return title
    # No known site name: the site is the shortest part at either end.
    ends = sorted((0, len(parts) - 1), key=lambda i: len(parts[i]))
    short, long_ = parts[ends[0]], parts[ends[1]]
    if len(short.split()) <= 4 and len(short) < len(long_) / 2:
        if ends[0] == 0:
            return title[spans[1][0] :]
        return title[: spans[-2][1]]
    return title


def agreement(a: str, b: str) -> float:
    """How far two titles name the same thing: the larger share of either's words
    that recur in the other (a shortened variant agrees with its full form)."""
    wa, wb = _words(a), _words(b)
    return max(_share(wa, wb), _share(wb, wa))


def _share(words: list[str], others: list[str]) -> float:
    """Share of `words` found in `others`; 0 when fewer than two are found, unless both
    are one word: one common word ("Regeln", a site name) is not the same title."""
    if not words or not others:
        return 0.0
    found = sum(1 for w in words if any(_same_word(w, o) for o in others))
    if found >= 2 or (found == len(words) == len(others) == 1):
        return found / len(words)
    return 0.0


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and short in long_:  # compounds: finanzierung / autofinanzierung
        return True
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 5 and common >= 0.7 * len(short)  # inflection: legen / legt is not


def _words(text: str) -> list[str]:
    """Content words, folded: lower case, German umlauts spelled out, accents dropped
    (the spelling an address uses). Short words are mostly function words."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_GERMAN))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return [w for w in _WORD.findall(folded) if len(w) >= 4 or w.isdigit()]


def _slug_words(url: str | None) -> list[str]:
    """Words of the last address segment that reads as words (`/2020/04/a-b-c.html`)."""
    if not url:
        return []
    path = unquote(urlsplit(url).path)
    for segment in reversed([s for s in path.split("/") if s]):
        words = _words(_PAGE_SUFFIX.sub("", segment).replace("_", " ").replace("-", " "))
        words = [w for w in words if not w.isdigit()]
        if words:
            return words
    return []


def _slug_share(part: str, slug: list[str]) -> float:
    words = _words(part)
    if not words or not slug:
        return 0.0
    return sum(1 for w in words if any(_same_word(w, o) for o in slug)) / len(words)


def _split(title: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of a title between separators, blank parts left out."""
    spans, start = [], 0
    for m in _SEPARATOR.finditer(title):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(title)))
    return [(a, b) for a, b in spans if title[a:b].strip()]


def _title_parts(titles: list[str], site: str, slug: list[str]) -> tuple[list[str], set[str]]:
    """(headline parts, folded site parts) of titles such as "Headline | Site".

    Of several parts the headline is the one the address repeats, else the longest;
    the other end parts are taken for the site's name."""
    headlines: list[str] = []
    sites: set[str] = set()
    for title in titles:
        spans = _split(title)
        parts = [title[a:b].strip() for a, b in spans]
        if len(parts) < 2:
            headlines.extend(parts)
            continue
        by_slug = [_slug_share(p, slug) for p in parts]
        if max(by_slug) > 0.3:
            main = by_slug.index(max(by_slug))
        else:
            main = max(range(len(parts)), key=lambda i: len(parts[i]))
        for i in (0, len(parts) - 1):
            if i != main:
                sites.add(_fold(parts[i]))
        headlines.append(parts[main])
    if site:
        sites.add(site)
    return headlines, sites


def _is_site(text: str, site: str, url: str | None) -> bool:
    """The site's name: its stated name, or its host name written out
    ("Four Years Remaining" on fouryears.eu)."""
    folded = _fold(text)
    if site and folded == site:
        return True
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [x for x in host.split(".") if x not in ("www", "m")]
    label = re.sub(r"[^a-z0-9]", "", labels[0]) if labels else ""
    letters = re.sub(r"[^a-z0-9]", "", " ".join(_words(text) or folded.split()))
    return (
        len(label) >= 5
        and len(letters) >= 5
        and (letters.startswith(label) or label.startswith(letters))
    )


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

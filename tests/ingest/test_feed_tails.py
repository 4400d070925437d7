"""Feed bodies: full text over summaries, feed tails taken off, cut bodies marked.

Every feed here is written for the tests, in the shapes real feeds have: a
summary ending in a link to the page, `content:encoded` beside a teaser, a
`media:description` caption, WordPress footers.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.ingest import read
from newsweave.ingest.feeds import parse_feed
from newsweave.ingest.feedtails import RESOURCE, strip_tail, trailing_link
from newsweave.language.registry import codes, get_language
from newsweave.model import Document

HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
    ' xmlns:media="http://search.yahoo.com/mrss/">\n<channel><title>Test Feed</title>\n'
)
TAIL = "</channel></rss>"


def rss(*items: str) -> bytes:
    return (HEAD + "".join(f"<item>{item}</item>\n" for item in items) + TAIL).encode()


def docs(data: bytes) -> list[Document]:
    out = list(parse_feed(data, name="f", origin="f.rss"))
    assert all(isinstance(d, Document) for d in out), out
    return out


def test_continue_reading_link_is_taken_off_and_marks_the_body_cut():
    # The shape of the Guardian's feed: a summary, then a link to the page.
    data = rss(
        "<title>Harbour reopens</title><link>https://paper.example/harbour</link>"
        "<description>&lt;p&gt;The harbour reopened on Tuesday after a week of repairs to"
        ' the northern pier.&lt;/p&gt; &lt;a href="https://paper.example/harbour"&gt;'
        "Continue reading...&lt;/a&gt;</description>"
    )
    [doc] = docs(data)
    assert (
        doc.text == "The harbour reopened on Tuesday after a week of repairs to the northern pier."
    )
    assert doc.extra["feed_truncated"] is True


@pytest.mark.parametrize("order", ["description first", "content first"])
def test_content_encoded_is_preferred_over_the_description(order):
    description = "<description>Short teaser about the vote.</description>"
    full = (
        "<content:encoded><![CDATA[<p>The council voted on Thursday to keep the ferry"
        " running through the winter.</p><p>Three members abstained.</p>]]></content:encoded>"
    )
    parts = (description, full) if order == "description first" else (full, description)
    [doc] = docs(rss("<title>Ferry</title>" + "".join(parts)))
    assert doc.text == (
        "The council voted on Thursday to keep the ferry running through the winter."
        "\n\nThree members abstained."
    )
    assert "feed_truncated" not in doc.extra


def test_a_media_caption_is_never_the_body():
    # feedparser files a media:description that follows the description as content.
    [doc] = docs(
        rss(
            "<title>Floods</title><description>Rivers rose across the valley overnight and"
            " two villages were evacuated before dawn.</description>"
            '<media:content url="https://img.example/1.jpg"><media:description>A flooded'
            " street.</media:description></media:content>"
        )
    )
    assert doc.text.startswith("Rivers rose across the valley")


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("<p>Le port a rouvert mardi.</p><p><a href='https://x.example/1'>Lire la suite</a></p>",
         "Le port a rouvert mardi."),
        ("<p>Der Hafen ist wieder offen. <a href='https://x.example/2'>Weiterlesen »</a></p>",
         "Der Hafen ist wieder offen."),
        ("<p>El puerto reabrió el martes. Leer más</p>", "El puerto reabrió el martes."),
        ("<p>Il porto ha riaperto martedì.</p><p>Continua a leggere...</p>",
         "Il porto ha riaperto martedì."),
        ("<p>O porto reabriu na terça-feira. Leia mais</p>", "O porto reabriu na terça-feira."),
        ("<p>De haven is dinsdag weer open. Lees verder →</p>", "De haven is dinsdag weer open."),
        ("<p>The harbour reopened on Tuesday after [&#8230;]</p>", "The harbour reopened on Tuesday after"),
        ("<p>The harbour reopened on Tuesday after (...)</p>", "The harbour reopened on Tuesday after"),
        # An ellipsis ending the text stays: it is the cut, shown.
        ("<p>The harbour reopened on Tuesday after…</p>", "The harbour reopened on Tuesday after…"),
        # A language with no list: a short link to the entry's own page is its "read more".
        ("<p>Port został ponownie otwarty.</p><p><a href='https://x.example/self/'>Czytaj"
         " dalej</a></p>", "Port został ponownie otwarty."),
    ],
)  # fmt: skip
def test_tails_in_every_language(summary, expected):
    [doc] = docs(
        rss(f"<link>https://x.example/self</link><description><![CDATA[{summary}]]></description>")
    )
    assert doc.text == expected
    assert doc.extra["feed_truncated"] is True


@pytest.mark.parametrize(
    "text",
    [
        "The minister said she wanted to read more.",
        "Nobody knows the full story.",
        "Les habitants veulent en savoir plus sur le projet.",
        "Sie wollte weiterlesen, doch das Licht ging aus.",
    ],
)
def test_the_same_words_inside_the_article_stay(text):
    [doc] = docs(rss(f"<description>{text}</description>"))
    assert doc.text == text
    assert "feed_truncated" not in doc.extra


def test_a_footer_goes_but_the_text_is_not_cut():
    body = (
        "<p>The library extends its opening hours from Monday.</p><p>The post <a"
        " href='https://blog.example/hours'>New hours</a> appeared first on <a"
        " href='https://blog.example/'>Town Blog</a>.</p>"
    )
    [doc] = docs(rss(f"<content:encoded><![CDATA[{body}]]></content:encoded>"))
    assert doc.text == "The library extends its opening hours from Monday."
    assert "feed_truncated" not in doc.extra


def test_a_summary_among_full_texts_is_cut():
    full = " ".join(["The committee met again and heard evidence from the port workers."] * 12)
    item = "<title>{0}</title><content:encoded><![CDATA[<p>{1}</p>]]></content:encoded>"
    data = rss(
        item.format("one", full),
        item.format("two", full.replace("again", "twice")),
        "<title>three</title><description>The committee will meet again.</description>",
    )
    one, two, three = docs(data)
    assert "feed_truncated" not in one.extra and "feed_truncated" not in two.extra
    assert three.extra["feed_truncated"] is True


def test_a_feed_of_summaries_is_not_cut_for_being_short():
    data = rss(
        "<description>The committee met again.</description>",
        "<description>The port workers gave evidence on Monday morning.</description>",
    )
    assert all("feed_truncated" not in d.extra for d in docs(data))


def test_an_entry_that_is_only_a_link_is_skipped():
    [skipped] = parse_feed(
        rss("<link>https://x.example/a</link><description>&lt;a href=\"https://x.example/a\"&gt;"
            "Read more&lt;/a&gt;</description>"),
        name="f", origin="f.rss",
    )  # fmt: skip
    assert skipped.reason == "entry 1: no text but a feed's link to the page"


def test_read_from_a_file(tmp_path):
    path = tmp_path / "paper.rss"
    path.write_bytes(
        rss("<description>&lt;p&gt;Trains run again.&lt;/p&gt; &lt;a href=\"https://x/\"&gt;"
            "Read more&lt;/a&gt;</description>")
    )  # fmt: skip
    [doc] = read([path])
    assert doc.text == "Trains run again." and doc.extra == {"feed_truncated": True}


def test_every_language_list_has_only_known_sections():
    having = codes(having=RESOURCE)
    assert {"en", "fr", "de", "es", "it", "pt", "nl"} <= set(having)
    for code in having:
        sections = get_language(code).sections(RESOURCE)
        assert set(sections) <= {"more", "footer"}, code
        assert sections.get("more"), code


@given(st.text(max_size=400), st.sampled_from([None, ("Read more", "https://x/a"), ("»", "")]))
def test_strip_tail_only_takes_off_the_end(text, link):
    out, _ = strip_tail(text, link=link, url="https://x/a")
    assert text.startswith(out)
    assert out == out.rstrip()


def test_trailing_link_needs_nothing_after_it():
    assert trailing_link('<p>x <a href="https://x/a">Read more</a></p>') == (
        "Read more",
        "https://x/a",
    )
    assert trailing_link('<p><a href="https://x/a">Read more</a> about the port.</p>') is None


@pytest.mark.slow
def test_the_mark_is_stored_for_the_follow_mode(tmp_path, settings):
    from newsweave.pipeline import ingest_paths
    from newsweave.store import open_store

    path = tmp_path / "paper.rss"
    path.write_bytes(
        rss(
            "<guid>cut</guid><link>https://paper.example/cut</link><description><![CDATA[<p>The"
            " harbour reopened on Tuesday after a week of repairs.</p> <a"
            " href='https://paper.example/cut'>Continue reading...</a>]]></description>",
            "<guid>whole</guid><content:encoded><![CDATA[<p>Chess players from nine countries"
            " arrived in the city for the spring tournament.</p>]]></content:encoded>",
        )
    )
    store = open_store(settings.db)
    ingest_paths([path], store, settings)
    cut, whole = store.document("cut"), store.document("whole")
    assert cut.extra.get("feed_truncated") is True and "Continue" not in cut.text
    assert "feed_truncated" not in whole.extra

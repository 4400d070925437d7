"""Datelines in the shapes real wires and papers print (texts written for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.ingest.metadata import extract
from newsweave.model import PartialDate


@pytest.mark.parametrize(
    ("text", "lang", "place", "agency"),
    [
        ("OFER PRISON, West Bank (Reuters) - Families waited at the gate.", "en",
         "Ofer Prison, West Bank", "Reuters"),
        ("SAN FRANCISCO — The council met late on Monday.", "en", "San Francisco", None),
        ("CAIRO -- The bank held its rates.", "en", "Cairo", None),
        ("KYIV, Ukraine (AP) — Sirens sounded twice.", "en", "Kyiv, Ukraine", "AP"),
        ("Bakhmout (Ukraine) (AFP) - Les rues sont vides.", "fr", "Bakhmout (Ukraine)", "AFP"),
        ("Berlin/Kiew (dpa) - Beide telefonierten.", "de", "Berlin/Kiew", "dpa"),
        ("MADRID, 8 (EUROPA PRESS) - El Gobierno aprobará el plan.", "es", "Madrid",
         "EUROPA PRESS"),
        ("BUENOS AIRES.- La inflación subió.", "es", "Buenos Aires", None),
        ("Kiev (ANP/AFP) - Troepen sloegen aanvallen af.", "nl", "Kiev", "ANP/AFP"),
        ("HAMBURG. Der Hafen meldet weniger Umschlag.", "de", "Hamburg", None),
        ("(Reuters) - Shares fell in early trading.", "en", None, "Reuters"),
    ],
)  # fmt: skip
def test_dateline_shapes(text: str, lang: str, place: str | None, agency: str | None) -> None:
    body, meta = extract(text, lang)
    assert meta.get("dateline") == place
    assert meta.get("source") == agency
    assert body[0].isupper() and body in text


@pytest.mark.parametrize(
    ("text", "lang", "published", "month_day"),
    [
        ("Stockholm, 8 mars 2023 - La Suède renforce ses contrôles.", "fr",
         PartialDate(2023, 3, 8), None),
        ("Bruxelles, le 8 mars 2023 – Les ministres se sont réunis.", "fr",
         PartialDate(2023, 3, 8), None),
        ("Zürich, 11.01.2023 - Die Staatsanwaltschaft ermittelt.", "de",
         PartialDate(2023, 1, 11), None),
        # English writers use both orders: only the year is sure.
        ("ZURICH, 11/01/2023 - Prosecutors opened a case.", "en", PartialDate(2023), None),
        ("(ANSA) - ROMA, 08 MAR - Il governo ha approvato il decreto.", "it", None, (3, 8)),
        ("KHARKIV, Ukraine, May 2 (Reuters) - Missiles hit the city.", "en", None, (5, 2)),
        ("Monday, March 6 — The ministry published figures.", "en", None, (3, 6)),
    ],
)  # fmt: skip
def test_dateline_dates(text, lang, published, month_day) -> None:
    _, meta = extract(text, lang)
    assert meta.get("published") == published
    assert meta.get("month_day") == month_day


@pytest.mark.parametrize(
    "text",
    [
        "NATO — the alliance now has 31 members — welcomed the vote.",
        "LIVE — Follow the latest developments here.",
        "EXCLUSIVE - Officials weigh new export limits.",
        "ANALYSIS-Why a small town became a test of wills.",
        "EN DIRECT - Suivez les dernières informations.",
        "Emmanuel Macron - qui recevait son homologue - a appelé au dialogue.",
        "Emmanuel Macron - Le président a appelé au dialogue.",
        "Bakhmut (Ucraina) - I combattimenti proseguono.",
        "De notre correspondant à Kiev. Les coupures se multiplient.",
        "UN Secretary-General António Guterres arrived in Kyiv on Tuesday.",
        "Mr. Smith said the talks would go on.",
    ],
)
def test_openings_that_are_not_datelines_are_left_alone(text: str) -> None:
    body, meta = extract(text)
    assert "dateline" not in meta and "source" not in meta
    assert body == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ABKIVYaeiorstn ,.-—–()/0123456789\n"), max_size=80))
def test_dateline_reader_never_fails_and_only_cuts_a_prefix(text: str) -> None:
    body, meta = extract(text, "en")
    assert " ".join(body.split()) in " ".join(text.split())
    if "dateline" in meta:
        assert meta["dateline"].strip()

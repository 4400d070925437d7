import pytest

from newsweave.ingest.metadata import extract, month_table, parse_date, title_place
from newsweave.model import PartialDate

AFP = "03/08/2023 20:37:21 – Chasiv Yar (Ukraine) (AFP) – © 2023 AFP"


def test_leading_partial_date_header_on_the_body_line():
    body, meta = extract(" date 2023-02 La plupart des tirs visaient la gare.\n\nSuite.")
    assert body == "La plupart des tirs visaient la gare.\n\nSuite."
    assert meta == {"published": PartialDate(2023, 2)}
    assert meta["published"].precision == "month"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("date: 2023-03-08", PartialDate(2023, 3, 8)),
        ("Date 8 March 2023", PartialDate(2023, 3, 8)),
        ("DATE: March 8, 2023", PartialDate(2023, 3, 8)),
        ("Datum: 8. März 2023", PartialDate(2023, 3, 8)),
        ("Fecha: 8 de marzo de 2023", PartialDate(2023, 3, 8)),
        ("Date: Wed, 08 Mar 2023 10:00:00 +0100", PartialDate(2023, 3, 8, 9, 0, 0)),
    ],
)
def test_header_on_its_own_line(header, expected):
    body, meta = extract(f"{header}\n\nThe body starts here.")
    assert body == "The body starts here."
    assert meta["published"] == expected


def test_source_header():
    body, meta = extract("Source: Le Courrier\ndate: 2023-03-08\nTexte.")
    assert (body, meta["source"], meta["published"]) == (
        "Texte.",
        "Le Courrier",
        PartialDate(2023, 3, 8),
    )


def test_trailing_afp_wire_line():
    body, meta = extract(f"Artillery fire continued.\n\nResidents queued.\n{AFP}")
    assert body == "Artillery fire continued.\n\nResidents queued."
    assert meta == {
        "published": PartialDate(2023, 3, 8, 20, 37, 21),
        "dateline": "Chasiv Yar (Ukraine)",
        "source": "AFP",
    }


@pytest.mark.parametrize(
    ("line", "published", "place", "source"),
    [
        ("03/08/2023 - Kyiv (Reuters)", PartialDate(2023, 3, 8), "Kyiv", "Reuters"),
        (
            "25/08/2023 09:05 — Bern (Switzerland) (dpa)",
            PartialDate(2023, 8, 25, 9, 5, 0),
            "Bern (Switzerland)",
            "dpa",
        ),
        ("3/8/2023 – Quito (EFE) – © 2023 EFE", PartialDate(2023, 3, 8), "Quito", "EFE"),
        (
            "12/24/2023 23:59:59 - New York (AP)",
            PartialDate(2023, 12, 24, 23, 59, 59),
            "New York",
            "AP",
        ),
    ],
)
def test_trailing_wire_variants(line, published, place, source):
    body, meta = extract(f"Body.\n{line}")
    assert body == "Body."
    assert (meta["published"], meta["dateline"], meta["source"]) == (published, place, source)


def test_copyright_line_after_the_body_is_removed():
    assert extract("Body.\n© 2023 AFP")[0] == "Body."


@pytest.mark.parametrize(
    ("text", "place", "source", "published"),
    [
        ("PARIS, 8 mars 2023 (AFP) - Les syndicats", "Paris", "AFP", PartialDate(2023, 3, 8)),
        ("BERLIN, 8. März 2023 (dpa) - Die Gewerkschaft", "Berlin", "dpa", PartialDate(2023, 3, 8)),
        (
            "MADRID, 8 de marzo de 2023 (EFE). - Los sindicatos",
            "Madrid",
            "EFE",
            PartialDate(2023, 3, 8),
        ),
        ("ROMA, 8 marzo 2023 (ANSA) - I sindacati", "Roma", "ANSA", PartialDate(2023, 3, 8)),
        (
            "LISBOA, 8 de março de 2023 (Lusa) - Os sindicatos",
            "Lisboa",
            "Lusa",
            PartialDate(2023, 3, 8),
        ),
        (
            "FRANKFURT AM MAIN, 1er mars 2023 (AFP) – Les",
            "Frankfurt am Main",
            "AFP",
            PartialDate(2023, 3, 1),
        ),
        ("KYIV (Reuters) - Ukrainian forces", "Kyiv", "Reuters", None),
        ("Berlin (dpa) - Die Regierung", "Berlin", "dpa", None),
    ],
)
def test_leading_dateline(text, place, source, published):
    body, meta = extract(text)
    assert meta["dateline"] == place
    assert meta["source"] == source
    assert meta.get("published") == published
    assert not body.startswith((place.upper(), place))


def test_dateline_without_year_is_not_dated():
    body, meta = extract("KYIV, March 8 (Reuters) - Ukrainian forces said...")
    assert body == "Ukrainian forces said..."
    assert "published" not in meta
    assert meta["month_day"] == (3, 8)
    assert meta["dateline"] == "Kyiv"


def test_dateline_without_year_takes_the_year_from_a_header():
    _, meta = extract("date: 2023-03\nKYIV, March 8 (Reuters) - Text.")
    assert meta["published"] == PartialDate(2023, 3, 8)
    _, meta = extract("date: 2023-02\nKYIV, March 8 (Reuters) - Text.")
    assert meta["published"] == PartialDate(2023, 2)  # disagreement: nothing guessed


@pytest.mark.parametrize(
    "text",
    [
        "Yesterday (Monday) - a sentence, not a dateline.",
        "Data show that 2023 was warm.",
        "The date 2023 was chosen.",
        "Source of the trouble: a leak.",
        "Prices rose 3/8/2023 - a typo (maybe) in the middle",
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert extract(text) == (text, {})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-03-08T10:00:00+01:00", "2023-03-08T09:00:00"),
        ("2023-03-08T10:00:00Z", "2023-03-08T10:00:00"),
        ("2023-03-08 10:00:00 UTC", "2023-03-08T10:00:00"),
        ("Wed, 08 Mar 2023 10:00:00 +0100", "2023-03-08T09:00:00"),
        ("Wed, 08 Mar 2023 10:00:00 GMT", "2023-03-08T10:00:00"),
        ("8 March 2023", "2023-03-08"),
        ("March 8, 2023", "2023-03-08"),
        ("8 mars 2023", "2023-03-08"),
        ("mercredi 8 mars 2023", "2023-03-08"),
        ("8. März 2023", "2023-03-08"),
        ("8 de marzo de 2023", "2023-03-08"),
        ("8 marzo 2023", "2023-03-08"),
        ("8 de março de 2023", "2023-03-08"),
        ("8 mars 2023 à 20h37", "2023-03-08T20:37:00"),
        ("March 2023", "2023-03"),
        ("2023-02", "2023-02"),
        ("2023", "2023"),
        ("08.03.2023", "2023-03-08"),
        ("13/08/2023", "2023-08-13"),
        ("03/08/2023", "2023"),  # day and month order unknown: only the year is sure
        ("the 8th of March, 2023", "2023-03-08"),  # via dateparser
    ],
)
def test_parse_date(value, expected):
    assert str(parse_date(value)) == expected


@pytest.mark.parametrize(
    "value", ["", "  ", "8 March", "tomorrow", "yesterday at noon", "hello", "99999"]
)
def test_parse_date_refuses_to_guess(value):
    assert parse_date(value) is None


def test_partial_dates_stay_partial():
    assert parse_date("2023-02").precision == "month"
    assert parse_date("février 2023") == PartialDate(2023, 2)
    assert parse_date("2023").precision == "year"


def test_month_files_cover_six_languages_without_conflicts():
    table = month_table()
    assert table["march"] == table["mars"] == table["märz"] == table["marzo"] == table["março"] == 3
    assert table["août"] == table["agosto"] == 8
    assert len(set(table.values())) == 12


def test_title_place():
    assert title_place("KYIV") == "Kyiv"
    assert title_place("RIO DE JANEIRO") == "Rio de Janeiro"
    assert title_place("St. Louis") == "St. Louis"

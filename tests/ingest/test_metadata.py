import pytest

from newsweave.ingest.dateorder import guess_language, numeric_order, read_numeric
from newsweave.ingest.metadata import extract, month_table, parse_date, title_place
from newsweave.model import PartialDate

AFP = "03/08/2023 20:37:21 – Chasiv Yar (Ukraine) (AFP) – © 2023 AFP"
# Bodies in each language, for the order of numeric dates (written for these tests).
EN = (
    "The unions called for another day of strikes, and the minister said on Wednesday "
    "that he would meet them."
)
FR = (
    "Les syndicats ont appelé à une nouvelle journée de grève, et le ministre a dit "
    "qu'il les recevrait."
)
ES = (
    "Los sindicatos convocaron ayer otra jornada de huelga contra la reforma, y el ministro "
    "dijo que los recibiría esta semana en la sede del Gobierno, aunque no hubo acuerdo."
)


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
        ("Date: Wed, 08 Mar 2023 10:00:00 +0100", PartialDate(2023, 3, 8, 10, 0, 0, 60)),
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
    story = "Artillery fire went on through the night.\n\nThe residents queued at the well."
    body, meta = extract(f"{story}\n{AFP}")
    assert body == story
    assert meta == {
        "published": PartialDate(2023, 3, 8, 20, 37, 21),
        "dateline": "Chasiv Yar (Ukraine)",
        "source": "AFP",
    }


@pytest.mark.parametrize(
    ("line", "published", "place", "source"),
    [
        ("03/08/2023 - Kyiv (Reuters)", PartialDate(2023), "Kyiv", "Reuters"),  # language unknown
        (
            "25/08/2023 09:05 — Bern (Switzerland) (dpa)",
            PartialDate(2023, 8, 25, 9, 5, 0),
            "Bern (Switzerland)",
            "dpa",
        ),
        ("3/8/2023 – Quito (EFE) – © 2023 EFE", PartialDate(2023), "Quito", "EFE"),
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


@pytest.mark.parametrize(
    ("body", "line", "published"),
    [
        # French AFP writes day first: 3 August
        (FR, "03/08/2023 20:37:21 – Paris (AFP)", PartialDate(2023, 8, 3, 20, 37, 21)),
        # English AFP, like AP and Reuters, writes month first: 8 March
        (EN, "03/08/2023 20:37:21 – Paris (AFP)", PartialDate(2023, 3, 8, 20, 37, 21)),
        (EN, "03/08/2023 - Kyiv (Reuters)", PartialDate(2023, 3, 8)),
        (ES, "3/8/2023 – Quito (EFE) – © 2023 EFE", PartialDate(2023, 8, 3)),
        # English from an agency whose convention is not known: both readings stay open
        (EN, "03/08/2023 – New Delhi (PTI)", PartialDate(2023)),
        # nothing to tell the language by: only the year is sure
        ("Body.", "03/08/2023 20:37:21 – Paris (AFP)", PartialDate(2023)),
        # a number over 12 decides by itself, whatever the language
        (FR, "03/16/2023 18:05:44 – Paris (AFP)", PartialDate(2023, 3, 16, 18, 5, 44)),
        ("Body.", "16/03/2023 – Paris (AFP)", PartialDate(2023, 3, 16)),
        (EN, "04/04/2023 – Paris (AFP)", PartialDate(2023, 4, 4)),
    ],
)
def test_numeric_wire_dates_follow_language_and_agency(body, line, published):
    _, meta = extract(f"{body}\n{line}")
    assert meta["published"] == published
    assert meta["published"].precision == published.precision


def test_declared_language_decides_the_numeric_order():
    assert extract("Body.\n03/08/2023 – Berlin (dpa)", lang="de")[1]["published"] == PartialDate(
        2023, 8, 3
    )
    assert extract("Body.\n03/08/2023 – Paris (AFP)", lang="en")[1]["published"] == PartialDate(
        2023, 3, 8
    )
    assert extract("Body.\n03/08/2023 – Paris (PTI)", lang="en")[1]["published"] == PartialDate(
        2023
    )


def test_numeric_order_comes_from_the_registry():
    assert numeric_order("fr", "AFP") == numeric_order("de") == numeric_order("it") == "DMY"
    assert numeric_order("en", "AFP") == numeric_order("en", "reuters") == "MDY"
    assert numeric_order("en") is None and numeric_order(None, "AFP") is None
    assert read_numeric(3, 8, None) is None and read_numeric(13, 8, None) == (8, 13)


def test_guess_language_needs_a_clear_lead():
    assert (guess_language(EN), guess_language(FR), guess_language(ES)) == ("en", "fr", "es")
    assert guess_language("Body.") is None


@pytest.mark.parametrize(
    ("text", "place", "source", "published", "month_day"),
    [
        ("ROMA, 8 marzo 2023 (ANSA) - I sindacati hanno proclamato lo sciopero.",
         "Roma", "ANSA", PartialDate(2023, 3, 8), None),
        ("Milano, 8 mar - La Borsa ha chiuso in rialzo.", "Milano", None, None, (3, 8)),
        ("Milano, 8 mar. 2023 - La Borsa ha chiuso in rialzo.",
         "Milano", None, PartialDate(2023, 3, 8), None),
        ("TORINO, 12 dic (ANSA) - La neve ha bloccato le strade.", "Torino", "ANSA", None, (12, 12)),
        ("Napoli, 3 settembre 2022 (AGI) - Il sindaco ha parlato.",
         "Napoli", "AGI", PartialDate(2022, 9, 3), None),
        ("BARI, 1° giugno 2023 - Il corteo è partito.", "Bari", None, PartialDate(2023, 6, 1), None),
    ],
)  # fmt: skip
def test_italian_datelines(text, place, source, published, month_day):
    body, meta = extract(text)
    assert (meta["dateline"], meta.get("source")) == (place, source)
    assert (meta.get("published"), meta.get("month_day")) == (published, month_day)
    assert body[0].isupper() and not body.startswith(place)


def test_a_weekday_is_no_place():
    text = "Lunedì, 8 marzo - la riunione è stata rinviata."
    assert extract(text) == (text, {})


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
        ("2023-03-08T10:00:00+01:00", "2023-03-08T10:00:00+01:00"),
        ("2023-03-08T10:00:00Z", "2023-03-08T10:00:00+00:00"),
        ("2023-03-08 10:00:00 UTC", "2023-03-08T10:00:00+00:00"),
        ("Wed, 08 Mar 2023 10:00:00 +0100", "2023-03-08T10:00:00+01:00"),
        ("Wed, 08 Mar 2023 10:00:00 GMT", "2023-03-08T10:00:00+00:00"),
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


def test_parse_date_with_a_known_order():
    assert parse_date("03/08/2023", "DMY") == PartialDate(2023, 8, 3)
    assert parse_date("03/08/2023", "MDY") == PartialDate(2023, 3, 8)
    assert parse_date("13/08/2023", "MDY") == PartialDate(2023, 8, 13)  # 13 can only be a day
    assert parse_date("08.03.2023", "MDY") == PartialDate(2023, 3, 8)  # dots are day first


def test_header_date_follows_the_declared_language():
    assert extract("Date: 03/08/2023\nTexte.", lang="fr")[1]["published"] == PartialDate(2023, 8, 3)
    assert extract("Date: 03/08/2023\nText.")[1]["published"] == PartialDate(2023)


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

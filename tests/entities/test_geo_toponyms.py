"""Places that the recogniser's spans hide (issue 12, "Places"), on texts written here:
towns inside institutions' names, towns the model calls persons, country adjectives
beyond the few the project started with, and one type per name within an article.

The whole entity stage runs, as the pipeline runs it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsweave.config import Settings
from newsweave.entities.extract import extract_entities
from newsweave.entities.gazetteer import distance_km
from newsweave.entities.geocode import person_words
from newsweave.entities.knowledge import ensure_curated
from newsweave.model import Document, Mention
from newsweave.store import open_store

pytestmark = pytest.mark.slow

Run = Callable[..., list[Mention]]


@pytest.fixture
def mentions(settings: Settings) -> Run:
    store = open_store(settings.db)
    ensure_curated(store)
    store.close()

    def run(text: str, lang: str = "en") -> list[Mention]:
        doc = Document("t", text, lang=lang)
        extract_entities([doc], settings)
        return doc.mentions

    return run


def placed(found: list[Mention], name: str) -> list[Mention]:
    return [m for m in found if m.text == name and m.lat is not None]


def near(m: Mention, lat: float, lon: float, km: float = 100.0) -> bool:
    assert m.lat is not None and m.lon is not None
    return distance_km(m.lat, m.lon, lat, lon) <= km


def test_country_adjectives_point_to_their_country(mentions: Run) -> None:
    text = (
        "The Sudanese government met envoys in Khartoum on Monday. Officials said the "
        "Sri Lankan ambassador and a Kenyan delegation would attend the talks."
    )
    found = mentions(text)
    for name, code in (("Sudanese", "SD"), ("Sri Lankan", "LK"), ("Kenyan", "KE")):
        got = placed(found, name)
        assert got and all(m.country == code for m in got), name
        # A nationality stays a nationality (CoNLL's MISC) while it points to its country.
        assert all(m.type == "MISC" for m in got), name


def test_town_inside_an_institution_name_is_placed(mentions: Run) -> None:
    text = (
        "Greenville, South Carolina. The Spartanburg Police Department said on Tuesday "
        "that two men were arrested near Greenville. Nobody was hurt."
    )
    found = mentions(text)
    got = [m for m in found if m.text == "Spartanburg" and m.lat is not None]
    assert got and all(near(m, 34.95, -81.93) for m in got)


def test_state_after_of_in_an_organisation_is_placed(mentions: Run) -> None:
    text = (
        "Doctors in Memphis and Nashville met on Friday. The Medical Association of "
        "Tennessee said rural clinics need more nurses."
    )
    found = mentions(text)
    got = [m for m in found if m.text == "Tennessee" and m.lat is not None]
    assert got and got[0].country == "US"


def test_newspaper_and_person_named_institutions_are_not_towns(mentions: Run) -> None:
    text = (
        "The Washington Post reported that the Webb Center in Charleston, South Carolina, "
        "will close. Brad Falde of the Harvard Club said donors were found."
    )
    found = mentions(text)
    assert not placed(found, "Washington")
    assert not placed(found, "Webb")
    assert not placed(found, "Brad")


def test_one_name_is_one_place_in_an_article(mentions: Run) -> None:
    # The small model calls some mentions of a town a person: the article's majority
    # (and the town's neighbours) make every mention the town.
    text = (
        "Greer, South Carolina. Greer has grown fast. Downtown Greer, near Spartanburg "
        "and Greenville, has new shops, and Greer's city limits reach the lakes. Visitors "
        "to Greer find parks."
    )
    found = mentions(text)
    greer = [m for m in found if m.text == "Greer"]
    assert greer and all(m.lat is not None and near(m, 34.94, -82.23) for m in greer)


def test_a_verb_before_a_town_is_no_title() -> None:
    # "Miss" is a title, "to miss" a verb: the town after the verb stays a place.
    text = "The storm is expected to miss Rochester on Tuesday. Miss Rochester was crowned."
    assert person_words(text, ["Rochester"], "en") == {"Rochester"}
    assert person_words(text.split(". ")[0], ["Rochester"], "en") == set()


def test_a_president_named_like_a_town_is_no_town(mentions: Run) -> None:
    # "Lincoln" and "Bell" are towns in other states; nothing in these articles points
    # there, and the model never calls the names places.
    text = (
        "RICHMOND, Ky. -- The author spoke at Eastern Kentucky University in Richmond on "
        "Tuesday. A Lincoln impersonator stood beside him. Lincoln visited the troops in "
        "1864, he said, and Lincoln answered every letter."
    )
    assert not placed(mentions(text), "Lincoln")
    text = (
        "LAS VEGAS -- Officer Tom Eggers chased Tyrise M. Bell through two parking lots. "
        "Bell ran toward Fremont Street, and Eggers tackled Bell near the casino."
    )
    assert not placed(mentions(text), "Bell")


def test_a_town_named_in_many_institutions_outweighs_one_capital_before_it(
    mentions: Run,
) -> None:
    text = (
        "COLUMBUS, Ohio -- The Dublin Arts Council gave grants on Monday. The Dublin "
        "Singers, the Dublin Area Art League and the annual Distinctly Dublin calendar "
        "contest each received money, said a board member of the Dublin Arts Council."
    )
    got = [m for m in mentions(text) if m.text == "Dublin" and m.lat is not None]
    assert got and all(near(m, 40.10, -83.11) for m in got)


def test_streets_are_places_without_a_pin(mentions: Run) -> None:
    text = (
        "Arrested were John Warden, 44, of 2517 Memphis St., Alexandria, and Jane "
        "Willis, 41, of 420 Augusta St., Alexandria. On Main Street, traffic was slow."
    )
    found = mentions(text)
    streets = {m.text for m in found if m.type == "LOC" and m.lat is None}
    assert {"Memphis St.", "Augusta St.", "Main Street"} <= streets
    assert not any(m.text.startswith("On ") for m in found)


def test_a_town_by_its_own_name_beats_a_city_by_an_old_name(mentions: Run) -> None:
    # "Berea" is an old name of Aleppo; here it is the Kentucky town.
    text = (
        "Berea police arrested a man on Friday after a chase from Richmond, Kentucky. "
        "Police in Berea said he was taken to the Madison County jail."
    )
    got = [m for m in mentions(text) if m.text == "Berea" and m.lat is not None]
    assert got and all(m.country == "US" for m in got)


def test_a_country_adjective_in_a_compound_points_to_its_country(mentions: Run) -> None:
    text = "Egyptian-US relations improved in Cairo this year, officials in Washington said."
    got = [m for m in mentions(text) if m.text == "Egyptian" and m.lat is not None]
    assert got and got[0].country == "EG"


def test_part_of_a_place_is_placed_in_it(mentions: Run) -> None:
    text = "A man was shot in South Los Angeles on Wednesday, Los Angeles police said."
    got = [m for m in mentions(text) if m.text == "South Los Angeles"]
    assert got and got[0].lat is not None and near(got[0], 34.05, -118.24, 50)


def test_floor_plans_named_after_towns_are_not_towns(mentions: Run) -> None:
    text = (
        "The new homes in Leesburg, Virginia, sell fast. Three floor plans, Norbury, "
        "Granville and Somerville, are offered. The Norbury has a large kitchen."
    )
    found = mentions(text)
    for name in ("Norbury", "Granville", "Somerville"):
        assert not placed(found, name), name


def test_regions_outside_the_english_speaking_countries_are_places(mentions: Run) -> None:
    text = (
        "Farmers in Tamil Nadu and Karnataka marched on Monday over water from the "
        "river. Officials in Bavaria and Sicily watched the talks."
    )
    found = mentions(text)
    for name, code in (("Tamil Nadu", "IN"), ("Karnataka", "IN"), ("Bavaria", "DE")):
        got = placed(found, name)
        assert got and got[0].country == code, name


def test_europe_and_its_union_are_placed_a_people_is_not(mentions: Run) -> None:
    text = (
        "The European Union will meet on Monday. European leaders said African "
        "Americans and Mexicans in the United States would be affected."
    )
    found = mentions(text)
    assert placed(found, "European")
    assert not placed(found, "African")
    assert not placed(found, "Mexicans")


def test_a_direction_is_no_place(mentions: Run) -> None:
    text = (
        "She studied in Wales for two years and spent her third year in the South of "
        "France. Trade with the West grew, officials in London said."
    )
    found = mentions(text)
    for word in ("South", "West"):
        assert not [m for m in found if m.text == word and m.type == "LOC"], word

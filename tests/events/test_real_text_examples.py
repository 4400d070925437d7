"""The event errors issue 12 found on real news, each on a sentence written here in the
same shape: a word inside a name or an idiom, a noun for an act that did not happen, an
offence's name, a number read as a year, a speech verb that frames a quote."""

from __future__ import annotations

import pytest

from lang.events_cases import events


@pytest.mark.parametrize(
    ("lang", "text", "names"),
    [
        # "livre d'or" (guestbook) is no delivery of aid
        (
            "fr",
            "Des centaines de visiteurs ont signé le livre d'or de l'ambassade de France à Tunis.",
            [("France", "LOC"), ("Tunis", "LOC")],
        ),
        # a capitalised trigger after a lower-case word is a word of a name
        (
            "es",
            "Miles de manifestantes se concentraron el viernes en la plaza de la Liberación "
            "de Bagdad.",
            [("Bagdad", "LOC")],
        ),
        ("it", "Il corteo è partito da piazza della Liberazione a Milano.", [("Milano", "LOC")]),
        # "qu'il rencontre une forte résistance": he faces it, he meets no one
        (
            "fr",
            "Le Premier ministre sait qu'il rencontre une forte résistance au Parlement.",
            [("Parlement", "ORG")],
        ),
        # a ruler's fall is not the capture of a place
        (
            "fr",
            "Des milliers de Libyens ont célébré la chute de Kadhafi à Benghazi.",
            [("Kadhafi", "PER"), ("Benghazi", "LOC")],
        ),
        (
            "es",
            "Los rebeldes preparan la caída de Gadafi desde Bengasi.",
            [("Gadafi", "PER"), ("Bengasi", "LOC")],
        ),
        # an act that is prepared, feared or possible has not happened
        (
            "es",
            "Washington alerta de preparativos para un nuevo ataque químico en Siria.",
            [("Washington", "LOC"), ("Siria", "LOC")],
        ),
        (
            "fr",
            "Le Conseil veut éviter une éventuelle attaque contre Damas.",
            [("Conseil", "ORG"), ("Damas", "LOC")],
        ),
        ("en", "Any attack on civilians would be a war crime.", []),
        # the words after "charged with" name an offence: no attack happened here
        ("en", 'Prosecutors charged him with "aggravated assault with a deadly weapon".', []),
        ("en", "The teenager was indicted on charges including assault of a soldier.", []),
        # a speech verb in the passive reports no one's statement
        ("en", "His sacking was reported early on Monday.", []),
        ("fr", "Le régime iranien est considéré par Riyad comme un rival.", [("Riyad", "LOC")]),
        # a sentence framing a quote set apart after a colon, or one closing right before it
        (
            "fr",
            "La journaliste Toula Vlahou a tweeté au cours de la nuit :\n@ToulaVlahou Que "
            "peut bien penser Assad en regardant la Libye ?",
            [("Toula Vlahou", "PER")],
        ),
        ("en", "'We gave everything we had this season,' the coach said.", []),
        # a separable speech verb without its particle: "es gibt" (there is), "stellt ab"
        ("de", "Mehr als 500.000 Likes gab es bisher dafür.", []),
        ("de", "Wegen der Pandemie stellt der Konzern 700 Flugzeuge ab.", []),
        # a determiner makes a speech word a noun; a relative pronoun after a common noun
        # describes that thing
        ("fr", "Les violences continuent depuis l'annonce du cessez-le-feu.", []),
        ("fr", "Il a rejoint un parti kurde qui considère les Kurdes comme des Syriens.", []),
        # "incontrare alcun problema": no one is met
        ("it", "Negli anni precedenti non abbiamo incontrato alcun problema alla dogana.", []),
        (
            "it",
            "La Crew Dragon ha iniziato il processo di separazione dalla Stazione.",
            [("Crew Dragon", "MISC")],
        ),
    ],
)
def test_no_event(lang: str, text: str, names: list[tuple[str, str]]) -> None:
    assert events(text, names, lang) == []


def test_a_resolution_number_is_no_date() -> None:
    text = "NATO aircraft struck Tripoli under UN Security Council resolution 1973."
    (event,) = events(text, [("NATO", "ORG"), ("Tripoli", "LOC")], "en")
    assert event[:2] == ("attack", "struck") and event[5] is None
    text = "Les avions ont bombardé Tripoli en vertu de la résolution 1973 de l'ONU."
    (event,) = events(text, [("Tripoli", "LOC"), ("ONU", "ORG")], "fr")
    assert event[:2] == ("attack", "bombardé") and event[5] is None


def test_what_is_still_an_event() -> None:
    """The rules above keep the real acts of the same shapes."""
    met = events(
        "Emmanuel Macron a rencontré Olaf Scholz à Berlin.",
        [("Emmanuel Macron", "PER"), ("Olaf Scholz", "PER"), ("Berlin", "LOC")],
        "fr",
    )
    assert [e[:3] for e in met] == [("meeting", "rencontré", ["Emmanuel Macron"])]
    fell = events("Les rebelles ont célébré la chute de Tripoli.", [("Tripoli", "LOC")], "fr")
    assert [e[:2] for e in fell] == [("capture", "chute")]
    said = events(
        "Future strikes against Syria remain possible, Spicer said.",
        [("Syria", "LOC"), ("Spicer", "PER")],
        "en",
    )
    assert [e[:3] for e in said] == [("statement", "said", ["Spicer"])]
    # "si è dichiarato" is reflexive, not passive
    declared = events("Il campione si è dichiarato molto deluso.", [], "it")
    assert [e[:2] for e in declared] == [("statement", "dichiarato")]


def test_a_death_sentence_is_no_death() -> None:
    found = events(
        "L'ex dittatore è stato condannato a morte dal tribunale di Baghdad.",
        [("Baghdad", "LOC")],
        "it",
    )
    assert [e[0] for e in found] == ["legal"]


def test_a_noun_takes_the_subject_that_carries_it_out() -> None:
    """ "Trump ordered a strike": Trump is its actor; "France responded to the attack"
    and "the UN condemned these strikes" name who reacted, not who attacked."""
    ordered = events(
        "Trump ordenó un ataque contra una base aérea siria.", [("Trump", "PER")], "es"
    )
    assert [(e[0], e[2]) for e in ordered] == [("attack", ["Trump"])]
    reacted = events(
        "Francia respondió con dureza al ataque químico en Duma.",
        [("Francia", "LOC"), ("Duma", "LOC")],
        "es",
    )
    assert [(e[0], e[2]) for e in reacted] == [("attack", [])]


def test_a_named_antecedent_of_who_speaks() -> None:
    found = events(
        "Her son called Penelac, her electric provider, who confirmed the error.",
        [("Penelac", "ORG")],
        "en",
    )
    assert [e[:3] for e in found] == [("statement", "confirmed", [])]

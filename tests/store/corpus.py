"""Small English articles written for the store's fault tests: fictional places and people.

`articles(n, seed)` gives `n` distinct articles (name, text) about a handful of
made-up events, several reports per event so stories form; `write(folder, ...)`
puts them in a folder as `.txt` files (title line, blank line, body) the way
`newsweave ingest` reads them.
"""

from __future__ import annotations

import random
from pathlib import Path

# (title, opening, details): each report of an event fills the slots differently.
EVENTS = [
    (
        "Floods cut off villages along the river Senna",
        "{place}, {month} {day} - Heavy rain burst the banks of the river Senna on {weekday}, "
        "cutting off {n1} villages, the regional rescue service said.",
        "About {n2} residents left their homes around Verrano and Castelmoro. "
        '"We have never seen the water rise this fast," mayor Lidia Ferran told reporters. '
        "Helicopters lifted {n3} families from rooftops and schools stayed closed.",
    ),
    (
        "Dock workers strike at the port of Kestrel Bay",
        "{place}, {month} {day} - Dock workers at Kestrel Bay walked out on {weekday}, "
        "leaving {n1} container ships waiting offshore, the port authority said.",
        "The union of harbour workers wants a pay rise of {n2} percent. "
        '"We will not unload a single crate until the offer improves," union leader '
        "Tomas Reyne said. Freight companies expect delays of {n3} days.",
    ),
    (
        "Old stone bridge in Harwick collapses after storm",
        "{place}, {month} {day} - Part of the old stone bridge over the Harwick canal "
        "collapsed on {weekday} after a night of storms, city engineers said.",
        "Nobody was on the bridge, but {n1} houses nearby were evacuated. "
        '"The arches were weakened by years of heavy traffic," engineer Mara Okafor said. '
        "Repairs could cost {n2} million and take {n3} months.",
    ),
    (
        "Grandmaster Ilse Varga wins the Northport chess open",
        "{place}, {month} {day} - Ilse Varga won the Northport chess open on {weekday}, "
        "beating Pavel Drost in a tense final round after {n1} moves.",
        "She finished with {n2} points from nine games. "
        '"I was lost in the middle game and then he blundered," Varga said with a smile. '
        "The prize fund was {n3} thousand.",
    ),
    (
        "Wildfire near Pinecrest forces evacuations",
        "{place}, {month} {day} - A wildfire in the hills above Pinecrest spread across "
        "{n1} hectares on {weekday}, fire chief Dana Holloway said.",
        "Some {n2} people were told to leave their homes as strong winds pushed the flames "
        'east. "Our crews are working through the night," Holloway said. '
        "{n3} firefighters and four aircraft fought the blaze.",
    ),
    (
        "City council of Elmsford approves new tram line",
        "{place}, {month} {day} - The city council of Elmsford voted on {weekday} to build a "
        "tram line of {n1} kilometres linking the station with the university.",
        "The project will cost {n2} million and the first trams should run in {n3} years. "
        '"This is the biggest change to our streets in a generation," councillor Ruth Abara '
        "said after the vote.",
    ),
]
PLACES = ["VERRANO", "KESTREL BAY", "HARWICK", "NORTHPORT", "PINECREST", "ELMSFORD"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
OUTLETS = ["Valley Post", "Coast Courier", "Daily Lantern", "Morning Ledger"]


def articles(
    n: int, seed: int = 0, prefix: str = "a", events: int = len(EVENTS)
) -> list[tuple[str, str]]:
    """`n` distinct articles as (file name, text) about the first `events` events, in
    turn; the same arguments give the same articles."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        event = i % events
        title, opening, details = EVENTS[event]
        day = 3 + (i // events) % 3
        slots = {
            "place": PLACES[event],
            "month": "May",
            "day": day,
            "weekday": WEEKDAYS[day % len(WEEKDAYS)],
            "n1": rng.randint(3, 90),
            "n2": rng.randint(100, 9000),
            "n3": rng.randint(2, 60),
        }
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        body = opening.format(**slots) + " " + details.format(**slots)
        text = f"{title}\n\n{body}\nReported by the {outlet} (report {seed}-{i}).\n"
        out.append((f"{prefix}{i:03d}.txt", text))
    return out


def write(folder: Path, items: list[tuple[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in items:
        (folder / name).write_text(text, encoding="utf-8")
    return folder

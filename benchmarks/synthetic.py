"""Realistic synthetic transfer news at any size, from templates and names this project wrote.

Every article follows one possible move (a *story*: player, from club, to club, window) at one
stage of its life, with the trimmings real transfer copy carries: a fee, a loan clause, an
attribution to an outlet or journalist, the player's age and numbers, a contract expiry, a quote.
Popular stories get many articles (a Zipf-like draw), as in real coverage.

    uv run python benchmarks/synthetic.py 10000 out/synthetic.jsonl   # corpus-style JSONL

The people are invented; clubs and outlets are real names, used as the knowledge base knows them.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from mercato.domain import STAGE_STATUS, Article, Stage, Status

FIRST_NAMES = [
    "Marco",
    "Tomas",
    "Luka",
    "Adrien",
    "Kofi",
    "Jonas",
    "Mateo",
    "Ruben",
    "Elias",
    "Noah",
    "Idris",
    "Sander",
    "Pablo",
    "Kenji",
    "Dario",
    "Theo",
    "Amadou",
    "Nikola",
    "Joao",
    "Viktor",
    "Emre",
    "Lucas",
    "Bastian",
    "Yannick",
    "Rafael",
    "Oskar",
    "Ilias",
    "Tariq",
    "Milan",
    "Andrei",
    "Felix",
    "Hugo",
    "Leandro",
    "Samu",
    "Mehdi",
    "Caio",
    "Aaron",
    "Jakub",
    "Lorenzo",
    "Ismael",
    "Benji",
    "Otto",
    "Kwame",
    "Remi",
]
SURNAMES = [
    "Verhoek",
    "Castellan",
    "Draxby",
    "Oyelaran",
    "Moreau",
    "Lindqvist",
    "Sabattini",
    "Okonjo",
    "Ferreiro",
    "Halvorsen",
    "Kovacevic",
    "Duarte",
    "Brennan",
    "Mbatha",
    "Rosetti",
    "Valdemar",
    "Achterberg",
    "Nakamori",
    "Petrakis",
    "Iglesio",
    "Szalai",
    "Montrose",
    "Delacroix",
    "Abankwah",
    "Vidaurre",
    "Kristensen",
    "Baldacci",
    "Tremlow",
    "Oduya",
    "Marchetti",
    "Rautio",
    "Zelenko",
    "Cardozo",
    "Whitcombe",
    "Fontaine",
    "Adeyemo",
    "Lucarelli",
    "Novotny",
    "Quaresmo",
    "Eklund",
    "Salcedo",
    "Haverkamp",
    "Ndiaye-Roux",
    "Pellegrin",
    "Brackwell",
    "Ostrander",
    "Vukovic",
    "Amarante",
    "Tellier",
]
POSITIONS = (
    "striker", "winger", "centre-back", "left-back", "right-back", "midfielder",
    "defensive midfielder", "goalkeeper", "playmaker", "forward",
)  # fmt: skip
COUNTRIES = [
    "Portugal",
    "Brazil",
    "France",
    "Spain",
    "Netherlands",
    "Norway",
    "Denmark",
    "Serbia",
    "Croatia",
    "Ghana",
    "Nigeria",
    "Senegal",
    "Japan",
    "Italy",
    "Belgium",
    "Poland",
    "Sweden",
    "Argentina",
    "Uruguay",
    "Morocco",
    "Austria",
    "Greece",
]
CLUBS = (
    "Liverpool", "Arsenal", "Chelsea", "Manchester United", "Manchester City", "Tottenham",
    "Newcastle", "Aston Villa", "West Ham", "Brighton", "Everton", "Crystal Palace",
    "Wolves", "Fulham", "Brentford", "Nottingham Forest", "Real Madrid", "Barcelona",
    "Atletico Madrid", "Sevilla", "Real Sociedad", "Villarreal", "Inter Milan", "AC Milan",
    "Juventus", "Napoli", "Roma", "Lazio", "Atalanta", "Fiorentina", "Bayern Munich",
    "Borussia Dortmund", "RB Leipzig", "Bayer Leverkusen", "Eintracht Frankfurt",
    "Paris Saint-Germain", "Marseille", "Lyon", "Monaco", "Lille", "Ajax", "PSV Eindhoven",
    "Feyenoord", "Benfica", "Porto", "Sporting CP", "Celtic", "Rangers", "Galatasaray",
)  # fmt: skip
OUTLETS = (
    "The Athletic", "Sky Sports", "BBC Sport", "The Guardian", "The Times", "The Telegraph",
    "Daily Mail", "The Sun", "Daily Mirror", "Evening Standard", "ESPN", "Goal",
    "Marca", "AS", "Mundo Deportivo", "Sport", "Gazzetta dello Sport", "Corriere dello Sport",
    "Tuttosport", "Calciomercato", "Bild", "Kicker", "Sky Germany", "L'Equipe", "RMC Sport",
    "Le Parisien", "A Bola", "Record", "O Jogo", "De Telegraaf", "Fichajes", "Football Insider",
)  # fmt: skip
JOURNALIST_NAMES = (
    "Hal Brennick", "Sofia Marland", "Dev Okafor", "Luca Pirone", "Anna Schiller",
    "Tom Ravensworth", "Ines Caldeira", "Pierre Vautrin", "Joe Haddleston", "Marta Quiroga",
)  # fmt: skip
MANAGER_NAMES = ("Edo Valenti", "Rolf Hansker", "Gareth Pennick", "Paulo Amaral", "Luis Ortega")

STAGE_WEIGHTS: tuple[tuple[Stage, int], ...] = (
    (Stage.INTEREST, 30), (Stage.MONITORING, 10), (Stage.APPROACH, 8), (Stage.TALKS, 14),
    (Stage.BID, 8), (Stage.BID_REJECTED, 4), (Stage.AGREEMENT, 6), (Stage.MEDICAL, 3),
    (Stage.SIGNED, 5), (Stage.ANNOUNCED, 3), (Stage.DENIED, 4), (Stage.COLLAPSED, 3),
    (Stage.EXIT, 2),
)  # fmt: skip

LEADS: dict[Stage, tuple[str, ...]] = {
    Stage.INTEREST: (
        "{to} are keen on {from_}'s {pos} {person}{attrib}.",
        "{to} have made {person} a priority target {window}{attrib}.",
        "{person} is wanted by {to}, who see the {pos} as the answer to their problems{attrib}.",
    ),
    Stage.MONITORING: (
        "{to} scouts have watched {from_} {pos} {person} several times this season{attrib}.",
        "{to} are monitoring {person}'s situation at {from_}{attrib}.",
    ),
    Stage.APPROACH: ("{to} have made an approach for {from_} {pos} {person}{attrib}.",),
    Stage.TALKS: (
        "{to} are in talks with {from_} over a deal for {person}{attrib}.",
        "{to} have opened talks to sign {pos} {person} from {from_} {window}{attrib}.",
    ),
    Stage.BID: (
        "{to} have launched a {fee} bid for {from_}'s {person}{attrib}.",
        "{to} have submitted an offer of {fee} for {from_} {pos} {person}{attrib}.",
    ),
    Stage.BID_REJECTED: ("{from_} have rejected a {fee} offer from {to} for {person}{attrib}.",),
    Stage.AGREEMENT: (
        "{to} have agreed a {fee} fee with {from_} for {person}{attrib}.",
        "{to} and {from_} have reached an agreement over {person}{loan}{attrib}.",
    ),
    Stage.MEDICAL: ("{person} is undergoing a medical at {to} ahead of a {fee} move from {from_}.",),
    Stage.SIGNED: (
        "{to} have completed the signing of {person} from {from_} for {fee}{loan}.",
        "{person} has joined {to} from {from_}{loan}.",
    ),
    Stage.ANNOUNCED: ("{to} have confirmed the arrival of {person} from {from_} on a {years}-year contract.",),
    Stage.DENIED: ("{to} have denied any interest in {from_} {pos} {person}{attrib}.",),
    Stage.COLLAPSED: ("{person}'s proposed move from {from_} to {to} has collapsed over personal terms{attrib}.",),
    Stage.EXIT: ("{from_} are ready to let {person} leave {window}{attrib}.",),
}  # fmt: skip

FILLERS: tuple[str, ...] = (
    "The {age}-year-old has scored {goals} goals in {apps} appearances this season.",
    "{person}, who has {caps} caps for {country}, joined {from_} in {joined}.",
    "His contract at {from_} runs until {expiry}, which weakens the club's hand.",
    "{from_} value the {pos} at around {fee} and are in no hurry to sell.",
    "{to} want to strengthen their squad before the window closes.",
    "The {country} international is also attracting interest from {other}.",
    '"{quote}," {manager} told reporters when asked about {surname}.',
    "{surname} started {apps} league games last term and has become a regular for {country}.",
)
HEADLINES: dict[Status, str] = {
    Status.RUMOUR: "{to} target {surname} as {from_} brace for offers",
    Status.DONE: "{surname} completes move to {to}",
    Status.OFF: "{to} move for {surname} off",
}
QUOTES = (
    "He is a very good player but I only talk about my own squad",
    "We are happy with the players we have, and nothing is decided",
    "Every club wants to improve and we are no different",
    "I will not comment on rumours, he is focused on the next game",
)


@dataclass(frozen=True)
class Story:
    """One possible move that synthetic articles report on."""

    person: str
    position: str
    country: str
    from_club: str
    to_club: str
    window_year: int
    window_part: str  # summer or winter
    fee_millions: int
    currency: str  # £ or €
    age: int


# Surnames beyond the hand-written list come from syllables, so that a large archive does not
# give one name to thousands of unrelated players (which would make every player page huge).
SURNAME_HEADS = [
    "Bal",
    "Cor",
    "Dra",
    "Esk",
    "Fal",
    "Gor",
    "Hel",
    "Ivan",
    "Jor",
    "Kal",
    "Lor",
    "Mar",
    "Nor",
    "Ost",
    "Pel",
    "Quin",
    "Ros",
    "Sal",
    "Tor",
    "Val",
    "Wen",
    "Yar",
    "Zan",
    "Ben",
    "Cas",
    "Dul",
    "Fer",
    "Gal",
    "Har",
    "Mol",
]
SURNAME_TAILS = [
    "ado",
    "berg",
    "cek",
    "dini",
    "enko",
    "ford",
    "gaard",
    "holm",
    "ini",
    "jevic",
    "kamp",
    "lund",
    "mann",
    "nez",
    "orov",
    "quist",
    "ras",
    "sen",
    "tti",
    "vic",
    "wood",
    "zini",
    "avic",
    "elli",
    "stad",
    "oni",
    "uru",
    "ech",
    "aldo",
]
ERA_ARTICLES = 2000  # articles per stretch of time; each stretch has its own stories
STORIES_PER_ERA = 500


def _surname(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(SURNAMES)
    return rng.choice(SURNAME_HEADS) + rng.choice(SURNAME_TAILS)


def make_stories(count: int, rng: random.Random, first_year: int = 2019) -> list[Story]:
    """Draw `count` possible moves with invented players, for windows from `first_year` on."""
    stories = []
    for _ in range(count):
        from_club, to_club = rng.sample(CLUBS, 2)
        stories.append(
            Story(
                person=f"{rng.choice(FIRST_NAMES)} {_surname(rng)}",
                position=rng.choice(POSITIONS),
                country=rng.choice(COUNTRIES),
                from_club=from_club,
                to_club=to_club,
                window_year=first_year + rng.randrange(2),
                window_part=rng.choice(("summer", "summer", "winter")),
                fee_millions=rng.choice(
                    (5, 8, 12, 15, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 100)
                ),
                currency=rng.choice(("£", "€")),
                age=rng.randrange(18, 33),
            )
        )
    return stories


def _window_phrase(story: Story, published: date, rng: random.Random) -> str:
    if story.window_part == "winter":
        return rng.choice(
            ("in January", "in the January window", f"in January {story.window_year}")
        )
    if published.year == story.window_year:
        return rng.choice(("this summer", "in the upcoming summer", "in the summer window"))
    return rng.choice(("next summer", f"in the summer of {story.window_year}"))


def _fee_phrase(story: Story, rng: random.Random) -> str:
    amount = story.fee_millions + rng.choice((0, 0, 5, -2))
    style = rng.randrange(4)
    if style == 0:
        return f"{story.currency}{amount}m"
    if style == 1:
        return f"{story.currency}{amount}million"
    if style == 2:
        return f"{story.currency}{amount} million"
    return f"{story.currency}{amount}m plus add-ons"


def _published(story: Story, rng: random.Random) -> date:
    # Coverage clusters in the weeks before a window opens and while it is open.
    month = 6 if story.window_part == "summer" else 1
    anchor = date(story.window_year, month, 15)
    return anchor + timedelta(days=rng.randrange(-120, 75))


def synthetic_record(index: int, story: Story, rng: random.Random) -> dict[str, object]:
    """One corpus-style JSON record about `story` (same fields as the shared corpus)."""
    stage = rng.choices([s for s, _ in STAGE_WEIGHTS], [w for _, w in STAGE_WEIGHTS])[0]
    published = _published(story, rng)
    outlet = rng.choice(OUTLETS)
    cited = rng.choice(OUTLETS)
    attrib = rng.choice(
        (
            "",
            f", according to {cited}",
            f", {cited} reports",
            f", reports {rng.choice(JOURNALIST_NAMES)} of {cited}",
            f", according to {cited} via {rng.choice(OUTLETS)}",
        )
    )
    loan = rng.choice(("", "", "", " on a season-long loan", " on loan with an option to buy"))
    values = {
        "person": story.person,
        "surname": story.person.split()[-1],
        "pos": story.position,
        "country": story.country,
        "from_": story.from_club,
        "to": story.to_club,
        "other": rng.choice([c for c in CLUBS if c not in (story.from_club, story.to_club)]),
        "window": _window_phrase(story, published, rng),
        "fee": _fee_phrase(story, rng),
        "attrib": attrib,
        "loan": loan,
        "years": rng.choice((3, 4, 5)),
        "age": story.age,
        "goals": rng.randrange(0, 25),
        "apps": rng.randrange(8, 40),
        "caps": rng.randrange(1, 60),
        "joined": story.window_year - rng.randrange(1, 6),
        "expiry": story.window_year + rng.randrange(0, 4),
        "quote": rng.choice(QUOTES),
        "manager": rng.choice(MANAGER_NAMES),
    }
    kind = rng.choices(("article", "gossip_item", "tweet"), (6, 3, 1))[0]
    lead = rng.choice(LEADS[stage]).format(**values)
    if kind == "article":
        body = [f.format(**values) for f in rng.sample(FILLERS, rng.randrange(2, 6))]
        title = HEADLINES[STAGE_STATUS[stage]].format(**values)
        text = "\n\n".join([title, lead, *body])
    elif kind == "gossip_item":
        text = f"{lead} ({outlet})"
    else:
        text = f"{lead} #{story.to_club.replace(' ', '')}"
    return {
        "id": f"synthetic-{index:08d}",
        "dataset": "synthetic",
        "kind": kind,
        "date": published.isoformat(),
        "url": f"https://news.example/{index:08d}",
        "outlet": outlet,
        "is_transfer": True,
        "text": text,
        # What the text says, for benchmarks that fill a store without running extraction.
        "meta": {
            "person": story.person,
            "from_club": story.from_club,
            "to_club": story.to_club,
            "other_club": values["other"],
            "window": f"{story.window_year} {story.window_part}",
            "stage": stage.value,
            "fee_millions": story.fee_millions,
            "currency": "GBP" if story.currency == "£" else "EUR",
            "is_loan": bool(loan),
            "source": cited if attrib else None,
            "age": story.age,
        },
    }


def synthetic_records(count: int, seed: int = 0) -> Iterator[dict[str, object]]:
    """`count` corpus-style records; a seed gives one stream, and a shorter run is its prefix."""
    # Coverage moves on with time: each era of ERA_ARTICLES articles reports on its own stories,
    # a few big ones and a long tail (Zipf-like), so a story's size does not grow with the archive.
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(STORIES_PER_ERA)]
    stories: list[Story] = []
    rng = random.Random()
    for index in range(count):
        era, position = divmod(index, ERA_ARTICLES)
        if position == 0:
            rng = random.Random(f"{seed}:{era}")
            stories = make_stories(STORIES_PER_ERA, rng, first_year=2012 + era % 12)
        story = rng.choices(stories, weights)[0]
        yield synthetic_record(index, story, rng)


def synthetic_articles(count: int, seed: int = 0) -> Iterator[Article]:
    """`count` synthetic articles as domain objects."""
    for record in synthetic_records(count, seed):
        text = str(record["text"])
        yield Article.from_text(
            text,
            published=date.fromisoformat(str(record["date"])),
            outlet=str(record["outlet"]),
            url=str(record["url"]),
            external_id=str(record["id"]),
            kind=str(record["kind"]),
        )


def write_jsonl(path: Path, count: int, seed: int = 0) -> Path:
    """Write `count` synthetic records to `path`, one JSON object a line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in synthetic_records(count, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    """Command line: write N synthetic records to a JSONL file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_jsonl(args.out, args.count, args.seed)
    print(f"wrote {args.count} records to {args.out}")


if __name__ == "__main__":
    main()

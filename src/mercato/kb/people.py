"""People: players from the completed-transfers table (CC0) and World Cup squads (CC-BY-SA)."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from mercato.kb.normalise import normalise_alias, slugify

_WORLD_CUP_FROM = 1998  # older squads add namesakes without helping current news
_BORN_BY = 1980  # someone born earlier was not moving as a player in 2022-2024: a namesake
_NOT_APPLICABLE = "not applicable"


@dataclass(frozen=True)
class Move:
    """One completed transfer of a player, dated."""

    person_id: str
    date: str  # ISO date
    season: str
    from_tm_id: str
    from_name: str
    to_tm_id: str
    to_name: str
    fee: str
    market_value: str


@dataclass
class Person:
    """A player while the build assembles it."""

    id: str
    name: str
    transfermarkt_id: str = ""
    moves: list[Move] = field(default_factory=list)


@dataclass(frozen=True)
class WorldCupPlayer:
    """A World Cup squad member (Fjelstul World Cup Database, CC-BY-SA 4.0)."""

    id: str
    name: str
    family_name: str
    given_name: str
    birth_date: str
    positions: tuple[str, ...]
    teams: tuple[str, ...]
    tournaments: tuple[str, ...]
    same_as: str  # the transfers-table person with the same name, if exactly one


def _iso(day_month_year: str) -> str:
    day, month, year = day_month_year.split("/")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def load_transfer_people(transfers_csv: Path) -> list[Person]:
    """One person per Transfermarkt player id, with their moves in date order."""
    people: dict[str, Person] = {}
    with transfers_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            tm_id = row["player_id"].strip()
            name = " ".join(row["player_name"].split())
            if not tm_id or not name:
                continue
            person = people.get(tm_id)
            if person is None:
                # The Transfermarkt id keeps namesakes apart and the id stable across rebuilds.
                person = Person(f"player:{slugify(name)}-{tm_id}", name, tm_id)
                people[tm_id] = person
            person.moves.append(
                Move(
                    person.id,
                    _iso(row["transfer_date"]),
                    row["transfer_season"],
                    row["from_club_id"],
                    row["from_club_name"],
                    row["to_club_id"],
                    row["to_club_name"],
                    row["transfer_fee"],
                    row["market_value_in_eur"],
                )
            )
    for person in people.values():
        person.moves.sort(key=lambda m: (m.date, m.to_tm_id, m.from_tm_id))
    return sorted(people.values(), key=lambda p: p.id)


def load_world_cup_players(worldcup_dir: Path, people: list[Person]) -> list[WorldCupPlayer]:
    """Men's World Cup squad members since 1998, linked to a transfers person where unique."""
    teams: dict[str, set[str]] = defaultdict(set)
    with (worldcup_dir / "squads.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            teams[row["player_id"]].add(row["team_name"])
    by_name: dict[str, list[str]] = defaultdict(list)
    for person in people:
        by_name[normalise_alias(person.name)].append(person.id)
    players: list[WorldCupPlayer] = []
    with (worldcup_dir / "players.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            tournaments = tuple(t.strip() for t in row["list_tournaments"].split(",") if t.strip())
            if row["female"] == "1" or not any(int(t) >= _WORLD_CUP_FROM for t in tournaments):
                continue
            given = "" if row["given_name"] == _NOT_APPLICABLE else row["given_name"]
            family = "" if row["family_name"] == _NOT_APPLICABLE else row["family_name"]
            name = " ".join(p for p in (given, family) if p)
            positions = tuple(
                pos
                for pos in ("goal_keeper", "defender", "midfielder", "forward")
                if row[pos] == "1"
            )
            matches = by_name.get(normalise_alias(name), [])
            if row["birth_date"][:4].isdigit() and int(row["birth_date"][:4]) < _BORN_BY:
                matches = []
            number = row["player_id"].removeprefix("P-")
            players.append(
                WorldCupPlayer(
                    id=f"player:wc-{slugify(name)}-{number}",
                    name=name,
                    family_name=family,
                    given_name=given,
                    birth_date=row["birth_date"],
                    positions=positions,
                    teams=tuple(sorted(teams.get(row["player_id"], ()))),
                    tournaments=tournaments,
                    same_as=matches[0] if len(matches) == 1 else "",
                )
            )
    return sorted(players, key=lambda p: p.id)

"""What the knowledge base knew about a player on a day: the header of a player page.

Age from the birth date, position, the club from completed moves (before the first known move,
the club that move left), the latest market value dated on or before the day, citizenship and
the national team of World Cup squads up to that year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from mercato.domain import EntityKind
from mercato.kb.catalogue import Catalogue, load_catalogue
from mercato.kb.player_records import age_on, load_player_records
from mercato.kb.sources import source_directory


@dataclass(frozen=True)
class KnownAt:
    """What the knowledge base knew about a player on a day: the header of a player page."""

    day: date
    person_id: str
    name: str
    age: int | None = None
    position: str | None = None
    club: str | None = None
    market_value: int | None = None  # EUR
    value_dated: date | None = None
    nationality: str | None = None
    national_teams: tuple[str, ...] = ()


def _player_entity(catalogue: Catalogue, person_id: str | None, name: str) -> str | None:
    """The player's knowledge-base id: the stories' own, else the one player of that name."""
    if person_id and catalogue.get(person_id) is not None:
        return person_id
    found = catalogue.candidates(name, {EntityKind.PLAYER})
    if len(found) == 1 or (found and not catalogue.is_ambiguous(name, {EntityKind.PLAYER})):
        return found[0].id
    return None


def _club_name(catalogue: Catalogue, club_id: str | None, fallback: str) -> str | None:
    entity = catalogue.get(club_id) if club_id else None
    return entity.name if entity is not None else fallback or None


def known_at(person_id: str | None, name: str, day: date) -> KnownAt | None:
    """What the knowledge base knew about the player on `day`; None for someone it lacks."""
    catalogue = load_catalogue()
    entity_id = _player_entity(catalogue, person_id, name)
    entity = catalogue.get(entity_id) if entity_id else None
    if entity is None:
        return None
    facts = entity.attributes
    moves: list[dict[str, str]] = list(_listed(facts.get("clubs")))
    before = [m for m in moves if m["date"] <= day.isoformat()]
    after = [m for m in moves if m["date"] > day.isoformat()]
    # Before the first known move the player was at the club that move left.
    if before:
        club = _club_name(catalogue, before[-1]["to_club_id"], before[-1]["to_name"])
    elif after:
        club = _club_name(catalogue, after[0]["from_club_id"], after[0]["from_name"])
    else:
        club = None
    record = load_player_records().get(str(facts.get("transfermarkt_id") or ""))
    values = sorted(
        [
            *(record.values if record else ()),
            *(
                (date.fromisoformat(m["date"]), int(m["market_value_eur"]))
                for m in before
                if m["market_value_eur"].isdigit()
            ),
        ]
    )
    valued = next((v for v in reversed(values) if v[0] <= day), None)
    born = record.birth_date if record and record.birth_date else _iso(facts.get("birth_date"))
    world_cups = [int(y) for y in _listed(facts.get("world_cups")) if str(y).isdigit()]
    teams = tuple(
        _club_name(catalogue, str(t), str(t)) or str(t) for t in _listed(facts.get("national_teams"))
    )
    positions = [str(p).replace("_", " ") for p in _listed(facts.get("positions"))]
    return KnownAt(
        day=day,
        person_id=entity.id,
        name=entity.name,
        age=age_on(born, day),
        position=(record.sub_position or record.position if record else None)
        or (positions[0] if positions else None),
        club=club,
        market_value=valued[1] if valued else None,
        value_dated=valued[0] if valued else None,
        nationality=record.citizenship if record else None,
        national_teams=teams if any(y <= day.year for y in world_cups) else (),
    )


def _listed(value: object) -> tuple[Any, ...]:
    """A knowledge-base attribute that holds a sequence, as a tuple (empty when absent)."""
    return tuple(value) if isinstance(value, (tuple, list)) else ()


def _iso(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def preload_knowledge() -> None:
    """Read now what the pages consult from the knowledge base (the catalogue, the player records,
    the source names): each is read once per process, and on the corpus the first player page
    waited over a second for them."""
    load_catalogue()
    load_player_records()
    source_directory()

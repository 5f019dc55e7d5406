"""The knowledge base as it stood on a day: a replay of past news must not know the future.

The shipped tables hold completed moves of later seasons, with market values and fees, and the
prominence that orders candidates is derived from them. A cut keeps the moves dated by the day,
drops the people known only from later moves or tournaments and the league seasons not yet begun,
and recomputes people's and clubs' prominence from the values, fees and seasons known by then.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from mercato.domain import Entity, EntityKind
from mercato.errors import ConfigurationError
from mercato.kb.clubs import club_prominence

# A process reading past news sets this (YYYY-MM-DD) so that every stage sees the cut catalogue.
AS_OF_VARIABLE = "MERCATO_KB_AS_OF"


def as_of_from_environment() -> date | None:
    """The cut day from `MERCATO_KB_AS_OF`, None when unset; a clear error when unreadable."""
    text = os.environ.get(AS_OF_VARIABLE, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ConfigurationError(f"{AS_OF_VARIABLE}={text!r} is not a date (YYYY-MM-DD)") from exc


def _season_started(season: str, day: date) -> bool:
    """Has a season ("2021-22") begun by the day (July 1 of its first year)?"""
    first = season[:4]
    return first.isdigit() and date(int(first), 7, 1) <= day


def _player_prominence(history: tuple[Mapping[str, str], ...]) -> float:
    """As `kb.catalogue` derives it: from the highest market value on record."""
    values = [float(m["market_value_eur"]) for m in history if str(m.get("market_value_eur", "")).isdigit()]
    top = max(values, default=0.0)
    return max(0.0, min(20 * (math.log10(top) - 4), 100.0)) if top else 0.0


def _fees(entities: Mapping[str, Entity], day: date | None) -> dict[str, float]:
    """Fees paid plus received per Transfermarkt club id, over moves dated by `day` (all if None)."""
    moved: dict[str, float] = defaultdict(float)
    for entity in entities.values():
        for move in entity.attributes.get("clubs", ()) or ():  # type: ignore[attr-defined]
            fee = str(move.get("fee_eur", ""))
            if not fee.replace(".", "", 1).isdigit() or (day is not None and move["date"] > day.isoformat()):
                continue
            moved[move.get("to_tm_id", "")] += float(fee)
            moved[move.get("from_tm_id", "")] += float(fee)
    return moved


def _tournaments_known(entity: Entity, day: date) -> tuple[str, ...]:
    """World Cups over by the day (a tournament counts once its year has ended)."""
    cups = entity.attributes.get("world_cups", ()) or ()
    return tuple(c for c in cups if str(c).isdigit() and date(int(c), 12, 31) < day)  # type: ignore[attr-defined]


def entities_as_of(entities: Mapping[str, Entity], day: date) -> dict[str, Entity]:
    """Entities as known on `day`: dated facts after it removed, prominence recomputed."""
    fees_then = _fees(entities, day)
    out: dict[str, Entity] = {}
    for entity_id, entity in entities.items():
        attributes = dict(entity.attributes)
        if entity.kind == EntityKind.PLAYER:
            history = tuple(m for m in attributes.get("clubs", ()) or () if m["date"] <= day.isoformat())  # type: ignore[attr-defined]
            cups = _tournaments_known(entity, day)
            from_transfers = "transfermarkt_id" in attributes
            if not history and not cups:
                continue  # known only from later moves or tournaments
            if from_transfers:
                attributes["clubs"] = history
                attributes["prominence"] = _player_prominence(history)
            else:
                attributes["prominence"] = 10.0 * len(cups)
            if "world_cups" in attributes:
                attributes["world_cups"] = cups
        elif entity.kind == EntityKind.CLUB:
            leagues = {
                season: codes
                for season, codes in (attributes.get("leagues") or {}).items()  # type: ignore[attr-defined]
                if _season_started(season, day)
            }
            tm = attributes.get("transfermarkt_id")
            attributes["leagues"] = leagues
            attributes["prominence"] = club_prominence(
                leagues, str(attributes.get("country_code") or ""), str(tm) if tm else None,
                fees_then.get(str(tm), 0.0) if tm else 0.0,
            )
        out[entity_id] = replace(entity, attributes=attributes)
    return out

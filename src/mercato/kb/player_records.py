"""Player records: birth date, position, foot, height, citizenship and dated market values.

Built from the Transfermarkt player tables in `../shared/kb/players/` (dcaribou, CC0 as declared
upstream) for the players the knowledge base already knows by Transfermarkt id, and read back at
run time for a player page's header: what was known about a player on a given day.
"""

from __future__ import annotations

import csv
import gzip
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from mercato.kb.tables import parse_table

NEWEST_PLAYERS = "players/dcaribou-2026-06-13/players.csv.gz"
OLDER_PLAYERS = "players/dcaribou-2024-04-16/players.csv.gz"
VALUATIONS = "players/dcaribou-2024-04-16/player_valuations.csv.gz"
# Values before this are older than any story the corpus tells; leaving them out keeps the
# shipped table small.
VALUES_FROM = "2020-01-01"
RECORD_COLUMNS = [
    "transfermarkt_id",
    "birth_date",
    "position",
    "sub_position",
    "foot",
    "height_cm",
    "citizenship",
]
VALUE_COLUMNS = ["transfermarkt_id", "date", "value_eur"]


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _record_row(row: dict[str, str]) -> list[object]:
    position = row.get("position", "")
    return [
        row["player_id"],
        row.get("date_of_birth", "")[:10],
        "" if position == "Missing" else position,
        row.get("sub_position", ""),
        row.get("foot", ""),
        (row.get("height_in_cm") or "").split(".")[0],
        row.get("country_of_citizenship", ""),
    ]


def build_player_records(kb_dir: Path, wanted: Collection[str]) -> list[list[object]]:
    """One record row per wanted Transfermarkt id: the newest table's, else the older one's."""
    found: dict[str, list[object]] = {}
    for name in (NEWEST_PLAYERS, OLDER_PLAYERS):
        for row in _rows(kb_dir / name):
            if row["player_id"] in wanted and row["player_id"] not in found:
                found[row["player_id"]] = _record_row(row)
    return list(found.values())


def build_market_values(kb_dir: Path, wanted: Collection[str]) -> list[list[object]]:
    """Dated market values (EUR) of the wanted players since VALUES_FROM."""
    return [
        [row["player_id"], row["date"][:10], row["market_value_in_eur"].split(".")[0]]
        for row in _rows(kb_dir / VALUATIONS)
        if row["player_id"] in wanted
        and row["date"][:10] >= VALUES_FROM
        and row["market_value_in_eur"].split(".")[0].isdigit()
    ]


@dataclass(frozen=True)
class PlayerRecord:
    """What the Transfermarkt tables say about one player; values are (day, EUR), oldest first."""

    transfermarkt_id: str
    birth_date: date | None
    position: str | None
    sub_position: str | None
    foot: str | None
    height_cm: int | None
    citizenship: str | None
    values: tuple[tuple[date, int], ...]

    def age_on(self, day: date) -> int | None:
        """Age in whole years on `day`, if the birth date is known."""
        return age_on(self.birth_date, day)

    def value_on(self, day: date) -> tuple[date, int] | None:
        """The latest market value dated on or before `day`, with its date."""
        at = bisect_right([d for d, _ in self.values], day)
        return self.values[at - 1] if at else None


def age_on(born: date | None, day: date) -> int | None:
    """Age in whole years on `day` of someone born on `born` (None when unknown or unborn)."""
    if born is None or day < born:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def read_player_records(records_text: str, values_text: str) -> dict[str, PlayerRecord]:
    """Player records by Transfermarkt id from the two shipped tables' text."""
    values: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for row in parse_table(values_text).rows:
        day = _day(row["date"])
        if day is not None and row["value_eur"].isdigit():
            values[row["transfermarkt_id"]].append((day, int(row["value_eur"])))
    records: dict[str, PlayerRecord] = {}
    for row in parse_table(records_text).rows:
        tm_id = row["transfermarkt_id"]
        records[tm_id] = PlayerRecord(
            transfermarkt_id=tm_id,
            birth_date=_day(row["birth_date"]),
            position=row["position"] or None,
            sub_position=row["sub_position"] or None,
            foot=row["foot"] or None,
            height_cm=int(row["height_cm"]) if row["height_cm"].isdigit() else None,
            citizenship=row["citizenship"] or None,
            values=tuple(sorted(values.get(tm_id, ()))),
        )
    return records


@lru_cache(maxsize=1)
def load_player_records() -> dict[str, PlayerRecord]:
    """The shipped player records, read once per process (only pages that show them ask)."""
    data = resources.files("mercato.data")
    return read_player_records(
        data.joinpath("player_records.tsv").read_text(encoding="utf-8"),
        data.joinpath("market_values.tsv").read_text(encoding="utf-8"),
    )

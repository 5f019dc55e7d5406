"""The loaded knowledge base: entities by id and an alias index for candidate lookup.

Reads the shipped tables with `importlib.resources` when first asked (never at import time) and
caches the result, so every stage shares one catalogue.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from mercato.domain import Alias, Entity, EntityKind
from mercato.kb.normalise import normalise_alias
from mercato.kb.tables import Table, iter_pairs, parse_table, split_list

__all__ = ["Catalogue", "load_catalogue", "normalise_alias", "use_kb_as_of"]

# Prominence (0-100) orders candidates; a nickname or a nationality word costs a little, so a
# canonical name wins among equals while "the Magpies" still means Newcastle, not FC Magpies.
_KIND_PENALTY = {"nickname": 5.0, "demonym": 30.0}
_PLAYER_KINDS = {EntityKind.PLAYER, EntityKind.MANAGER, EntityKind.PERSON}


@dataclass(frozen=True)
class _Hit:
    entity_id: str
    kind: str
    ambiguous: bool


@dataclass(frozen=True)
class Catalogue:
    """Entities of the knowledge base and their aliases, indexed by normalised alias."""

    entities: Mapping[str, Entity]
    aliases: tuple[Alias, ...]
    _index: Mapping[str, tuple[_Hit, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_entities(
        cls, entities: Mapping[str, Entity], aliases: list[tuple[Alias, bool]]
    ) -> Catalogue:
        """Build the alias index; `aliases` pairs each alias with its ambiguous flag."""
        index: dict[str, dict[tuple[str, str], _Hit]] = defaultdict(dict)
        for alias, ambiguous in aliases:
            key = normalise_alias(alias.text)
            if not key or alias.entity_id not in entities:
                continue
            slot = (alias.entity_id, alias.kind)
            previous = index[key].get(slot)
            index[key][slot] = _Hit(
                alias.entity_id, alias.kind, ambiguous or bool(previous and previous.ambiguous)
            )
        ordered: dict[str, tuple[_Hit, ...]] = {}
        for key, hits in index.items():
            ordered[key] = tuple(
                sorted(hits.values(), key=lambda h: _rank(entities[h.entity_id], h.kind))
            )
        return cls(dict(entities), tuple(a for a, _ in aliases), ordered)

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return self.entities.get(entity_id)

    def with_aliases(self, extra: Iterable[Alias]) -> Catalogue:
        """A new catalogue with more aliases (a user's own), flags of the old ones kept."""
        flagged = {
            (h.entity_id, key) for key, hits in self._index.items() for h in hits if h.ambiguous
        }
        pairs = [(a, (a.entity_id, normalise_alias(a.text)) in flagged) for a in self.aliases]
        pairs += [(a, False) for a in extra if a.entity_id in self.entities]
        return Catalogue.from_entities(self.entities, pairs)

    def search(
        self, text: str, kinds: Collection[EntityKind] | None = None, limit: int = 20
    ) -> list[Entity]:
        """Entities whose aliases contain the text (exact alias matches first), for people to browse."""
        key = normalise_alias(text)
        found = {e.id: e for e in self.candidates(text, kinds)}
        if key:
            for alias_key, hits in sorted(self._index.items()):
                if len(found) >= limit:
                    break
                if key in alias_key:
                    for hit in hits:
                        entity = self.entities[hit.entity_id]
                        if kinds is None or entity.kind in kinds:
                            found.setdefault(entity.id, entity)
        return list(found.values())[:limit]

    def candidates(self, surface: str, kinds: Collection[EntityKind] | None = None) -> list[Entity]:
        """Entities this surface form can name, best first (prominence, less a nickname penalty)."""
        seen: dict[str, Entity] = {}
        for hit in self._index.get(normalise_alias(surface), ()):
            entity = self.entities[hit.entity_id]
            if kinds is not None and entity.kind not in kinds:
                continue
            seen.setdefault(entity.id, entity)
        return list(seen.values())

    def is_ambiguous(self, surface: str, kinds: Collection[EntityKind] | None = None) -> bool:
        """True when the form is flagged ambiguous or its two best candidates rank the same."""
        hits = [
            h
            for h in self._index.get(normalise_alias(surface), ())
            if kinds is None or self.entities[h.entity_id].kind in kinds
        ]
        if any(h.ambiguous for h in hits):
            return True
        ids = list(dict.fromkeys(h.entity_id for h in hits))
        if len(ids) < 2:
            return False
        first = next(h for h in hits if h.entity_id == ids[0])
        second = next(h for h in hits if h.entity_id == ids[1])
        return (
            _rank(self.entities[ids[0]], first.kind)[0]
            == _rank(self.entities[ids[1]], second.kind)[0]
        )

    def alias_kinds(self, surface: str, entity_id: str) -> tuple[str, ...]:
        """The alias kinds by which this surface names this entity (empty if it does not)."""
        return tuple(
            h.kind
            for h in self._index.get(normalise_alias(surface), ())
            if h.entity_id == entity_id
        )

    def surface_forms(self, kinds: Collection[EntityKind]) -> Iterator[tuple[str, str, str]]:
        """(alias as written, entity id, alias kind) for entities of these kinds, for matchers."""
        wanted = set(kinds)
        for alias in self.aliases:
            entity = self.entities.get(alias.entity_id)
            if entity is not None and entity.kind in wanted:
                yield alias.text, alias.entity_id, alias.kind

    def as_of(self, day: date) -> Catalogue:
        """The catalogue as it stood on a day (see `kb.as_of`): no later moves, people or values."""
        from mercato.kb.as_of import entities_as_of

        entities = entities_as_of(self.entities, day)
        flagged = {
            (h.entity_id, key) for key, hits in self._index.items() for h in hits if h.ambiguous
        }
        pairs = [
            (a, (a.entity_id, normalise_alias(a.text)) in flagged)
            for a in self.aliases
            if a.entity_id in entities
        ]
        return Catalogue.from_entities(entities, pairs)

    def club_on(self, person_id: str, on: date) -> str | None:
        """The club id a person had joined by this date, from completed moves (None if unknown)."""
        person = self.entities.get(person_id)
        moves = person.attributes.get("clubs", ()) if person else ()
        current: str | None = None
        for move in moves:  # type: ignore[attr-defined]
            if move["date"] <= on.isoformat():
                current = move["to_club_id"] or None
        return current


def _rank(entity: Entity, alias_kind: str) -> tuple[float, str]:
    prominence = float(entity.attributes.get("prominence", 0.0))  # type: ignore[arg-type]
    return (_KIND_PENALTY.get(alias_kind, 0.0) - prominence, entity.id)


Reader = Callable[[str], Table]


def _package_reader(name: str) -> Table:
    return parse_table(resources.files("mercato.data").joinpath(name).read_text(encoding="utf-8"))


def _directory_reader(directory: Path) -> Reader:
    return lambda name: parse_table((directory / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The shipped knowledge base, loaded once per process (cut to `MERCATO_KB_AS_OF` if set)."""
    from mercato.kb.as_of import as_of_from_environment

    catalogue = read_catalogue(_package_reader)
    day = as_of_from_environment()
    return catalogue.as_of(day) if day is not None else catalogue


def use_kb_as_of(day: date | None) -> None:
    """Make this process's catalogue the one known on `day` (None: the whole knowledge base)."""
    from mercato.kb.as_of import AS_OF_VARIABLE

    if day is None:
        os.environ.pop(AS_OF_VARIABLE, None)
    else:
        os.environ[AS_OF_VARIABLE] = day.isoformat()
    load_catalogue.cache_clear()


def load_catalogue_from(directory: Path) -> Catalogue:
    """A catalogue from tables in a directory (a fresh build), not cached."""
    return read_catalogue(_directory_reader(directory))


def read_catalogue(read: Reader) -> Catalogue:
    """Assemble entities and aliases from the tables a reader returns."""
    entities: dict[str, Entity] = {}
    for row in read("clubs.tsv").rows:
        leagues = {season: tuple(codes.split(",")) for season, codes in iter_pairs(row["leagues"])}
        entities[row["id"]] = Entity(
            row["id"],
            EntityKind.CLUB,
            row["name"],
            row["country"],
            {
                "country": row["country"],
                "country_code": row["country_code"],
                "city": row["city"],
                "stadium": row.get("stadium") or None,
                "leagues": leagues,
                "wikidata": row["wikidata"] or None,
                "transfermarkt_id": row["transfermarkt_id"] or None,
                "prominence": float(row["prominence"] or 0),
            },
        )
    for row in read("nations.tsv").rows:
        matches = int(row["matches_since_2000"] or 0)
        entities[row["id"]] = Entity(
            row["id"],
            EntityKind.NATIONAL_TEAM,
            row["name"],
            row["name"],
            {
                "fifa_code": row["fifa_code"] or None,
                "demonyms": tuple(f.rstrip("*") for f in split_list(row["demonyms"])),
                "nicknames": tuple(f.rstrip("*") for f in split_list(row["nicknames"])),
                "former_names": tuple(split_list(row["former_names"])),
                "prominence": min(matches / 4, 100.0),
            },
        )
    for row in read("outlets.tsv").rows:
        items = int(row["corpus_items"] or 0)
        bonus = 20.0 if "curated" in row["provenance"] else 0.0
        entities[row["id"]] = Entity(
            row["id"],
            EntityKind.OUTLET,
            row["name"],
            row["country"] or None,
            {
                "domains": tuple(split_list(row["domains"])),
                "language": row["language"] or None,
                "country": row["country"] or None,
                "tier": row["tier"] or None,
                "name_is_common": row.get("name_is_common") == "yes",
                "category": row["category"] or None,
                "corpus_items": items,
                "prominence": min(20 * math.log10(items + 1) + bonus, 100.0),
            },
        )
    for row in read("journalists.tsv").rows:
        items = int(row["corpus_items"] or 0)
        bonus = (
            20.0 if "curated" in row["provenance"] or "barca-reddit" in row["provenance"] else 0.0
        )
        entities[row["id"]] = Entity(
            row["id"],
            EntityKind.JOURNALIST,
            row["name"],
            row["country"] or None,
            {
                "employer": row["employer"] or None,
                "employers": tuple(split_list(row["employers"])),
                "tier": row["tier"] or None,
                "handle": row["handle"] or None,
                "language": row["language"] or None,
                "category": row["category"] or None,
                "corpus_items": items,
                "prominence": min(20 * math.log10(items + 1) + bonus, 100.0),
            },
        )
    _add_people(entities, read)
    aliases = [(Alias(e.id, e.name, "name"), False) for e in entities.values()]
    for row in read("aliases.tsv").rows:
        aliases.append(
            (Alias(row["entity_id"], row["alias"], row["kind"]), row["ambiguous"] == "yes")
        )
    return Catalogue.from_entities(entities, aliases)


def _add_people(entities: dict[str, Entity], read: Reader) -> None:
    moves: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read("person_clubs.tsv").rows:
        moves[row["person_id"]].append(row)
    for row in read("people.tsv").rows:
        history = tuple(sorted(moves.get(row["id"], []), key=lambda m: m["date"]))
        values = [float(m["market_value_eur"]) for m in history if m["market_value_eur"].isdigit()]
        top = max(values, default=0.0)
        entities[row["id"]] = Entity(
            row["id"],
            EntityKind.PLAYER,
            row["name"],
            None,
            {
                "transfermarkt_id": row["transfermarkt_id"],
                "clubs": history,
                "prominence": max(0.0, min(20 * (math.log10(top) - 4), 100.0)) if top else 0.0,
            },
        )
    nation_ids = {e.name: e.id for e in entities.values() if e.kind == EntityKind.NATIONAL_TEAM}
    for row in read("worldcup_players.tsv").rows:
        facts: dict[str, object] = {
            "birth_date": row["birth_date"] or None,
            "positions": tuple(split_list(row["positions"])),
            "national_teams": tuple(nation_ids.get(t, t) for t in split_list(row["teams"])),
            "world_cups": tuple(split_list(row["tournaments"])),
            "worldcup_id": row["id"],
        }
        target = entities.get(row["same_as"]) if row["same_as"] else None
        if target is not None:
            target.attributes.update(facts)  # same person: enrich rather than duplicate
            continue
        entities[row["id"]] = Entity(
            row["id"],
            EntityKind.PLAYER,
            row["name"],
            None,
            {**facts, "prominence": 10.0 * len(split_list(row["tournaments"]))},
        )

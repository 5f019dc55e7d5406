"""People found by surname alone, narrowed by the clubs an article names."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from mercato.domain import EntityKind
from mercato.kb.catalogue import Catalogue, normalise_alias

_INDEX: dict[int, dict[str, list[str]]] = {}


def _surname_index(catalogue: Catalogue) -> dict[str, list[str]]:
    cached = _INDEX.get(id(catalogue))
    if cached is not None:
        return cached
    index: dict[str, list[str]] = defaultdict(list)
    for entity in catalogue.entities.values():
        if entity.kind not in (EntityKind.PLAYER, EntityKind.MANAGER):
            continue
        tokens = normalise_alias(entity.name).split()
        if len(tokens) < 2:
            continue
        # "van Dijk" and "Dijk" both reach Virgil van Dijk.
        for width in (1, 2):
            if len(tokens) > width:
                index[" ".join(tokens[-width:])].append(entity.id)
    _INDEX.clear()  # one catalogue per process; do not keep stale ones alive
    _INDEX[id(catalogue)] = dict(index)
    return _INDEX[id(catalogue)]


def surname_candidates(
    catalogue: Catalogue, surname_key: str, on: date, clubs: set[str]
) -> list[str]:
    """People with this surname whose club on the date is one the article names."""
    found = []
    for person_id in _surname_index(catalogue).get(surname_key, []):
        club = catalogue.club_on(person_id, on)
        if club is not None and club in clubs:
            found.append(person_id)
    return found

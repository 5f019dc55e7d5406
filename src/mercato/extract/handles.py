"""Hashtags and @-handles as names: "#Haaland", "@ManCity", "@FabrizioRomano".

Tweets name people, clubs and outlets by handle. A handle is resolved through the knowledge base's
own aliases, compared with spaces and punctuation squeezed out ("ManCity" is "Man City"), and
only when exactly one entity answers to it: a handle is never guessed into a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from mercato.domain import EntityKind, Mention, Span
from mercato.kb.catalogue import load_catalogue
from mercato.kb.normalise import strip_accents

_HANDLE = re.compile(r"(?<![\w@#])[@#]([A-Za-z][A-Za-z0-9_]{2,30})")
_SUFFIXES = ("official", "fc", "cf", "hq", "news", "tv")
_KINDS = (EntityKind.CLUB, EntityKind.OUTLET, EntityKind.JOURNALIST, EntityKind.PLAYER, EntityKind.MANAGER)
_MIN_LENGTH = 3
_MIN_MIXED_CASE = 4  # "@Ars" is no name; "@BVB", "@PSG" are (acronyms in capitals)


def squeeze(text: str) -> str:
    """A name with case, accents, spaces and punctuation gone: "Man City" -> "mancity"."""
    return re.sub(r"[^a-z0-9]", "", strip_accents(text).casefold())


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """Squeezed alias -> the entity ids it names."""
    found: dict[str, set[str]] = {}
    for alias, entity_id, _kind in load_catalogue().surface_forms(_KINDS):
        key = squeeze(alias)
        if len(key) >= _MIN_LENGTH:
            found.setdefault(key, set()).add(entity_id)
    return {key: tuple(sorted(ids)) for key, ids in found.items()}


def _forms(handle: str) -> Iterator[str]:
    key = squeeze(handle)
    yield key
    stripped = key.rstrip("0123456789")
    yield stripped
    for suffix in _SUFFIXES:
        if stripped.endswith(suffix) and len(stripped) - len(suffix) >= _MIN_LENGTH:
            yield stripped[: -len(suffix)]
        if stripped.startswith(suffix) and len(stripped) - len(suffix) >= _MIN_LENGTH:
            yield stripped[len(suffix) :]


def handle_mentions(text: str) -> list[Mention]:
    """Mentions for the hashtags and handles of a text that name one known entity."""
    if "@" not in text and "#" not in text:
        return []
    catalogue = load_catalogue()
    index = _index()
    mentions = []
    for match in _HANDLE.finditer(text):
        handle = match.group(1)
        if len(handle) < _MIN_MIXED_CASE and not handle.isupper():
            continue
        for form in _forms(handle):
            ids = index.get(form, ())
            if len(ids) == 1:
                entity = catalogue.get(ids[0])
                if entity is not None:
                    span = Span(match.start(), match.end(), match.group(0))
                    mentions.append(Mention(span, entity.kind, entity.id, entity.name))
                break
            if ids:
                break  # several entities answer: leave it unresolved
    return mentions


def with_handles(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The recognised mentions, with each resolved handle replacing what overlapped it."""
    handles = handle_mentions(text)
    if not handles:
        return list(mentions)
    kept = [m for m in mentions if not any(m.span.start < h.span.end and h.span.start < m.span.end for h in handles)]
    return sorted(kept + handles, key=lambda m: (m.span.start, -m.span.end))

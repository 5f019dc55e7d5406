"""Mercato: football transfer news turned into a trustworthy, queryable record.

The Python API is the CLI's verbs as functions (see `mercato.library`): `extract_claims`,
`ingest_into`, `open_store`, `rumour_board`, `ranked_rumours`, `list_stories`, `story`,
`person`, `club`, `search`, `source_table`, `evaluate`, over the typed results of
`mercato.services`. They are loaded on first use, so `import mercato` stays cheap.
"""

from __future__ import annotations

from typing import Any

from mercato.version import __version__

_VERBS = (
    "extract_claims",
    "ingest_into",
    "open_store",
    "rumour_board",
    "ranked_rumours",
    "list_stories",
    "story",
    "person",
    "club",
    "search",
    "source_table",
    "evaluate",
    "StoryFilters",
)
__all__ = [
    "StoryFilters",
    "__version__",
    "club",
    "evaluate",
    "extract_claims",
    "ingest_into",
    "list_stories",
    "open_store",
    "person",
    "ranked_rumours",
    "rumour_board",
    "search",
    "source_table",
    "story",
]


def __getattr__(name: str) -> Any:
    if name in _VERBS:
        from mercato import library

        return getattr(library, name)
    raise AttributeError(f"module 'mercato' has no attribute {name!r}")

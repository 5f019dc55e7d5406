"""Mercato: football transfer news turned into a trustworthy, queryable record.

The Python API is the CLI's verbs as functions (see `mercato.library`): `extract_claims`,
`ingest_into`, `open_store`, `rumour_board`, `ranked_rumours`, `list_stories`, `source_table`,
`evaluate`. They are loaded on
first use, so `import mercato` stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_VERBS = (
    "extract_claims",
    "ingest_into",
    "open_store",
    "rumour_board",
    "ranked_rumours",
    "list_stories",
    "source_table",
    "evaluate",
)
__all__ = [
    "__version__",
    "evaluate",
    "extract_claims",
    "ingest_into",
    "list_stories",
    "open_store",
    "ranked_rumours",
    "rumour_board",
    "source_table",
]


def __getattr__(name: str) -> Any:
    if name in _VERBS:
        from mercato import library

        return getattr(library, name)
    raise AttributeError(f"module 'mercato' has no attribute {name!r}")

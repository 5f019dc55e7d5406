"""Source keys: one key per source however it is printed, resolved through the knowledge base.

"BBC Sport", "bbc.com" and "bbc.co.uk" share a key; so do "Daily Mail", "Mail" and
"dailymail.co.uk". A label that names no source (a parsing leftover such as "Italian", a platform
such as "twitter.com") has the empty key: the claim counts as unattributed.
"""

from __future__ import annotations

from mercato.kb.sources import ANNOUNCER, SourceIdentity, key_of, resolve_source

__all__ = ["ANNOUNCER", "SourceIdentity", "search_key", "source_identity", "source_key", "source_name"]


def source_identity(label: str | None) -> SourceIdentity | None:
    """The canonical source a printed label names, or None when it names none."""
    return resolve_source(label)


def source_key(label: str | None) -> str:
    """One key per source however it is printed ("Daily Mail", "Mail", "dailymail.co.uk")."""
    found = resolve_source(label)
    return found.key if found is not None else ""


def source_name(label: str | None) -> str | None:
    """The source's canonical name ("bbc.com" -> "BBC Sport"), None when it names no source."""
    found = resolve_source(label)
    return found.name if found is not None else None


def search_key(text: str) -> str:
    """The key a search for a source asks for: the source's own key when the text names one,
    else the text itself folded (a filter "fichajes" still finds "Fichajes.net")."""
    return source_key(text) or key_of(text)

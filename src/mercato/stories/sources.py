"""Source keys: one key per source however it is printed."""

from __future__ import annotations

import re
from functools import lru_cache

from mercato.kb.normalise import normalise_alias

# "Times - subscription required", "L'Equipe - in French": the qualifier is not the source.
_QUALIFIER = re.compile(r"\s+-\s+.*$")
# "Daily Mail" and "Mail" are one paper; the masthead word does not make a second source.
_MASTHEAD = re.compile(r"^(daily|the daily)\s+")


@lru_cache(maxsize=65536)
def source_key(label: str | None) -> str:
    """One key per source however it is printed ("Daily Mail", "Mail", "Times - subscription")."""
    if not label:
        return ""
    key = normalise_alias(_QUALIFIER.sub("", label.strip()))
    return _MASTHEAD.sub("", key)

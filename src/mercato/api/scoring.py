"""Probability, stage and independent sources from the stories package, when it provides them.

The stories and score packages may be missing or not able to score yet; pages then show "not
scored yet" instead of failing, so everything here degrades to returning stories unscored.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from mercato.api.story_views import StoryView
from mercato.store import Store

log = logging.getLogger(__name__)


def scoring_available() -> bool:
    """True when the stories package can score stories."""
    return _scorer() is not None


def _scorer() -> object | None:
    return None


def score_stories(
    store: Store, stories: Sequence[StoryView], *, as_of: date | None = None
) -> list[StoryView]:
    """The stories with the stories package's scores attached where it has them."""
    return list(stories)

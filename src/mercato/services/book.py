"""The story book: every story of a store as of a day, labelled and scored once.

Stories are merged from the stored claims, labelled with their outcomes (from later claims,
contract news and the completed transfers known by that day) and scored by
`score.probability.rank_stories`: the only scoring path, whose output `score.coherence.cohere`
makes add up per player and window (a signing elsewhere or a denial drops a story). A book is
kept per store state and day (claims are never overwritten, so the newest claim id tells when it
is stale).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mercato.score.coherence import cohere
from mercato.score.probability import RumourScore, rank_stories
from mercato.score.track_records import load_tiers
from mercato.store import Store
from mercato.store.board_tables import claims_version, newest_published
from mercato.stories.merge import Story, merge_stories
from mercato.stories.outcomes import (
    CompletedTransfers,
    StoryOutcome,
    label_stories,
)
from mercato.stories.outcomes import completed_transfers as outcome_tables
from mercato.stories.stored import story_inputs

_KEPT = 8


@dataclass(frozen=True)
class StoryBook:
    """Every story known on `as_of`, with its outcome and its score."""

    as_of: date
    stories: tuple[Story, ...]
    outcomes: Mapping[str, StoryOutcome]
    scores: Mapping[str, RumourScore]
    tiers: Mapping[str, str]
    by_id: Mapping[str, Story] = field(repr=False)
    story_of_claim: Mapping[str, str] = field(repr=False)  # claim id (as text) -> story id


def completed_transfers(kb_dir: Path | None) -> CompletedTransfers | None:
    """Completed-transfer tables from a knowledge-base folder, when it has them."""
    return outcome_tables(kb_dir)


def default_day(store: Store) -> date:
    """The day a question is answered as of when none is given: the newest news stored."""
    return newest_published(store) or date.today()


_books: dict[tuple[str, int, date, Path | None], StoryBook] = {}
_lock = threading.Lock()


def story_book(store: Store, *, as_of: date | None = None, kb_dir: Path | None = None) -> StoryBook:
    """The stories of the store as of a day (default: the newest news stored), scored."""
    day = as_of or default_day(store)
    key = (store.engine.url.render_as_string(), claims_version(store), day, kb_dir)
    with _lock:
        found = _books.get(key)
    if found is not None:
        return found
    book = _build(store, day, completed_transfers(kb_dir))
    with _lock:
        _books[key] = book
        while len(_books) > _KEPT:
            _books.pop(next(iter(_books)))
    return book


def _build(store: Store, day: date, completed: CompletedTransfers | None) -> StoryBook:
    inputs = story_inputs(store, as_of=day)
    stories = tuple(merge_stories(inputs.transfers))
    outcomes = label_stories(stories, as_of=day, completed=completed, contracts=inputs.contracts)
    tiers = load_tiers()
    ranked = cohere(
        rank_stories(stories, outcomes, as_of=day, tiers=tiers, include_resolved=True), outcomes
    )
    return StoryBook(
        as_of=day,
        stories=stories,
        outcomes=outcomes,
        scores={r.story.id: r for r in ranked},
        tiers=tiers,
        by_id={s.id: s for s in stories},
        story_of_claim={
            c.claim_id: s.id for s in stories for m in s.claims for c in (m, *m.copies)
        },
    )

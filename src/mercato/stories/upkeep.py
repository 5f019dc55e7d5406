"""Keeping the stored stories up to date: a full rebuild, and a refresh of the people new claims name.

A story's grouping depends only on the claims about its person (names joined by surname, the
clubs that person is linked with), so new claims change only the stories of the people they
name. `refresh_stories` re-merges just those people's claims (found through the board index and
the saved stories' keys) and replaces their saved stories: the work grows with the claims of
the people in the news, not with the store. `rebuild_stories` recomputes everything, after a
model or rule change.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from mercato.domain import ContractClaim, TransferClaim
from mercato.kb.keys import person_key, surname_key
from mercato.store.board_tables import board_claims, newest_published
from mercato.store.database import Store
from mercato.store.story_tables import (
    contracts_of,
    open_people_of_windows,
    replace_all_stories,
    replace_people_stories,
    saved_windows,
    stored_person_keys,
)
from mercato.stories.merge import Story, merge_stories
from mercato.stories.names import parse_window, window_close
from mercato.stories.outcomes import (
    CompletedTransfers,
    StoryOutcome,
    completed_transfers,
    label_stories,
    season_of,
)
from mercato.stories.stored import StoredScore, story_inputs, story_rows

_SAVE_CHUNK = 2000

Progress = Callable[[int, int], None]  # (stories saved so far, stories in all)


class Scorer(Protocol):
    """Scores stories as they are saved (`mercato.score.saved.SavedScorer`: the score layer)."""

    def fit(
        self, store: Store, stories: Sequence[Story], outcomes: Mapping[str, StoryOutcome], *, as_of: date
    ) -> Mapping[str, StoredScore]:
        """Fit on every story, keep what was fitted, and score them."""
        ...

    def score(
        self, store: Store, stories: Sequence[Story], outcomes: Mapping[str, StoryOutcome], *, as_of: date
    ) -> Mapping[str, StoredScore] | None:
        """Score some stories with what was kept; None when everything must be refitted first."""
        ...


@dataclass(frozen=True)
class UpkeepReport:
    """What an upkeep did: stories saved, ids that disappeared (merged or split), and its time."""

    saved: int
    removed: tuple[str, ...]
    as_of: date
    seconds: float
    refitted: bool = False  # every story was recomputed and the model refitted


def rebuild_stories(
    store: Store,
    *,
    completed: CompletedTransfers | None = None,
    progress: Progress | None = None,
    scorer: Scorer | None = None,
) -> UpkeepReport:
    """Recompute, score and save every story from every stored claim, as of the newest news."""
    started = time.perf_counter()
    day = newest_published(store) or date.today()
    inputs = story_inputs(store, as_of=day)
    stories = merge_stories(inputs.transfers)
    outcomes = label_stories(stories, as_of=day, completed=completed, contracts=inputs.contracts)
    scores = scorer.fit(store, stories, outcomes, as_of=day) if scorer is not None else None
    chunks = (
        story_rows(stories[start : start + _SAVE_CHUNK], outcomes, as_of=day, scores=scores)
        for start in range(0, len(stories), _SAVE_CHUNK)
    )
    saved = replace_all_stories(
        store, chunks, None if progress is None else lambda done: progress(done, len(stories))
    )
    return UpkeepReport(saved, (), day, time.perf_counter() - started, refitted=scorer is not None)


def people_named(claims: Iterable[TransferClaim]) -> set[str]:
    """The names new transfer claims are about."""
    return {c.person for c in claims if c.person}


def _closed_since(store: Store, day: date) -> set[str]:
    """People with saved stories still open in windows that have closed by `day`: their
    stories are settled now, whether or not the news names them again."""
    closed = {w for w in saved_windows(store) if (window := parse_window(w)) and window_close(window) < day}
    return open_people_of_windows(store, closed)


def refresh_stories(
    store: Store,
    names: Iterable[str],
    *,
    completed: CompletedTransfers | None = None,
    kb_dir: Path | None = None,
    scorer: Scorer | None = None,
) -> UpkeepReport:
    """Re-merge, score and save the stories of the people these names may mean (after an ingest).

    Outcomes use `completed`, else the tables under `kb_dir` for the seasons of these stories.
    With a scorer whose model must be refitted, every story is rebuilt instead.
    """
    started = time.perf_counter()
    names = set(names)
    day = newest_published(store) or date.today()
    keys = {person_key(n) for n in names} - {""}
    # A name can join the stories of anyone sharing its surname: a surname alone joins the full
    # name, "Erling Haaland" joins "Erling Braut Haaland".
    surnames = {surname_key(n).split()[-1] for n in names if surname_key(n)}
    people = keys | surnames | stored_person_keys(store, keys=sorted(keys | surnames), surnames=sorted(surnames))
    people |= _closed_since(store, day)
    claims = board_claims(store, person_keys=sorted(people))
    transfers = [
        (str(c.id), c.claim) for c in claims
        if isinstance(c.claim, TransferClaim) and c.claim.provenance.published is not None
        and c.claim.provenance.published <= day
    ]
    stories = merge_stories(transfers)
    contracts = [
        c.claim for c in contracts_of(store, {t.person for _, t in transfers})
        if isinstance(c.claim, ContractClaim) and c.claim.provenance.published is not None
        and c.claim.provenance.published <= day
    ]
    if completed is None and kb_dir is not None:
        completed = completed_transfers(kb_dir, frozenset(season_of(s.window) for s in stories))
    outcomes = label_stories(stories, as_of=day, completed=completed, contracts=contracts)
    scores = None
    if scorer is not None:
        scores = scorer.score(store, [s for s in stories if s.id in outcomes], outcomes, as_of=day)
        if scores is None:
            return rebuild_stories(store, completed=completed_transfers(kb_dir) or completed, scorer=scorer)
    before = replace_people_stories(store, people, story_rows(stories, outcomes, as_of=day, scores=scores))
    removed = tuple(sorted(before - {s.id for s in stories}))
    return UpkeepReport(len(stories), removed, day, time.perf_counter() - started)

"""Probability, stage and independent sources from the stories and score packages.

Scoring fits a model over every story in the store, which takes seconds on a large store, so it
runs in a background thread and its result is kept until new claims arrive. Until it is ready,
or when scoring fails, stories are shown unscored ("not scored yet") rather
than making a page wait or fail.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from mercato.api.story_views import StoryScore, StoryView
from mercato.domain import STAGE_STATUS, Stage, Status, TransferClaim
from mercato.score import probability as model
from mercato.score.track_records import load_tiers, track_records
from mercato.store import Store
from mercato.store.board_tables import board_claims, claims_version, club_key, person_key
from mercato.stories.merge import merge_stories
from mercato.stories.outcomes import label_stories

log = logging.getLogger(__name__)

ScoreTable = Mapping[tuple[str, str], StoryScore]


@dataclass(frozen=True)
class Scored:
    """One scoring of the store: scores by board key, and what track records are counted from."""

    table: ScoreTable
    stories: tuple[Any, ...]  # mercato.stories.merge.Story
    outcomes: Mapping[str, Any]  # story id -> mercato.stories.outcomes.StoryOutcome
    tiers: Mapping[str, str]


Scorer = Callable[[Sequence[tuple[str, TransferClaim]], date], Scored]

Key = tuple[str, int, date | None]  # (database, transfer claims stored, as_of)
View = tuple[str, date | None]  # (database, as_of): the same view of a store as it grows

# The latest scoring of each view, kept while a newer one is computed (stale while revalidating:
# one computation per view at a time, however fast claims arrive).
_KEPT = 8
_latest: dict[View, tuple[int, Scored]] = {}
_running: dict[View, threading.Thread] = {}
_failed: set[Key] = set()
_lock = threading.Lock()


def _load_scorer() -> Scorer:
    """The score package's ranking as a function of claims and day."""

    def score(claims: Sequence[tuple[str, TransferClaim]], day: date) -> Scored:
        # The steps of `rank_rumours`, kept apart so the outcomes serve the track records too.
        tiers = load_tiers()
        stories = merge_stories(claims)
        outcomes = label_stories(stories, as_of=day)
        records = model.source_index(track_records(stories, outcomes, tiers=tiers))
        rate = model.base_rate_of(outcomes.values())
        fitted = model.fit_on_resolved(
            stories, outcomes, as_of=day, records=records, base_rate=rate
        )
        ranked = model.score_stories(
            stories, as_of=day, model=fitted, records=records, base_rate=rate
        )
        table: dict[tuple[str, str], StoryScore] = {}
        # A board story is (person, destination) across windows; the latest window speaks for it.
        for item in sorted(ranked, key=lambda r: r.story.last_seen):
            key = (person_key(item.story.person), club_key(item.story.to_club))
            outcome = outcomes.get(item.story.id)
            table[key] = StoryScore(
                probability=item.probability,
                stage=Stage(item.stage),
                independent_sources=item.independent_sources,
                story_id=item.story.id,
                outcome=str(outcome.outcome.value) if outcome else None,
            )
        return Scored(table, tuple(stories), outcomes, tiers)

    return score


def _compute(store: Store, key: Key, scorer: Scorer) -> None:
    view = (key[0], key[2])
    try:
        claims = board_claims(store, as_of=key[2])
        dated = [c for c in claims if c.claim.provenance.published is not None]
        day = key[2] or (dated[-1].claim.provenance.published if dated else date.today())
        assert day is not None
        pairs = [(str(c.id), c.claim) for c in dated if isinstance(c.claim, TransferClaim)]
        scored = scorer(pairs, day)
    except Exception:
        log.exception("scoring the stories failed; pages show them unscored")
        with _lock:
            _running.pop(view, None)
            _failed.add(key)
        return
    with _lock:
        _running.pop(view, None)
        _latest.pop(view, None)
        _latest[view] = (key[1], scored)
        while len(_latest) > _KEPT:
            _latest.pop(next(iter(_latest)))


def scoring(store: Store, as_of: date | None, *, wait: bool = False) -> Scored | None:
    """The latest scores of the store (as of a day); None until a first scoring is done.

    A scoring older than the newest claims is answered while a fresh one is computed in the
    background; `wait` blocks until the scoring of the store as it is now is done.
    """
    scorer = _load_scorer()
    url = store.engine.url.render_as_string()
    key: Key = (url, claims_version(store), as_of)
    view: View = (url, as_of)
    with _lock:
        latest = _latest.get(view)
        if latest is not None and latest[0] == key[1]:
            return latest[1]
        worker = _running.get(view)
        if worker is None and key not in _failed:
            worker = threading.Thread(
                target=_compute, args=(store, key, scorer), name="mercato-scoring", daemon=True
            )
            _running[view] = worker
            worker.start()
    if wait and worker is not None:
        worker.join()
        # The worker may have scored an older state of the store; one more round catches up.
        return None if key in _failed else scoring(store, as_of, wait=True)
    return latest[1] if latest else None


def settled_view(
    score: StoryScore | None, stage: Stage, status: Status
) -> tuple[Stage, Status, float | None]:
    """Stage, status and probability of a story once its score is applied.

    The stories package reads the stage from the whole timeline (a late "interest" does not
    undo a rejected bid), so its stage wins over the latest claim's; a settled move has an
    outcome, not a probability.
    """
    if score is None:
        return stage, status, None
    stage = score.stage or stage
    status = STAGE_STATUS.get(stage, status)
    return stage, status, score.probability if status == Status.RUMOUR else None


def attach_scores(stories: Sequence[StoryView], scored: Scored | None) -> list[StoryView]:
    """The stories with their scores from one scoring (unchanged without one)."""
    if scored is None:
        return list(stories)
    out = []
    for story in stories:
        score = scored.table.get(story.key)
        if score is None:
            out.append(story)
            continue
        stage, status, probability = settled_view(score, story.stage, story.status)
        score = replace(score, probability=probability)
        out.append(replace(story, score=score, stage=stage, status=status))
    return out


def score_stories(
    store: Store, stories: Sequence[StoryView], *, as_of: date | None = None
) -> list[StoryView]:
    """The stories with the stories package's scores attached where it has them."""
    return attach_scores(stories, scoring(store, as_of))

"""Scores saved with the stories: the probability model fitted once, saved, and reused by ingest.

Fitting the model needs every story (the sources' records and the resolved stories it learns
from), so it is fitted when every story is recomputed and saved in the store with the records it
used. An ingest then scores the stories it refreshes with the saved model, so its cost grows with
the people in the news, not with the store. When no model is saved, or the stories have doubled
since it was fitted, `needs_refit` says so and the upkeep recomputes everything: refits at each
doubling keep the total work of a growing store linear in its size.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from mercato.score.club_records import ClubRecord, club_records
from mercato.score.coherence import cohere
from mercato.score.probability import (
    PRIOR_RATE,
    ForecastModel,
    LogisticModel,
    base_rate_of,
    fit_on_resolved,
    score_stories,
    source_index,
)
from mercato.score.track_records import SourceRecord, load_tiers, track_records
from mercato.store import Store
from mercato.store.story_tables import count_stories, load_story_model, save_story_model
from mercato.stories.merge import Story
from mercato.stories.outcomes import StoryOutcome
from mercato.stories.stored import StoredScore

# Refit once the saved stories are this many times as many as the model was fitted on.
REFIT_GROWTH = 2.0


@dataclass(frozen=True)
class ScoringState:
    """What scoring a story needs besides the story: the model, the sources' and clubs' records,
    the base rate."""

    model: ForecastModel
    records: Mapping[str, SourceRecord]
    base_rate: float
    clubs: Mapping[str, ClubRecord]
    as_of: date
    stories: int  # how many stories it was fitted on


def fit_state(stories: Sequence[Story], outcomes: Mapping[str, StoryOutcome], *, as_of: date) -> ScoringState:
    """Fit the model on every story (as `score.probability.rank_stories` does)."""
    records = source_index(track_records(stories, outcomes, tiers=load_tiers()))
    rate = base_rate_of(outcomes.values(), PRIOR_RATE)
    clubs = club_records(stories, outcomes)
    model = fit_on_resolved(stories, outcomes, as_of=as_of)
    return ScoringState(model, records, rate, clubs, as_of, len(stories))


def scores_of(
    state: ScoringState, stories: Sequence[Story], outcomes: Mapping[str, StoryOutcome], *, as_of: date
) -> dict[str, StoredScore]:
    """Each story's probability, evidence and buzz under a fitted state, made coherent per
    player's window as the story book makes them (`score.coherence`)."""
    scored = score_stories(
        stories, as_of=as_of, model=state.model, records=state.records, base_rate=state.base_rate, clubs=state.clubs
    )
    return {s.story.id: StoredScore(s.probability, s.evidence, s.buzz) for s in cohere(scored, outcomes)}


def _model_json(model: LogisticModel) -> dict[str, object]:
    return {"weights": list(model.weights), "bias": model.bias, "mean": list(model.mean), "scale": list(model.scale)}


def _model_of(fields: Mapping[str, Any]) -> LogisticModel:
    weights, mean, scale = (tuple(float(v) for v in fields[k]) for k in ("weights", "mean", "scale"))
    return LogisticModel(weights, float(fields["bias"]), mean, scale)


def save_state(store: Store, state: ScoringState) -> None:
    """Save the state in the store, as JSON."""
    payload = {
        "model": {"named": _model_json(state.model.named), "exits": _model_json(state.model.exits)},
        "records": {key: asdict(record) for key, record in state.records.items()},
        "clubs": {key: asdict(record) for key, record in state.clubs.items()},
        "base_rate": state.base_rate,
    }
    save_story_model(store, as_of=state.as_of, count=state.stories, payload=json.dumps(payload))


def load_state(store: Store) -> ScoringState | None:
    """The saved state; None when none was saved or it no longer reads (saved by another version)."""
    row = load_story_model(store)
    if row is None:
        return None
    try:
        payload = json.loads(row["payload"])
        model = payload["model"]
        records = {
            key: SourceRecord(**{**fields, "prior": tuple(fields["prior"])})
            for key, fields in payload["records"].items()
        }
        clubs = {key: ClubRecord(**fields) for key, fields in payload["clubs"].items()}
        return ScoringState(
            ForecastModel(_model_of(model["named"]), _model_of(model["exits"])),
            records, float(payload["base_rate"]), clubs, row["as_of"], int(row["stories"]),
        )  # fmt: skip
    except (KeyError, TypeError, ValueError):
        return None


def needs_refit(store: Store, state: ScoringState | None, *, adding: int = 0) -> bool:
    """True when no usable model is saved or the stories (with `adding` about to be saved) have
    outgrown the one that is. Stories about to replace saved ones count twice: a refit may come a
    little early, never late."""
    return state is None or count_stories(store) + adding >= REFIT_GROWTH * max(state.stories, 1)


class SavedScorer:
    """Scores stories for the upkeep: fitting on every story, or with the saved model."""

    def fit(self, store: Store, stories: Sequence[Story], outcomes: Mapping[str, StoryOutcome], *, as_of: date) -> dict[str, StoredScore]:
        """Fit on these stories (all of them), save the model, and score them."""
        state = fit_state(stories, outcomes, as_of=as_of)
        save_state(store, state)
        return scores_of(state, [s for s in stories if s.id in outcomes], outcomes, as_of=as_of)

    def score(
        self, store: Store, stories: Sequence[Story], outcomes: Mapping[str, StoryOutcome], *, as_of: date
    ) -> dict[str, StoredScore] | None:
        """Score these stories with the saved model; None when it must be refitted first."""
        state = load_state(store)
        if state is None or needs_refit(store, state, adding=len(stories)):
            return None
        return scores_of(state, stories, outcomes, as_of=as_of)

"""Replay dated claims day by day, learning only from the past, and score the predictions.

At each checkpoint (month starts and the day after each window shuts) Mercato relabels the
stories it knows, recomputes the sources' records and refits the model, all from claims and
outcomes known before that day. Every story is predicted once, on the day of its first report,
and its features are frozen then, so later training reuses exactly what was known at the time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from mercato.domain import TransferClaim, Window
from mercato.score.metrics import summarise
from mercato.score.probability import (
    LogisticModel,
    base_rate_of,
    choose_l2,
    constant_model,
    fit_logistic,
    shrunk_rate,
    source_index,
    story_features,
    window_order,
)
from mercato.score.track_records import SourceRecord, track_records
from mercato.stories.merge import Story, merge_stories, stories_by_person
from mercato.stories.names import surname_key, window_close
from mercato.stories.origin import first_reporter
from mercato.stories.outcomes import Outcome, StoryOutcome

# Used until enough stories have resolved to say what the base rate is.
DEFAULT_RATE = 0.2
MIN_RESOLVED_FOR_RATE = 30

# stories as they stood on a day -> their outcomes as known that day
Labeller = Callable[[Sequence[Story], date], Mapping[str, StoryOutcome]]


@dataclass(frozen=True)
class Prediction:
    """One story predicted on the day of its first report, by the three predictors."""

    key: str  # id of the story's first claim: stable while the story grows
    story_id: str
    made_on: date
    window: Window
    source: str | None
    model: float
    base_rate: float
    outlet_rate: float
    features: tuple[float, ...]


@dataclass
class _State:
    model: LogisticModel = field(default_factory=lambda: constant_model(DEFAULT_RATE))
    records: Mapping[str, SourceRecord] = field(default_factory=dict)
    base_rate: float = DEFAULT_RATE
    trained_on: int = 0
    l2: float = 0.0


def checkpoints(first: date, last: date) -> list[date]:
    """Month starts between two days, plus the day after every window deadline."""
    days = set()
    cursor = date(first.year, first.month, 1)
    while cursor <= last:
        days.add(cursor)
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    for year in range(first.year, last.year + 2):
        days.add(date(year, 2, 2))
        days.add(date(year, 9, 2))
    return sorted(d for d in days if first < d <= last)


def _closed_outcomes(
    stories: Sequence[Story], outcomes: Mapping[str, StoryOutcome], before: date
) -> dict[str, StoryOutcome]:
    """Outcomes of stories whose window shut before a day; others count as open (no bias)."""
    closed = {}
    for story in stories:
        outcome = outcomes.get(story.id)
        if outcome is None:
            continue
        if outcome.outcome != Outcome.OPEN and window_close(story.window) < before:
            closed[story.id] = outcome
        else:
            closed[story.id] = StoryOutcome(story.id, Outcome.OPEN, None, "open")
    return closed


def _learn(
    claims: Sequence[tuple[str, TransferClaim]],
    day: date,
    labeller: Labeller,
    frozen: Mapping[str, tuple[float, ...]],
    tiers: Mapping[str, str] | None,
) -> _State:
    """Everything learnt from claims published before `day` and outcomes known by then."""
    stories = merge_stories(claims)
    # By the morning of `day` a window that shut the evening before is known to have shut.
    known = _closed_outcomes(stories, labeller(stories, day), day)
    resolved = [o for o in known.values() if o.outcome != Outcome.OPEN]
    rate = base_rate_of(resolved) if len(resolved) >= MIN_RESOLVED_FOR_RATE else DEFAULT_RATE
    records = source_index(track_records(stories, known, tiers=tiers))
    rows, labels, groups = [], [], []
    for story in stories:
        features = frozen.get(story.claims[0].claim_id)
        outcome = known.get(story.id)  # a labeller may leave a story out (no thread to read)
        if features is not None and outcome is not None and outcome.outcome != Outcome.OPEN:
            rows.append(features)
            labels.append(int(outcome.outcome == Outcome.HAPPENED))
            groups.append(window_order(story))
    l2 = choose_l2(rows, labels, groups)
    model = fit_logistic(rows, labels, l2=l2) if rows else constant_model(rate)
    return _State(model, records, rate, len(rows), l2)


def replay(
    claims: Sequence[tuple[str, TransferClaim]],
    labeller: Labeller,
    *,
    tiers: Mapping[str, str] | None = None,
) -> list[Prediction]:
    """Walk the claims in date order; predict each story on its first day from the past only."""
    dated = sorted(
        ((cid, c) for cid, c in claims if c.provenance.published is not None),
        key=lambda pair: (pair[1].provenance.published, pair[0]),
    )
    if not dated:
        return []
    days = sorted({c.provenance.published for _, c in dated if c.provenance.published})
    marks = checkpoints(days[0], days[-1])
    state = _State()
    frozen: dict[str, tuple[float, ...]] = {}
    predictions: list[Prediction] = []
    upto = 0
    by_surname: dict[str, list[tuple[str, TransferClaim]]] = defaultdict(list)
    for day in days:
        while marks and marks[0] <= day:
            mark = marks.pop(0)
            past = [p for p in dated if p[1].provenance.published < mark]  # type: ignore[operator]
            state = _learn(past, mark, labeller, frozen, tiers)
        todays: set[str] = set()
        while upto < len(dated) and dated[upto][1].provenance.published <= day:  # type: ignore[operator]
            surname = surname_key(dated[upto][1].person)
            by_surname[surname].append(dated[upto])
            todays.add(surname)
            upto += 1
        # Only people named today can have a story first seen today; merging just their claims
        # (all of them so far, for the surname rule and rival counts) keeps the walk fast.
        stories = merge_stories([pair for name in todays for pair in by_surname[name]])
        rivals = stories_by_person(stories)
        for story in stories:
            key = story.claims[0].claim_id
            if story.first_seen != day or key in frozen:
                continue
            if window_close(story.window) < day:
                continue  # history told after the fact ("joined in 2017"): nothing to predict
            features = tuple(
                story_features(
                    story, as_of=day, records=state.records, base_rate=state.base_rate,
                    rivals=len(rivals[(story.person_key, story.window)]) - 1,
                )
            )
            frozen[key] = features
            origin = first_reporter(story)
            predictions.append(
                Prediction(
                    key=key,
                    story_id=story.id,
                    made_on=day,
                    window=story.window,
                    source=origin.source,
                    model=float(state.model.predict([features])[0]),
                    base_rate=state.base_rate,
                    outlet_rate=shrunk_rate(state.records.get(origin.source_key), state.base_rate),
                    features=features,
                )
            )
    return predictions


def final_labels(
    claims: Sequence[tuple[str, TransferClaim]], labeller: Labeller, as_of: date
) -> tuple[list[Story], dict[str, StoryOutcome], dict[str, str]]:
    """Stories of all claims, their outcomes as known on `as_of`, and claim id -> story id."""
    stories = merge_stories(claims)
    outcomes = dict(labeller(stories, as_of))
    story_of = {m.claim_id: s.id for s in stories for m in s.claims}
    return stories, outcomes, story_of


def evaluate(
    predictions: Sequence[Prediction],
    outcomes: Mapping[str, StoryOutcome],
    story_of: Mapping[str, str],
    *,
    since: date,
) -> dict[str, dict[str, object]]:
    """Figures for the model, the base rate and the outlet hit rate on stories first seen since a day."""
    chosen, labels = [], []
    for prediction in predictions:
        if prediction.made_on < since:
            continue
        outcome = outcomes.get(story_of.get(prediction.key, ""))
        if outcome is None or outcome.outcome == Outcome.OPEN:
            continue
        chosen.append(prediction)
        labels.append(int(outcome.outcome == Outcome.HAPPENED))
    return {
        "model": summarise(labels, [p.model for p in chosen]),
        "base_rate": summarise(labels, [p.base_rate for p in chosen]),
        "outlet_rate": summarise(labels, [p.outlet_rate for p in chosen]),
    }

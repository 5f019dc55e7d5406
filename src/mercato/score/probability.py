"""The probability that an open story happens: a small logistic model fitted on past stories.

Three numbers are kept apart: evidence (how far the sources' records move the odds), the
calibrated probability, and buzz (how many outlets repeat the story, which is not evidence).
"""

from __future__ import annotations

import math
from collections import ChainMap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from mercato.domain import STAGE_ORDER, ContractClaim, Stage, TransferClaim
from mercato.score.track_records import SourceRecord, track_records
from mercato.stories.merge import Story, merge_stories, stories_by_person
from mercato.stories.names import window_close
from mercato.stories.origin import buzz, independent_sources
from mercato.stories.outcomes import CompletedTransfers, Outcome, StoryOutcome, label_stories
from mercato.stories.timeline import current_stage, has_denial

FEATURE_NAMES: tuple[str, ...] = (
    "source_logit",  # best independent source's shrunk hit rate, as log-odds
    "independent_sources",  # log(1 + count)
    "buzz",  # log(1 + outlets repeating it)
    "stage_progress",  # furthest stage reached, 0 (exit/interest) to 1 (announced)
    "reported_done",  # a claim says the move is agreed or done
    "denied",  # a denial or collapse
    "age_days",  # log(1 + days since first report)
    "deadline",  # 1 on deadline day, falling to 0 a month before (no extrapolation beyond)
    "rivals",  # log(1 + other destinations named for the person this window)
    "exit",  # no named destination
    "loan",
)
MIN_SCALE = 0.1
# L2 penalty on standardised weights: the default, and the grid forward validation picks from.
DEFAULT_L2 = 10.0
L2_GRID = (1.0, 3.0, 10.0, 30.0, 100.0)
# The run-up to a deadline in which moves get done; earlier than this, the date says nothing.
DEADLINE_DAYS = 30
# How many stories of the base rate a source's record is shrunk towards.
SHRINK_STORIES = 5.0
_PROGRESS = {s: i / (len(STAGE_ORDER) - 3) for i, s in enumerate(STAGE_ORDER[:-2])}
_DONE = frozenset({Stage.AGREEMENT, Stage.MEDICAL, Stage.SIGNED, Stage.ANNOUNCED})


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def shrunk_rate(record: SourceRecord | None, base_rate: float) -> float:
    """A source's hit rate pulled towards the base rate in proportion to how little it has."""
    if record is None:
        return base_rate
    return (record.happened + SHRINK_STORIES * base_rate) / (record.resolved + SHRINK_STORIES)


def evidence_strength(story: Story, records: Mapping[str, SourceRecord], base_rate: float) -> float:
    """Log-odds the independent sources' records add over the base rate (naive, for display)."""
    base = _logit(base_rate)
    return sum(
        _logit(shrunk_rate(records.get(s.source_key), base_rate)) - base
        for s in independent_sources(story)
    )


def story_features(
    story: Story,
    *,
    as_of: date,
    records: Mapping[str, SourceRecord],
    base_rate: float,
    rivals: int = 0,
) -> list[float]:
    """The model's inputs for a story as it stood on `as_of` (its claims must be cut already)."""
    sources = independent_sources(story)
    rates = [(shrunk_rate(records.get(s.source_key), base_rate), s.source_key) for s in sources]
    best = max(rates)[0] if rates else base_rate
    stages = [m.claim.stage for m in story.claims]
    progress = max((_PROGRESS.get(s, 0.0) for s in stages), default=0.0)
    done = any(m.claim.stage in _DONE and not m.claim.is_hedged for m in story.claims)
    denied = has_denial(story) and current_stage(story) in (Stage.DENIED, Stage.COLLAPSED)
    return [
        _logit(best),
        math.log1p(len(sources)),
        math.log1p(buzz(story)),
        progress,
        1.0 if done else 0.0,
        1.0 if denied else 0.0,
        math.log1p(max((as_of - story.first_seen).days, 0)),
        max(0.0, 1.0 - (window_close(story.window) - as_of).days / DEADLINE_DAYS),
        math.log1p(rivals),
        1.0 if story.is_exit else 0.0,
        1.0 if any(m.claim.is_loan for m in story.claims) else 0.0,
    ]


@dataclass(frozen=True)
class LogisticModel:
    """Standardised L2-regularised logistic regression; a constant model when data is thin."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    def predict(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        """Probabilities for feature rows."""
        x = (np.asarray(rows, dtype=float) - np.asarray(self.mean)) / np.asarray(self.scale)
        z = x @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def constant_model(rate: float, width: int = len(FEATURE_NAMES)) -> LogisticModel:
    """A model that always answers `rate` (used before enough stories have resolved)."""
    return LogisticModel((0.0,) * width, _logit(rate), (0.0,) * width, (1.0,) * width)


# Before enough stories have resolved: about one gossip rumour in eleven happened in the
# 2021-22 replay (435 of 5,027 labelled stories), counted as this many stories of evidence.
PRIOR_RATE = 0.09
PRIOR_STORIES = 20.0
# Prior log-odds per unit of a raw feature, so that a thin history still tells a signed deal
# from a denied rumour; the fitted model replaces it once both outcomes are common enough.
PRIOR_WEIGHTS: dict[str, float] = {
    "stage_progress": 2.5,
    "reported_done": 2.5,
    "denied": -2.5,
    "independent_sources": 0.4,
    "exit": -0.5,
}


def prior_model(rate: float, width: int = len(FEATURE_NAMES)) -> LogisticModel:
    """A model for thin histories: the (smoothed) base rate moved by stage, done and denial."""
    weights = tuple(PRIOR_WEIGHTS.get(name, 0.0) for name in FEATURE_NAMES[:width])
    return LogisticModel(weights, _logit(min(max(rate, 0.01), 0.99)), (0.0,) * width, (1.0,) * width)


def fit_logistic(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    *,
    weights: Sequence[float] | None = None,
    l2: float = DEFAULT_L2,
    min_each: int = 5,
) -> LogisticModel:
    """Fit by Newton's method; with fewer than `min_each` of either class, the base rate."""
    y = np.asarray(labels, dtype=float)
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=float)
    positives = float(y.sum())
    if len(y) == 0:
        return prior_model(PRIOR_RATE)
    rate = float((w * y).sum() / w.sum())
    if positives < min_each or len(y) - positives < min_each:
        smoothed = (positives + PRIOR_RATE * PRIOR_STORIES) / (len(y) + PRIOR_STORIES)
        return prior_model(smoothed, len(rows[0]))
    x = np.asarray(rows, dtype=float)
    mean = x.mean(axis=0)
    # A near-constant column, standardised, would give its rare rows enormous leverage.
    scale = np.maximum(x.std(axis=0), MIN_SCALE)
    xs = np.hstack([(x - mean) / scale, np.ones((len(y), 1))])
    beta = np.zeros(xs.shape[1])
    beta[-1] = _logit(rate)
    penalty = np.full(xs.shape[1], l2)
    penalty[-1] = 0.0
    def loss(b: np.ndarray) -> float:
        z = xs @ b
        return float((w * (np.logaddexp(0.0, z) - y * z)).sum() + 0.5 * (penalty * b * b).sum())

    current = loss(beta)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(xs @ beta, -30, 30)))
        gradient = xs.T @ (w * (p - y)) + penalty * beta
        hessian = (xs * (w * p * (1 - p))[:, None]).T @ xs + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hessian, gradient)
        # Damped Newton: halve the step until the penalised loss goes down (no divergence).
        size = 1.0
        while size > 1e-6 and loss(beta - size * step) > current:
            size /= 2
        beta = beta - size * step
        previous, current = current, loss(beta)
        if previous - current < 1e-10:
            break
    return LogisticModel(tuple(beta[:-1]), float(beta[-1]), tuple(mean), tuple(scale))


def _log_loss(labels: Sequence[int], probabilities: np.ndarray) -> float:
    y = np.asarray(labels, dtype=float)
    p = np.clip(probabilities, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def choose_l2(rows: Sequence[Sequence[float]], labels: Sequence[int], groups: Sequence[tuple[int, int]]) -> float:
    """Forward validation: fit on all but the latest group (window), keep the L2 that predicts it best."""
    if not groups:
        return DEFAULT_L2
    latest = max(groups)
    train = [i for i, g in enumerate(groups) if g != latest]
    test = [i for i, g in enumerate(groups) if g == latest]
    test_labels = [labels[i] for i in test]
    if len(train) < 50 or len(set(test_labels)) < 2:
        return DEFAULT_L2

    def score(l2: float) -> float:
        model = fit_logistic([rows[i] for i in train], [labels[i] for i in train], l2=l2)
        return _log_loss(test_labels, model.predict([rows[i] for i in test]))

    return min(L2_GRID, key=score)


def window_order(story: Story) -> tuple[int, int]:
    """Sortable key of a story's window (winter before summer within a year)."""
    return story.window.year, 1 if story.window.part == "summer" else 0


@dataclass(frozen=True)
class RumourScore:
    """An open story with its three separate numbers."""

    story: Story
    probability: float
    evidence: float
    buzz: int
    independent_sources: int
    stage: Stage


def source_index(records: Mapping[tuple[str, str], SourceRecord]) -> dict[str, SourceRecord]:
    """Overall records (group "") keyed by source key."""
    return {key: r for (key, bucket), r in records.items() if bucket == ""}


def base_rate_of(outcomes: Iterable[StoryOutcome], default: float = 0.2) -> float:
    """Share of resolved stories that happened."""
    resolved = [o for o in outcomes if o.outcome != Outcome.OPEN]
    if not resolved:
        return default
    return sum(o.outcome == Outcome.HAPPENED for o in resolved) / len(resolved)


def score_stories(
    stories: Sequence[Story],
    *,
    as_of: date,
    model: LogisticModel,
    records: Mapping[str, SourceRecord],
    base_rate: float,
) -> list[RumourScore]:
    """Probability, evidence and buzz for each story as it stood on `as_of`."""
    current = [s for s in (story.as_of(as_of) for story in stories) if s is not None]
    rivals = stories_by_person(current)
    rows = [
        story_features(
            s, as_of=as_of, records=records, base_rate=base_rate,
            rivals=len(rivals[(s.person_key, s.window)]) - 1,
        )
        for s in current
    ]
    probabilities = model.predict(rows) if rows else np.zeros(0)
    return [
        RumourScore(
            story=s,
            probability=float(p),
            evidence=evidence_strength(s, records, base_rate),
            buzz=buzz(s),
            independent_sources=len(independent_sources(s)),
            stage=current_stage(s),
        )
        for s, p in zip(current, probabilities)
    ]


def fit_on_resolved(
    stories: Sequence[Story],
    outcomes: Mapping[str, StoryOutcome],
    *,
    as_of: date,
    records: Mapping[str, SourceRecord],
    base_rate: float,
) -> LogisticModel:
    """Fit on stories resolved before `as_of`, each seen as it stood on its first report."""
    firsts = [s.as_of(s.first_seen) for s in stories]
    rivals = stories_by_person([s for s in firsts if s is not None])
    rows, labels = [], []
    for story, first in zip(stories, firsts):
        outcome = outcomes.get(story.id)
        if first is None or outcome is None or outcome.outcome == Outcome.OPEN:
            continue
        if outcome.resolved_on is None or outcome.resolved_on >= as_of:
            continue
        happened = outcome.outcome == Outcome.HAPPENED
        rows.append(
            story_features(
                first, as_of=first.first_seen, records=_without(records, story, happened),
                base_rate=base_rate, rivals=len(rivals[(first.person_key, first.window)]) - 1,
            )
        )
        labels.append(int(happened))
    return fit_logistic(rows, labels)


def _without(records: Mapping[str, SourceRecord], story: Story, happened: bool) -> Mapping[str, SourceRecord]:
    """Records with this story's own outcome taken out, so a training row cannot see its label."""
    overlay = {}
    for source in independent_sources(story):
        record = records.get(source.source_key)
        if record is None or record.resolved == 0:
            continue
        overlay[source.source_key] = replace(
            record,
            happened=max(record.happened - int(happened), 0),
            not_happened=max(record.not_happened - int(not happened), 0),
        )
    return ChainMap(overlay, dict(records)) if overlay else records


def rank_stories(
    stories: Sequence[Story],
    outcomes: Mapping[str, StoryOutcome],
    *,
    as_of: date,
    tiers: Mapping[str, str] | None = None,
    include_resolved: bool = False,
) -> list[RumourScore]:
    """Stories already merged and labelled, scored most probable first (the one scoring path)."""
    records = source_index(track_records(stories, outcomes, tiers=tiers))
    rate = base_rate_of(outcomes.values())
    model = fit_on_resolved(stories, outcomes, as_of=as_of, records=records, base_rate=rate)
    candidates = [
        s for s in stories
        if s.id in outcomes and (include_resolved or outcomes[s.id].outcome == Outcome.OPEN)
    ]
    scores = score_stories(candidates, as_of=as_of, model=model, records=records, base_rate=rate)
    return sorted(scores, key=lambda r: (-r.probability, r.story.id))


def rank_rumours(
    claims: Iterable[tuple[str, TransferClaim]],
    *,
    as_of: date,
    completed: CompletedTransfers | None = None,
    contracts: Sequence[ContractClaim] = (),
    tiers: Mapping[str, str] | None = None,
    include_resolved: bool = False,
) -> list[RumourScore]:
    """Open stories from stored claims, most probable first, using only claims up to `as_of`."""
    kept = [(cid, c) for cid, c in claims if c.provenance.published and c.provenance.published <= as_of]
    stories = merge_stories(kept)
    outcomes = label_stories(stories, as_of=as_of, completed=completed, contracts=contracts)
    return rank_stories(
        stories, outcomes, as_of=as_of, tiers=tiers, include_resolved=include_resolved
    )

"""The probability that an open story happens: a small logistic model fitted on past stories.

Three numbers are kept apart: evidence (how far the sources' records move the odds), the
calibrated probability, and buzz (how many outlets repeat the story, which is not evidence).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where a model is fitted or run: reading scores needs none
    import numpy as np

from mercato.domain import STAGE_ORDER, ContractClaim, Stage, TransferClaim
from mercato.score.club_records import ClubRecord, club_records, club_role_key
from mercato.score.track_records import SourceRecord, track_records
from mercato.stories.merge import Story, merge_stories, stories_by_person
from mercato.stories.names import window_close
from mercato.stories.origin import buzz, first_reporter, independent_sources
from mercato.stories.outcomes import CompletedTransfers, Outcome, StoryOutcome, label_stories
from mercato.stories.timeline import current_stage, has_denial

FEATURE_NAMES: tuple[str, ...] = (
    # Records enter as log-odds over the base rate of their day: a row from a year when the base
    # rate was different (or unknown) then means the same thing as a row from today.
    "source_logit",  # best independent source's shrunk hit rate
    "first_reporter_logit",  # the first reporter's shrunk hit rate
    "mean_source_logit",  # mean over the independent sources so far
    "club_logit",  # the destination's (an exit: the selling club's) shrunk hit rate
    "independent_sources",  # log(1 + count so far)
    "buzz",  # log(1 + outlets repeating it)
    "claims",  # log(1 + claims so far)
    "stage_progress",  # furthest stage reached, 0 (exit/interest) to 1 (announced)
    "strength",  # strongest claim: its stage, halved when hedged ("monitoring" low, "here we go" high)
    "latest_strength",  # the latest claim's strength: where the story stands now
    "reported_done",  # a claim says the move is agreed or done
    "denied",  # a denial or collapse
    "age_days",  # log(1 + days since first report)
    "quiet_days",  # log(1 + days since the latest claim)
    "deadline",  # 1 on deadline day, falling to 0 a month before (no extrapolation beyond)
    "days_to_deadline",  # log(1 + days to the window's close), continuous
    "window_open",  # the window is open for registrations on the day
    "summer",  # a summer window (winter windows are short and different)
    "rivals",  # log(1 + other destinations named for the person this window)
    "exit",  # no named destination
    "loan",
)
MIN_SCALE = 0.1
# L2 penalty on standardised weights: the default, and the grid forward validation picks from.
DEFAULT_L2 = 10.0
L2_GRID = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
# Folds of the cross-validation that picks the L2 when the past holds a single window.
CV_FOLDS = 5
# The run-up to a deadline in which moves get done; earlier than this, the date says nothing.
DEADLINE_DAYS = 30
# How many stories of the base rate a source's (or club's) record is shrunk towards.
SHRINK_STORIES = 5.0
# Days after its first report at which a story is seen as a training row (the live fit).
TRAINING_AGES = (0, 7, 14, 30, 60)
_PROGRESS = {s: i / (len(STAGE_ORDER) - 3) for i, s in enumerate(STAGE_ORDER[:-2])}
_DONE = frozenset({Stage.AGREEMENT, Stage.MEDICAL, Stage.SIGNED, Stage.ANNOUNCED})
# Registration periods: summer from June to the deadline, winter the month of January.
_OPENS = {"summer": (6, 1), "winter": (1, 1)}


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def shrunk_rate(record: SourceRecord | None, base_rate: float) -> float:
    """A source's hit rate pulled towards the base rate in proportion to how little it has."""
    if record is None:
        return base_rate
    return (record.happened + SHRINK_STORIES * base_rate) / (record.resolved + SHRINK_STORIES)


def club_rate(record: ClubRecord | None, base_rate: float) -> float:
    """A club's hit rate, shrunk towards the base rate like a source's."""
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


def claim_strength(claim: TransferClaim) -> float:
    """How far one claim says the move has gone, halved when the claim hedges."""
    return _PROGRESS.get(claim.stage, 0.0) * (0.5 if claim.is_hedged else 1.0)


def window_is_open(story: Story, day: date) -> bool:
    """True when the story's window is taking registrations on the day."""
    month, first = _OPENS[story.window.part]
    return date(story.window.year, month, first) <= day <= window_close(story.window)


def story_features(
    story: Story,
    *,
    as_of: date,
    records: Mapping[str, SourceRecord],
    base_rate: float,
    rivals: int = 0,
    clubs: Mapping[str, ClubRecord] | None = None,
) -> list[float]:
    """The model's inputs for a story as it stood on `as_of` (its claims must be cut already)."""
    sources = independent_sources(story)
    rates = [shrunk_rate(records.get(s.source_key), base_rate) for s in sources]
    best = max(rates) if rates else base_rate
    first = shrunk_rate(records.get(first_reporter(story).source_key), base_rate)
    base = _logit(base_rate)
    mean_logit = sum(_logit(r) for r in rates) / len(rates) if rates else base
    club = club_rate((clubs or {}).get(club_role_key(story)), base_rate)
    stages = [m.claim.stage for m in story.claims]
    progress = max((_PROGRESS.get(s, 0.0) for s in stages), default=0.0)
    done = any(m.claim.stage in _DONE and not m.claim.is_hedged for m in story.claims)
    denied = has_denial(story) and current_stage(story) in (Stage.DENIED, Stage.COLLAPSED)
    to_close = (window_close(story.window) - as_of).days
    return [
        _logit(best) - base,
        _logit(first) - base,
        mean_logit - base,
        _logit(club) - base,
        math.log1p(len(sources)),
        math.log1p(buzz(story)),
        math.log1p(len(story.claims)),
        progress,
        max(claim_strength(m.claim) for m in story.claims),
        claim_strength(story.claims[-1].claim),
        1.0 if done else 0.0,
        1.0 if denied else 0.0,
        math.log1p(max((as_of - story.first_seen).days, 0)),
        math.log1p(max((as_of - story.last_seen).days, 0)),
        max(0.0, 1.0 - to_close / DEADLINE_DAYS),
        math.log1p(max(to_close, 0)),
        1.0 if window_is_open(story, as_of) else 0.0,
        1.0 if story.window.part == "summer" else 0.0,
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
    def predict(self, rows: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        """Probabilities for feature rows."""
        import numpy as np

        x = (np.asarray(rows, dtype=float) - np.asarray(self.mean)) / np.asarray(self.scale)
        z = x @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def constant_model(rate: float, width: int = len(FEATURE_NAMES)) -> LogisticModel:
    """A model that always answers `rate` (used before enough stories have resolved)."""
    return LogisticModel((0.0,) * width, _logit(rate), (0.0,) * width, (1.0,) * width)


# Before enough stories have resolved: the share of gossip stories settled before the 2021-22
# replay's test period (2021-09-02) that happened, 0.094; no later outcome went into it. Counted
# as this many stories of evidence. (A replay passes the rate known on each day instead.)
PRIOR_RATE = 0.094
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
    prior_rate: float = PRIOR_RATE,
) -> LogisticModel:
    """Fit by Newton's method; with fewer than `min_each` of either class, the smoothed base rate.

    `prior_rate` is what a thin history is smoothed towards: a replay passes the rate known
    before the day it fits, so no fitted number comes from later outcomes.
    """
    import numpy as np

    y = np.asarray(labels, dtype=float)
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=float)
    positives = float(y.sum())
    if len(y) == 0:
        return prior_model(prior_rate)
    rate = float((w * y).sum() / w.sum())
    if positives < min_each or len(y) - positives < min_each:
        smoothed = (positives + prior_rate * PRIOR_STORIES) / (len(y) + PRIOR_STORIES)
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


def _log_loss(labels: Sequence[int], probabilities: np.ndarray, weights: Sequence[float] | None = None) -> float:
    import numpy as np

    y = np.asarray(labels, dtype=float)
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=float)
    p = np.clip(probabilities, 1e-6, 1 - 1e-6)
    return float(-np.sum(w * (y * np.log(p) + (1 - y) * np.log(1 - p))) / w.sum())


def choose_l2(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    groups: Sequence[tuple[int, int]],
    weights: Sequence[float] | None = None,
    prior_rate: float = PRIOR_RATE,
) -> float:
    """The L2 that predicts held-out stories best, from the past only.

    Forward validation when there are several windows (fit on all but the latest, score the
    latest); with one window only, five contiguous folds of it (rows come story by story, so a
    story's rows stay together). A feature set with no signal then gets a heavy penalty.
    """
    if not groups:
        return DEFAULT_L2
    w = [1.0] * len(labels) if weights is None else list(weights)
    latest = max(groups)
    if any(g != latest for g in groups):
        folds = [([i for i, g in enumerate(groups) if g != latest], [i for i, g in enumerate(groups) if g == latest])]
    else:
        size = -(-len(labels) // CV_FOLDS)
        blocks = [list(range(k * size, min((k + 1) * size, len(labels)))) for k in range(CV_FOLDS)]
        folds = [([i for b in blocks if b is not block for i in b], block) for block in blocks if block]
    usable = [
        (train, test) for train, test in folds
        if len(train) >= 50 and len({labels[i] for i in test}) == 2
    ]
    if not usable:
        return DEFAULT_L2

    def score(l2: float) -> float:
        total = 0.0
        for train, test in usable:
            model = fit_logistic(
                [rows[i] for i in train], [labels[i] for i in train],
                weights=[w[i] for i in train], l2=l2, prior_rate=prior_rate,
            )
            total += _log_loss([labels[i] for i in test], model.predict([rows[i] for i in test]), [w[i] for i in test])
        return total

    return min(L2_GRID, key=score)


_EXIT = FEATURE_NAMES.index("exit")


@dataclass(frozen=True)
class ForecastModel:
    """Two logistic models, one for named destinations and one for exits, which behave apart.

    Exits happen far more often than any one named move and for other reasons (a club selling,
    a player wanting out), so one shared model would let the exits carry the ranking.
    """

    named: LogisticModel
    exits: LogisticModel

    def predict(self, rows: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        """Probabilities for feature rows (the `exit` column picks the model)."""
        import numpy as np

        x = np.asarray(rows, dtype=float)
        if len(x) == 0:
            return np.zeros(0)
        is_exit = x[:, _EXIT] > 0.5
        out = np.empty(len(x))
        if (~is_exit).any():
            out[~is_exit] = self.named.predict(x[~is_exit])
        if is_exit.any():
            out[is_exit] = self.exits.predict(x[is_exit])
        return out


def constant_forecast(rate: float) -> ForecastModel:
    """A forecast that always answers `rate` (before anything has resolved)."""
    return ForecastModel(constant_model(rate), constant_model(rate))


def fit_forecast(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    *,
    weights: Sequence[float] | None = None,
    groups: Sequence[tuple[int, int]] | None = None,
    prior_rate: float = PRIOR_RATE,
) -> ForecastModel:
    """Fit the named and the exit model apart, each with its L2 chosen by forward validation."""
    w = [1.0] * len(labels) if weights is None else list(weights)
    g = list(groups) if groups is not None else []
    parts = []
    for want_exit in (False, True):
        chosen = [i for i, row in enumerate(rows) if (row[_EXIT] > 0.5) == want_exit]
        part_rows = [rows[i] for i in chosen]
        part_labels = [labels[i] for i in chosen]
        part_weights = [w[i] for i in chosen]
        part_groups = [g[i] for i in chosen] if g else []
        if not chosen:
            parts.append(prior_model(prior_rate))
            continue
        l2 = choose_l2(part_rows, part_labels, part_groups, part_weights, prior_rate)
        parts.append(fit_logistic(part_rows, part_labels, weights=part_weights, l2=l2, prior_rate=prior_rate))
    return ForecastModel(parts[0], parts[1])


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
    model: ForecastModel | LogisticModel,
    records: Mapping[str, SourceRecord],
    base_rate: float,
    clubs: Mapping[str, ClubRecord] | None = None,
) -> list[RumourScore]:
    """Probability, evidence and buzz for each story as it stood on `as_of`."""
    import numpy as np

    current = [s for s in (story.as_of(as_of) for story in stories) if s is not None]
    rivals = stories_by_person(current)
    rows = [
        story_features(
            s, as_of=as_of, records=records, base_rate=base_rate,
            rivals=len(rivals[(s.person_key, s.window)]) - 1, clubs=clubs,
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


# Fewer resolved stories than this, and the rate known is too thin to smooth towards.
MIN_RESOLVED_FOR_PRIOR = 30


@dataclass(frozen=True)
class Knowledge:
    """What the record books said on one day: sources, clubs and the base rate."""

    records: Mapping[str, SourceRecord]
    clubs: Mapping[str, ClubRecord]
    base_rate: float


def knowledge_on(
    stories: Sequence[Story], outcomes: Mapping[str, StoryOutcome], day: date
) -> Knowledge:
    """Records from outcomes settled before `day` only, each story cut to the claims before it."""
    settled = {
        sid: o for sid, o in outcomes.items()
        if o.outcome != Outcome.OPEN and o.resolved_on is not None and o.resolved_on < day
    }
    cut = []
    for story in stories:
        if story.id not in settled:
            continue
        seen = story if story.last_seen < day else story.as_of(day - timedelta(days=1))
        if seen is not None:
            cut.append(seen)
    rate = base_rate_of(settled.values(), PRIOR_RATE) if len(settled) >= MIN_RESOLVED_FOR_PRIOR else PRIOR_RATE
    return Knowledge(source_index(track_records(cut, settled)), club_records(cut, settled), rate)


def fit_on_resolved(
    stories: Sequence[Story],
    outcomes: Mapping[str, StoryOutcome],
    *,
    as_of: date,
    ages: Sequence[int] = TRAINING_AGES,
) -> ForecastModel:
    """Fit on stories resolved before `as_of`, each seen as it stood at several ages.

    A row is the story on day `first report + age`, while it was still open, with the records
    as they stood at the start of that month: no row sees an outcome settled after its day.
    """
    books: dict[date, Knowledge] = {}
    rows: list[list[float]] = []
    labels: list[int] = []
    weights: list[float] = []
    groups: list[tuple[int, int]] = []
    for story in stories:
        outcome = outcomes.get(story.id)
        if outcome is None or outcome.outcome == Outcome.OPEN:
            continue
        if outcome.resolved_on is None or outcome.resolved_on >= as_of:
            continue
        days = [story.first_seen + timedelta(days=a) for a in ages]
        days = [d for d in days if d < outcome.resolved_on]
        for day in days:
            month = date(day.year, day.month, 1)
            if month not in books:
                books[month] = knowledge_on(stories, outcomes, month)
            book = books[month]
            seen = story.as_of(day)
            assert seen is not None
            rows.append(
                story_features(seen, as_of=day, records=book.records, base_rate=book.base_rate, clubs=book.clubs)
            )
            labels.append(int(outcome.outcome == Outcome.HAPPENED))
            weights.append(1.0 / len(days))  # each story counts once, however many rows it gives
            groups.append(window_order(story))
    prior = knowledge_on(stories, outcomes, as_of).base_rate
    return fit_forecast(rows, labels, weights=weights, groups=groups, prior_rate=prior)


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
    rate = base_rate_of(outcomes.values(), PRIOR_RATE)
    clubs = club_records(stories, outcomes)
    model = fit_on_resolved(stories, outcomes, as_of=as_of)
    candidates = [
        s for s in stories
        if s.id in outcomes and (include_resolved or outcomes[s.id].outcome == Outcome.OPEN)
    ]
    scores = score_stories(
        candidates, as_of=as_of, model=model, records=records, base_rate=rate, clubs=clubs
    )
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

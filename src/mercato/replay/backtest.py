"""Replay dated claims day by day, learning only from the past, and score the forecasts.

At each checkpoint (month starts and the day after each window shuts) Mercato relabels the
stories it knows, recomputes the sources' and clubs' records and refits the model, all from
claims and outcomes known before that day. Every story is forecast as it develops: on the day of
its first report and again at fixed ages after it, each time from what was known that day. Those
forecasts are kept as they were made, so later training reuses exactly what was known then.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from mercato.domain import TransferClaim, Window
from mercato.score.club_records import ClubRecord, club_records
from mercato.score.metrics import summarise
from mercato.score.probability import (
    FEATURE_NAMES,
    ForecastModel,
    SourceRecord,
    base_rate_of,
    constant_forecast,
    fit_forecast,
    shrunk_rate,
    source_index,
    story_features,
    window_order,
)
from mercato.score.track_records import track_records
from mercato.stories.merge import Story, merge_stories, stories_by_person
from mercato.stories.names import surname_key, window_close
from mercato.stories.origin import first_reporter
from mercato.stories.outcomes import Outcome, StoryOutcome

# Used until enough stories have resolved to say what the base rate is (a guess, not fitted).
DEFAULT_RATE = 0.2
MIN_RESOLVED_FOR_RATE = 30
# Days after its first report at which a story is forecast; the report scores some of them.
AGES = (0, 7, 14, 30, 60)
HEADLINE_AGE = 7
REPORTED_AGES = (0, 7, 30)
_EXIT = FEATURE_NAMES.index("exit")

# stories as they stood on a day -> their outcomes as known that day
Labeller = Callable[[Sequence[Story], date], Mapping[str, StoryOutcome]]


@dataclass(frozen=True)
class Prediction:
    """One story forecast on one day (`age` days after its first report) by each predictor."""

    key: str  # id of the story's first claim: stable while the story grows
    story_id: str
    made_on: date
    age: int
    window: Window
    source: str | None
    model: float
    base_rate: float
    outlet_rate: float
    features: tuple[float, ...]

    @property
    def is_exit(self) -> bool:
        """A forecast of an exit with no named destination."""
        return self.features[_EXIT] > 0.5


@dataclass
class _State:
    model: ForecastModel = field(default_factory=lambda: constant_forecast(DEFAULT_RATE))
    records: Mapping[str, SourceRecord] = field(default_factory=dict)
    clubs: Mapping[str, ClubRecord] = field(default_factory=dict)
    base_rate: float = DEFAULT_RATE
    trained_on: int = 0


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


def known_rate(claims: Sequence[tuple[str, TransferClaim]], labeller: Labeller, day: date) -> float:
    """The share of stories settled before `day` that happened (the default when too few)."""
    past = [p for p in claims if p[1].provenance.published and p[1].provenance.published < day]
    stories = merge_stories(past)
    known = _closed_outcomes(stories, labeller(stories, day), day)
    resolved = [o for o in known.values() if o.outcome != Outcome.OPEN]
    return base_rate_of(resolved) if len(resolved) >= MIN_RESOLVED_FOR_RATE else DEFAULT_RATE


def _learn(
    claims: Sequence[tuple[str, TransferClaim]],
    day: date,
    labeller: Labeller,
    made: Mapping[str, Sequence[Prediction]],
    tiers: Mapping[str, str] | None,
) -> _State:
    """Everything learnt from claims published before `day` and outcomes known by then."""
    stories = merge_stories(claims)
    # By the morning of `day` a window that shut the evening before is known to have shut.
    known = _closed_outcomes(stories, labeller(stories, day), day)
    resolved = [o for o in known.values() if o.outcome != Outcome.OPEN]
    rate = base_rate_of(resolved) if len(resolved) >= MIN_RESOLVED_FOR_RATE else DEFAULT_RATE
    records = source_index(track_records(stories, known, tiers=tiers))
    rows, labels, weights, groups = [], [], [], []
    for story in stories:
        outcome = known.get(story.id)  # a labeller may leave a story out (no thread to read)
        if outcome is None or outcome.outcome == Outcome.OPEN:
            continue
        # Forecasts made while the story was still open: a settled story teaches nothing.
        open_then = [
            p for p in made.get(story.claims[0].claim_id, ())
            if outcome.resolved_on is None or p.made_on < outcome.resolved_on
        ]
        for prediction in open_then:
            rows.append(prediction.features)
            labels.append(int(outcome.outcome == Outcome.HAPPENED))
            weights.append(1.0 / len(open_then))  # each story counts once
            groups.append(window_order(story))
    model = fit_forecast(rows, labels, weights=weights, groups=groups, prior_rate=rate)
    return _State(model, records, club_records(stories, known), rate, len(rows))


def replay(
    claims: Sequence[tuple[str, TransferClaim]],
    labeller: Labeller,
    *,
    tiers: Mapping[str, str] | None = None,
    ages: Sequence[int] = AGES,
) -> list[Prediction]:
    """Walk the days in order; forecast each story at each age from the past only."""
    dated = sorted(
        ((cid, c) for cid, c in claims if c.provenance.published is not None),
        key=lambda pair: (pair[1].provenance.published, pair[0]),
    )
    if not dated:
        return []
    first_day, last_day = dated[0][1].provenance.published, dated[-1][1].provenance.published
    assert first_day is not None and last_day is not None
    marks = checkpoints(first_day, last_day)
    state = _State()
    made: dict[str, list[Prediction]] = defaultdict(list)
    predictions: list[Prediction] = []
    upto = 0
    by_surname: dict[str, list[tuple[str, TransferClaim]]] = defaultdict(list)
    due: dict[date, dict[str, tuple[str, int]]] = defaultdict(dict)  # day -> key -> (surname, age)
    day = first_day
    while day <= last_day:
        while marks and marks[0] <= day:
            mark = marks.pop(0)
            past = [p for p in dated if p[1].provenance.published < mark]  # type: ignore[operator]
            state = _learn(past, mark, labeller, made, tiers)
        names: set[str] = set()
        while upto < len(dated) and dated[upto][1].provenance.published <= day:  # type: ignore[operator]
            surname = surname_key(dated[upto][1].person)
            by_surname[surname].append(dated[upto])
            names.add(surname)
            upto += 1
        todays_due = due.pop(day, {})
        names.update(surname for surname, _ in todays_due.values())
        # Only people named today, or due a later look today, need their stories merged (all
        # their claims so far, for the surname rule and rival counts): that keeps the walk fast.
        stories = merge_stories([pair for name in names for pair in by_surname[name]])
        rivals = stories_by_person(stories)
        for story in stories:
            key = story.claims[0].claim_id
            if story.first_seen == day and key not in made:
                if window_close(story.window) < day:
                    made[key] = []
                    continue  # history told after the fact ("joined in 2017"): nothing to forecast
                age = 0
                for later in ages:
                    if later > 0:
                        due[day + timedelta(days=later)][key] = (surname_key(story.claims[0].claim.person), later)
            elif key in todays_due:
                age = todays_due[key][1]
                if window_close(story.window) < day:
                    continue  # the window has shut: the story is settled
            else:
                continue
            features = tuple(
                story_features(
                    story, as_of=day, records=state.records, base_rate=state.base_rate,
                    rivals=len(rivals[(story.person_key, story.window)]) - 1, clubs=state.clubs,
                )
            )
            origin = first_reporter(story)
            prediction = Prediction(
                key=key,
                story_id=story.id,
                made_on=day,
                age=age,
                window=story.window,
                source=origin.source,
                model=float(state.model.predict([features])[0]),
                base_rate=state.base_rate,
                outlet_rate=shrunk_rate(state.records.get(origin.source_key), state.base_rate),
                features=features,
            )
            made[key].append(prediction)
            predictions.append(prediction)
        day += timedelta(days=1)
    return predictions


def final_labels(
    claims: Sequence[tuple[str, TransferClaim]], labeller: Labeller, as_of: date
) -> tuple[list[Story], dict[str, StoryOutcome], dict[str, str]]:
    """Stories of all claims, their outcomes as known on `as_of`, and claim id -> story id."""
    stories = merge_stories(claims)
    outcomes = dict(labeller(stories, as_of))
    story_of = {m.claim_id: s.id for s in stories for m in s.claims}
    return stories, outcomes, story_of


PREDICTORS = ("model", "constant", "base_rate", "outlet_rate")


def _scored(
    predictions: Sequence[Prediction],
    outcomes: Mapping[str, StoryOutcome],
    story_of: Mapping[str, str],
    *,
    since: date,
    age: int,
) -> list[tuple[Prediction, int]]:
    """Forecasts at one age of stories first reported since a day that were still open then."""
    chosen = []
    for prediction in predictions:
        if prediction.age != age or prediction.made_on - timedelta(days=age) < since:
            continue
        outcome = outcomes.get(story_of.get(prediction.key, ""))
        if outcome is None or outcome.outcome == Outcome.OPEN:
            continue
        if outcome.resolved_on is not None and outcome.resolved_on <= prediction.made_on:
            continue  # settled by the day of the forecast: no free win
        chosen.append((prediction, int(outcome.outcome == Outcome.HAPPENED)))
    return chosen


def _figures(scored: Sequence[tuple[Prediction, int]], constant: float) -> dict[str, dict[str, object]]:
    """Every predictor's figures on the chosen forecasts, overall and for named moves and exits."""
    out: dict[str, dict[str, object]] = {}
    parts = {
        "named": [(p, y) for p, y in scored if not p.is_exit],
        "exits": [(p, y) for p, y in scored if p.is_exit],
    }

    def value(name: str, p: Prediction) -> float:
        return constant if name == "constant" else float(getattr(p, name))

    for name in PREDICTORS:
        labels = [y for _, y in scored]
        summary = summarise(labels, [value(name, p) for p, _ in scored])
        for part, chosen in parts.items():
            summary[part] = summarise(
                [y for _, y in chosen], [value(name, p) for p, _ in chosen], with_bins=False
            )
        out[name] = summary
    return out


def evaluate(
    predictions: Sequence[Prediction],
    outcomes: Mapping[str, StoryOutcome],
    story_of: Mapping[str, str],
    *,
    since: date,
    constant: float,
    headline_age: int = HEADLINE_AGE,
    ages: Sequence[int] = REPORTED_AGES,
) -> dict[str, object]:
    """Figures of each predictor on stories first reported since a day, each story once.

    The headline scores every story's forecast `headline_age` days after its first report, among
    stories still open that day; `horizons` gives the same at the other ages.
    """
    figures: dict[str, object] = dict(
        _figures(_scored(predictions, outcomes, story_of, since=since, age=headline_age), constant)
    )
    figures["horizons"] = {
        str(age): _figures(_scored(predictions, outcomes, story_of, since=since, age=age), constant)
        for age in ages
        if age != headline_age
    }
    return figures

"""Coherent probabilities: one player's destinations in a window are alternatives, not bets apart.

The model scores each story alone, so a player linked with four clubs could read 76%, 76%, 68%
and 63%. `cohere` takes the model's scores for one as-of day and makes each player's window add
up, in this order:

1. A story whose current stage is a denial or a collapse is dropped to `DROPPED` (later news that
   revives it moves its current stage on, and the drop goes with it).
2. A named destination that has reached agreement (an unhedged claim of agreement, medical,
   signing or announcement, not undone since), or that is settled as happened, drops the other
   named destinations of that window to `DROPPED`.
3. If the open named destinations still sum above `1 - STAY_FLOOR`, they are scaled down in
   proportion, so the chance that he stays (or goes somewhere nobody named) is never below
   `STAY_FLOOR`.

Exits (a departure with no named destination) are a separate event: every named move is also an
exit, so an exit is not an alternative to them and does not count in their sum. An exit is only
dropped by its own denial and capped at `1 - STAY_FLOOR` on its own; it is not raised to the
named total, because the exit and named forecasts are calibrated apart and an exit's club can
differ from a named story's (a loanee's parent club and his loan club).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from mercato.domain import Stage, Window
from mercato.score.probability import RumourScore
from mercato.stories.merge import Story
from mercato.stories.outcomes import DONE_STAGES, Outcome, StoryOutcome

# The least chance a player stays put (or goes where nobody named), however many clubs are
# named. A judgement, not a fit: in the corpus, 40% of settled player windows with an unhedged
# report of agreement or signing ended with no named move in the completed-transfer tables, but
# that mostly measures extraction and name-matching noise (benchmarks/bench_coherence.py prints
# it). The floor only keeps rumours from adding up to certainty; the level is the model's job.
STAY_FLOOR = 0.05
# What a dropped story keeps: news can still revive it, but a reader should read it as ~0.
DROPPED = 0.01
_OFF = frozenset({Stage.DENIED, Stage.COLLAPSED})

Group = tuple[str, Window]


def has_agreement(story: Story, stage: Stage) -> bool:
    """True when an unhedged claim says the move is agreed or done and nothing undid it since."""
    if stage not in DONE_STAGES:
        return False
    return any(m.claim.stage in DONE_STAGES and not m.claim.is_hedged for m in story.claims)


def _is_open(score: RumourScore, outcomes: Mapping[str, StoryOutcome]) -> bool:
    outcome = outcomes.get(score.story.id)
    return outcome is None or outcome.outcome == Outcome.OPEN


def _happened(score: RumourScore, outcomes: Mapping[str, StoryOutcome]) -> bool:
    outcome = outcomes.get(score.story.id)
    return outcome is not None and outcome.outcome == Outcome.HAPPENED


def _cohere_group(
    scores: Sequence[RumourScore], outcomes: Mapping[str, StoryOutcome], stay_floor: float
) -> dict[str, float]:
    """New probabilities of the open stories of one player's window (story id -> probability)."""
    cap = 1.0 - stay_floor
    open_scores = [s for s in scores if _is_open(s, outcomes)]
    agreed = {
        s.story.id
        for s in scores
        if not s.story.is_exit
        and (_happened(s, outcomes) or (_is_open(s, outcomes) and has_agreement(s.story, s.stage)))
    }
    chosen: dict[str, float] = {}
    for score in open_scores:
        beaten = agreed and not score.story.is_exit and score.story.id not in agreed
        p = DROPPED if score.stage in _OFF or beaten else score.probability
        chosen[score.story.id] = min(p, cap) if score.story.is_exit else p
    named = [s.story.id for s in open_scores if not s.story.is_exit]
    total = sum(chosen[i] for i in named)
    if total > cap:
        for story_id in named:
            chosen[story_id] *= cap / total
    return chosen


def cohere(
    scores: Iterable[RumourScore],
    outcomes: Mapping[str, StoryOutcome],
    *,
    stay_floor: float = STAY_FLOOR,
) -> list[RumourScore]:
    """The scores of one as-of day made coherent per (person, window), most probable first.

    Settled stories keep their score untouched (their outcome, not a probability, is shown).
    """
    if not 0.0 < stay_floor < 1.0:
        raise ValueError(f"stay_floor must be between 0 and 1, not {stay_floor}")
    scores = list(scores)
    groups: dict[Group, list[RumourScore]] = defaultdict(list)
    for score in scores:
        groups[(score.story.person_key, score.story.window)].append(score)
    chosen: dict[str, float] = {}
    for members in groups.values():
        chosen.update(_cohere_group(members, outcomes, stay_floor))
    result = [
        replace(s, probability=chosen[s.story.id]) if s.story.id in chosen else s for s in scores
    ]
    return sorted(result, key=lambda r: (-r.probability, r.story.id))


def named_totals(
    scores: Iterable[RumourScore], outcomes: Mapping[str, StoryOutcome]
) -> dict[Group, float]:
    """Sum of the open named destinations' probabilities per (person key, window)."""
    totals: dict[Group, float] = defaultdict(float)
    for score in scores:
        if not score.story.is_exit and _is_open(score, outcomes):
            totals[(score.story.person_key, score.story.window)] += score.probability
    return dict(totals)

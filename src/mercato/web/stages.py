"""How far a move has gone, as the dashboard draws it: badge colours, legend and timeline rows.

The stages a move passes through run in order from a first rumour to an announcement; a denial
or a collapse is not a further step but a way out, so it is drawn apart (below the progress rows
of a timeline, in red on a badge) rather than "above announced".
"""

from __future__ import annotations

from dataclasses import dataclass

from mercato.domain import STAGE_ORDER, Stage

WAYS_OUT: tuple[Stage, ...] = (Stage.DENIED, Stage.COLLAPSED)
PROGRESS: tuple[Stage, ...] = tuple(stage for stage in STAGE_ORDER if stage not in WAYS_OUT)
# Timeline rows: progress 0..10 upwards; the ways out sit below it, one empty row apart.
_WAY_OUT_ROWS = {Stage.DENIED: -2, Stage.COLLAPSED: -3}


@dataclass(frozen=True)
class StageMark:
    """A stage with where it stands: its step of progress and the CSS class that colours it."""

    stage: Stage
    step: int | None  # 1..11 along the way; None for a way out
    css: str

    @property
    def label(self) -> str:
        """The stage's name as shown."""
        return str(self.stage)

    @property
    def hint(self) -> str:
        """What the badge says on hover."""
        if self.step is None:
            return f"{self.stage}: the move is off or was denied"
        return f"{self.stage}: step {self.step} of {len(PROGRESS)} towards a completed move"


def stage_mark(stage: Stage | str) -> StageMark:
    """Where `stage` stands on the way to a completed move."""
    value = Stage(stage)
    if value in WAYS_OUT:
        return StageMark(value, None, f"stage-off stage-{value.name.lower()}")
    step = PROGRESS.index(value) + 1
    return StageMark(value, step, f"stage-step-{step}")


def timeline_row(stage: Stage | str) -> int:
    """The y of a stage on a story's timeline: progress upwards, ways out below it."""
    value = Stage(stage)
    return _WAY_OUT_ROWS[value] if value in WAYS_OUT else PROGRESS.index(value)


def timeline_rows() -> list[dict[str, object]]:
    """Every timeline row with its label, progress first, for the chart's y-axis."""
    return [{"y": timeline_row(s), "label": str(s)} for s in (*PROGRESS, *WAYS_OUT)]


def legend() -> tuple[StageMark, ...]:
    """Every stage in order, ways out last: the board's key to the badge colours."""
    return tuple(stage_mark(s) for s in (*PROGRESS, *WAYS_OUT))

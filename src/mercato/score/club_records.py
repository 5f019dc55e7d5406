"""Clubs' records: how often rumoured moves to a club (or exits from it) happened, as of a day.

A club that buys what it is linked with (or a club whose players do leave) moves the odds of
every story about it. Only outcomes settled before the day count, so a replay stays honest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mercato.stories.merge import Story
from mercato.stories.names import club_key
from mercato.stories.outcomes import Outcome, StoryOutcome


@dataclass(frozen=True)
class ClubRecord:
    """Resolved stories about one club in one role, and how many happened."""

    happened: int
    resolved: int


def club_role_key(story: Story) -> str:
    """"to:<club>" for a named destination, "from:<club>" for an exit ("" when no club is named)."""
    if story.is_exit:
        return f"from:{club_key(story.from_club)}" if story.from_club else ""
    return f"to:{story.to_club_key}"


def club_records(
    stories: Sequence[Story], outcomes: Mapping[str, StoryOutcome]
) -> dict[str, ClubRecord]:
    """Records by `club_role_key` from the stories whose outcome is settled in `outcomes`."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for story in stories:
        outcome = outcomes.get(story.id)
        key = club_role_key(story)
        if not key or outcome is None or outcome.outcome == Outcome.OPEN:
            continue
        counts[key][0] += int(outcome.outcome == Outcome.HAPPENED)
        counts[key][1] += 1
    return {key: ClubRecord(h, n) for key, (h, n) in counts.items()}

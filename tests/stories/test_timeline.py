"""Timelines: stages in order, the current stage, and the text drawing."""

from __future__ import annotations

from storykit import claim

from mercato.domain import Stage
from mercato.stories.merge import merge_stories
from mercato.stories.timeline import current_stage, has_denial, render_timeline, timeline


def test_timeline_runs_oldest_first_with_stage_and_fee() -> None:
    story = merge_stories([
        claim("Jonas Brekke", "Arsenal", "2021-05-01", stage=Stage.BID, fee=30_000_000),
        claim("Jonas Brekke", "Arsenal", "2021-03-01", stage=Stage.INTEREST),
    ])[0]
    entries = timeline(story)
    assert [e.stage for e in entries] == [Stage.INTEREST, Stage.BID]
    assert entries[1].fee is not None and entries[1].fee.amount == 30_000_000
    lines = render_timeline(story)
    assert "bid" in lines[2] and "£30m" in lines[2]


def test_current_stage_is_the_furthest_reached_until_a_denial() -> None:
    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-03-01", stage=Stage.TALKS),
        claim("Jonas Brekke", "Arsenal", "2021-03-05", stage=Stage.INTEREST),
    ]
    assert current_stage(merge_stories(claims)[0]) == Stage.TALKS
    denied = claims + [claim("Jonas Brekke", "Arsenal", "2021-03-09", stage=Stage.DENIED)]
    story = merge_stories(denied)[0]
    assert current_stage(story) == Stage.DENIED and has_denial(story)
    revived = denied + [claim("Jonas Brekke", "Arsenal", "2021-04-01", stage=Stage.BID)]
    assert current_stage(merge_stories(revived)[0]) == Stage.BID

"""Coherent probabilities on invented stories: one player's window adds up to at most 1."""

from __future__ import annotations

from datetime import date

import pytest
from storykit import claim

from mercato.domain import Stage
from mercato.score.coherence import DROPPED, STAY_FLOOR, cohere, named_totals
from mercato.score.probability import RumourScore
from mercato.stories.merge import Story, merge_stories
from mercato.stories.outcomes import Outcome, StoryOutcome
from mercato.stories.timeline import current_stage

AS_OF = date(2022, 1, 20)


def _scored(
    claims: list[tuple[str, object]], probabilities: dict[str | None, float]
) -> tuple[list[RumourScore], dict[str, StoryOutcome]]:
    """Stories merged from claims, each given the model probability named by its destination."""
    stories = merge_stories(claims)  # type: ignore[arg-type]
    scores = [_score(s, probabilities[s.to_club]) for s in stories]
    outcomes = {s.id: StoryOutcome(s.id, Outcome.OPEN, None, "open") for s in stories}
    return scores, outcomes


def _score(story: Story, probability: float) -> RumourScore:
    return RumourScore(story, probability, 0.0, 1, 1, current_stage(story))


def _by_club(scores: list[RumourScore]) -> dict[str | None, float]:
    return {s.story.to_club: s.probability for s in scores}


def test_many_rival_destinations_are_scaled_down_to_leave_room_for_staying() -> None:
    claims = [
        claim("Timo Verhelst", club, "2022-01-05", source=source)
        for club, source in (
            ("Arsenal", "Mail"),
            ("Monaco", "Star"),
            ("Liverpool", "Sun"),
            ("Everton", "Mirror"),
        )
    ]
    model = {"Arsenal": 0.76, "Monaco": 0.68, "Liverpool": 0.63, "Everton": 0.2}
    scores, outcomes = _scored(claims, model)
    coherent = _by_club(cohere(scores, outcomes))
    assert sum(coherent.values()) == pytest.approx(1 - STAY_FLOOR)
    # proportional: the order and the ratios of the model are kept
    assert coherent["Arsenal"] / coherent["Monaco"] == pytest.approx(0.76 / 0.68)
    assert coherent["Arsenal"] > coherent["Monaco"] > coherent["Liverpool"] > coherent["Everton"]


def test_destinations_that_already_add_up_are_left_as_the_model_said() -> None:
    claims = [
        claim("Timo Verhelst", "Arsenal", "2022-01-05"),
        claim("Timo Verhelst", "Monaco", "2022-01-06", source="Star"),
    ]
    scores, outcomes = _scored(claims, {"Arsenal": 0.3, "Monaco": 0.2})
    assert _by_club(cohere(scores, outcomes)) == {"Arsenal": 0.3, "Monaco": 0.2}


def test_an_agreement_elsewhere_drops_the_other_destinations() -> None:
    claims = [
        claim("Dusan Milic", "Arsenal", "2022-01-03", source="Mail"),
        claim("Dusan Milic", "Juventus", "2022-01-10", source="Sky Sports"),
        claim("Dusan Milic", "Juventus", "2022-01-18", source="Sky Sports", stage=Stage.AGREEMENT),
        claim(
            "Dusan Milic",
            None,
            "2022-01-04",
            source="Star",
            stage=Stage.EXIT,
            from_club="Fiorentina",
        ),
    ]
    scores, outcomes = _scored(claims, {"Arsenal": 0.98, "Juventus": 0.7, None: 0.4})
    coherent = _by_club(cohere(scores, outcomes))
    assert coherent["Arsenal"] == DROPPED
    assert coherent["Juventus"] == pytest.approx(0.7)
    assert coherent[None] == pytest.approx(0.4), "an exit is not a rival of a named destination"


def test_a_hedged_agreement_is_not_an_agreement() -> None:
    claims = [
        claim("Dusan Milic", "Arsenal", "2022-01-03"),
        claim(
            "Dusan Milic",
            "Juventus",
            "2022-01-18",
            source="Star",
            stage=Stage.AGREEMENT,
            hedged=True,
        ),
    ]
    scores, outcomes = _scored(claims, {"Arsenal": 0.4, "Juventus": 0.5})
    assert _by_club(cohere(scores, outcomes)) == {"Arsenal": 0.4, "Juventus": 0.5}


def test_a_signing_settled_elsewhere_drops_destinations_still_open() -> None:
    claims = [
        claim("Dusan Milic", "Arsenal", "2022-01-03"),
        claim("Dusan Milic", "Juventus", "2022-01-10", source="Star"),
    ]
    scores, outcomes = _scored(claims, {"Arsenal": 0.6, "Juventus": 0.5})
    juventus = next(s.story.id for s in scores if s.story.to_club == "Juventus")
    outcomes[juventus] = StoryOutcome(juventus, Outcome.HAPPENED, AS_OF, "completed-transfer table")
    coherent = cohere(scores, outcomes)
    assert _by_club(coherent)["Arsenal"] == DROPPED
    assert _by_club(coherent)["Juventus"] == 0.5, "a settled story keeps its score untouched"


def test_a_denied_or_collapsed_story_is_dropped_until_news_revives_it() -> None:
    claims = [
        claim("Kofi Asante", "Lyon", "2022-01-02"),
        claim("Kofi Asante", "Lyon", "2022-01-12", source="Star", stage=Stage.COLLAPSED),
        claim("Kofi Asante", "Nice", "2022-01-02", source="Sun"),
        claim("Kofi Asante", "Nice", "2022-01-08", source="Sun", stage=Stage.DENIED),
        claim("Kofi Asante", "Nice", "2022-01-15", source="Mail", stage=Stage.BID),
        claim("Kofi Asante", None, "2022-01-05", stage=Stage.EXIT, from_club="Genk"),
        claim("Kofi Asante", None, "2022-01-09", stage=Stage.DENIED, from_club="Genk"),
    ]
    scores, outcomes = _scored(claims, {"Lyon": 0.93, "Nice": 0.3, None: 0.5})
    coherent = _by_club(cohere(scores, outcomes))
    assert coherent["Lyon"] == DROPPED
    assert coherent["Nice"] == 0.3, "a bid after the denial revives the story"
    assert coherent[None] == DROPPED


def test_players_and_windows_are_made_coherent_apart() -> None:
    claims = [
        claim("Timo Verhelst", "Arsenal", "2022-01-05"),
        claim("Timo Verhelst", "Monaco", "2022-01-05", source="Star"),
        claim("Timo Verhelst", "Lille", "2022-06-20", source="Star"),
        claim("Ruben Okafor", "Monaco", "2022-01-05", source="Star"),
    ]
    scores, outcomes = _scored(claims, {"Arsenal": 0.9, "Monaco": 0.8, "Lille": 0.9})
    coherent = cohere(scores, outcomes)
    totals = named_totals(coherent, outcomes)
    assert all(total <= 1 - STAY_FLOOR + 1e-9 for total in totals.values())
    by_story = {
        (s.story.person, s.story.to_club, s.story.window.part): s.probability for s in coherent
    }
    assert by_story[("Timo Verhelst", "Lille", "summer")] == 0.9
    assert by_story[("Ruben Okafor", "Monaco", "winter")] == 0.8
    assert by_story[("Timo Verhelst", "Arsenal", "winter")] + by_story[
        ("Timo Verhelst", "Monaco", "winter")
    ] == pytest.approx(1 - STAY_FLOOR)
    assert [s.probability for s in coherent] == sorted(
        (s.probability for s in coherent), reverse=True
    )


def test_a_lone_exit_is_capped_below_certainty() -> None:
    claims = [claim("Ruben Okafor", None, "2022-01-05", stage=Stage.EXIT, from_club="Genk")]
    scores, outcomes = _scored(claims, {None: 0.99})
    assert _by_club(cohere(scores, outcomes))[None] == pytest.approx(1 - STAY_FLOOR)


def test_a_stay_floor_outside_zero_and_one_is_refused() -> None:
    with pytest.raises(ValueError, match="stay_floor"):
        cohere([], {}, stay_floor=1.5)

"""Stories saved in the store and read back; claims read from the store as of a day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from storykit import claim

from mercato.domain import Article, Extraction, Stage
from mercato.store import Store
from mercato.stories.merge import merge_stories
from mercato.stories.outcomes import Outcome, label_stories
from mercato.stories.stored import load_stories, save_stories, story_inputs


def _fill(store: Store, claims) -> None:
    extractions = []
    for _, c in claims:
        text = c.provenance.span.text
        article = Article.from_text(text, published=c.provenance.published, outlet=c.provenance.outlet)
        c = replace(c, provenance=replace(c.provenance, article_id=article.id))
        extractions.append(Extraction(article, (), (c,)))
    store.add_extractions(extractions)


def _history():
    return [
        claim("Jonas Brekke", "Arsenal", "2021-03-01", source="Sky Sports", text="Arsenal watch Brekke."),
        claim("Jonas Brekke", "Arsenal", "2021-03-09", source="Mail", stage=Stage.BID,
              text="Arsenal bid for Brekke."),
        claim("Jonas Brekke", "Arsenal", "2021-06-01", source="Sky Sports", stage=Stage.SIGNED,
              text="Brekke signs for Arsenal."),
    ]


def test_story_inputs_cut_at_the_as_of_day(store: Store) -> None:
    _fill(store, _history())
    assert len(story_inputs(store, as_of=date(2021, 3, 5)).transfers) == 1
    assert len(story_inputs(store).transfers) == 3


def test_save_and_load_round_trip_is_idempotent(store: Store) -> None:
    _fill(store, _history())
    stories = merge_stories(story_inputs(store).transfers)
    outcomes = label_stories(stories, as_of=date(2021, 7, 1))
    assert save_stories(store, stories, outcomes, as_of=date(2021, 7, 1)) == 1
    save_stories(store, stories, outcomes, as_of=date(2021, 7, 1))
    saved = load_stories(store)
    assert len(saved) == 1
    story = saved[0]
    assert story.id == stories[0].id and story.first_reporter == "Sky Sports"
    assert len(story.claim_refs) == 3 and story.stage == "signed"
    assert story.outcome is not None and story.outcome.outcome == Outcome.HAPPENED

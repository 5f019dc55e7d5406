"""First reporter and independent sources: via chains, citations and copies count once."""

from __future__ import annotations

from storykit import claim

from mercato.stories.merge import merge_stories
from mercato.stories.origin import buzz, first_reporter, independent_sources, source_key


def _story(*claims):
    stories = merge_stories(list(claims))
    assert len(stories) == 1
    return stories[0]


def test_first_reporter_is_the_original_of_the_earliest_claim() -> None:
    story = _story(
        claim("Jonas Brekke", "Arsenal", "2021-03-05", source="Sun"),
        claim("Jonas Brekke", "Arsenal", "2021-03-02", source="Bild", via="Mirror"),
        claim("Jonas Brekke", "Arsenal", "2021-03-09", source="Times"),
    )
    origin = first_reporter(story)
    assert origin.source == "Bild"
    assert origin.chain == ("Bild", "Mirror")
    assert origin.published.isoformat() == "2021-03-02"


def test_five_outlets_citing_one_report_are_one_independent_source() -> None:
    story = _story(
        claim("Jonas Brekke", "Arsenal", "2021-03-01", source="Gazzetta dello Sport"),
        *[
            claim("Jonas Brekke", "Arsenal", f"2021-03-0{d}", source="Gazzetta dello Sport", via=v,
                  text=f"Arsenal want Brekke, {v} says, citing the Italian paper {d}")
            for d, v in zip(range(2, 7), ["Mail", "Sun", "Mirror", "Express", "Metro"])
        ],
    )
    sources = independent_sources(story)
    assert len(sources) == 1
    assert sources[0].source == "La Gazzetta dello Sport"  # the knowledge base's name for it
    assert len(sources[0].claim_ids) == 6
    assert set(sources[0].repeated_by) >= {"Mail", "Sun", "Mirror", "Express", "Metro"}
    assert buzz(story) >= 6


def test_separate_reports_count_separately() -> None:
    story = _story(
        claim("Jonas Brekke", "Arsenal", "2021-03-01", source="Sky Sports",
              text="Arsenal have opened talks with Everton over the midfielder."),
        claim("Jonas Brekke", "Arsenal", "2021-03-03", source="Athletic",
              text="The Gunners see Brekke as their first choice for the summer."),
    )
    assert [s.source for s in independent_sources(story)] == ["Sky Sports", "The Athletic"]


def test_a_word_for_word_copy_without_credit_counts_once() -> None:
    text = "Arsenal are ready to make a bid for Everton midfielder Jonas Brekke this summer."
    story = _story(
        claim("Jonas Brekke", "Arsenal", "2021-03-01", source="Sky Sports", text=text),
        claim("Jonas Brekke", "Arsenal", "2021-03-02", source="Daily Star", text=text + " "),
        claim("Jonas Brekke", "Arsenal", "2021-03-20", source="Express", text=text),
    )
    sources = independent_sources(story)
    # the next-day copy joins the first report; the same words weeks later is a new report
    assert [s.source for s in sources] == ["Sky Sports", "Daily Express"]


def test_printed_variants_of_a_source_are_one_source() -> None:
    assert source_key("Daily Mail") == source_key("Mail")
    assert source_key("Times - subscription required") == source_key("The Times")
    assert source_key("L'Equipe - in French") == source_key("L'Equipe")
    story = _story(
        claim("Jonas Brekke", "Arsenal", "2021-03-01", source="Daily Mail"),
        claim("Jonas Brekke", "Arsenal", "2021-03-05", source="Mail"),
    )
    assert len(independent_sources(story)) == 1


def test_unattributed_claims_fall_back_to_the_publishing_outlet() -> None:
    story = _story(claim("Jonas Brekke", "Arsenal", "2021-03-01", source=None, outlet="Sky Sports"))
    assert first_reporter(story).source == "Sky Sports"

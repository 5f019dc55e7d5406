"""People and names: one person per link, whatever spelling, handle or hashtag names him."""

from __future__ import annotations

from datetime import date

from mercato.domain import Article, EntityKind, Mention, Span
from mercato.extract.coreference import merge_spelling_variants
from mercato.extract.handles import handle_mentions
from mercato.extract.pipeline import default_extractor


def _person(label: str, start: int) -> Mention:
    return Mention(Span(start, start + len(label), label), EntityKind.PERSON, None, label)


def test_two_spellings_in_one_article_are_one_person() -> None:
    mentions = [_person("Ciaran Brennock", 0), _person("Ciaran Brennock", 40), _person("Ciaron Brennock", 90)]
    assert {m.label for m in merge_spelling_variants(mentions)} == {"Ciaran Brennock"}


def test_different_people_stay_apart() -> None:
    mentions = [_person("Jordan Ayew", 0), _person("Andre Ayew", 30), _person("Sam Clark", 60), _person("Tom Clark", 80)]
    assert {m.label for m in merge_spelling_variants(mentions)} == {"Jordan Ayew", "Andre Ayew", "Sam Clark", "Tom Clark"}


def test_handles_and_hashtags_resolve_through_the_knowledge_base() -> None:
    text = "Deal done: #Haaland joins @ManCity from @BVB. Thanks @qwertyzzz and @Ab."
    found = {m.span.text: (m.kind, m.entity_id) for m in handle_mentions(text)}
    assert found["@ManCity"] == (EntityKind.CLUB, "club:manchester-city-fc")
    assert found["@BVB"] == (EntityKind.CLUB, "club:borussia-dortmund")
    assert "@qwertyzzz" not in found and "@Ab" not in found


def test_a_tweet_with_handles_gives_a_move_between_clubs() -> None:
    text = "Here we go! #Haaland joins @ManCity from @BVB, deal done for €60m."
    article = Article.from_text(text, published=date(2022, 6, 10), kind="tweet")
    context = default_extractor().context(article)
    clubs = {m.entity_id for m in context.mentions if m.kind is EntityKind.CLUB}
    assert {"club:manchester-city-fc", "club:borussia-dortmund"} <= clubs
    assert any("Haaland" in m.label for m in context.mentions if m.kind in (EntityKind.PLAYER, EntityKind.PERSON))


def test_hyphens_and_particles_stay_whole() -> None:
    text = "Crystal Palace striker Jean-Philippe Mateta and Liverpool's Virgil van Dijk were named."
    context = default_extractor().context(Article.from_text(text, published=date(2024, 3, 1)))
    labels = {m.label for m in context.mentions if m.kind in (EntityKind.PLAYER, EntityKind.PERSON)}
    assert {"Jean-Philippe Mateta", "Virgil van Dijk"} <= labels


def test_names_the_tokenizer_splits_at_a_hyphen_stay_whole() -> None:
    text = "Leeds want Lens forward Kim Tae-won, and Ajax defender Noah Bakari-Lewis is a target too."
    context = default_extractor().context(Article.from_text(text, published=date(2024, 3, 1)))
    labels = {m.label for m in context.mentions if m.kind in (EntityKind.PLAYER, EntityKind.PERSON)}
    assert {"Kim Tae-won", "Noah Bakari-Lewis"} <= labels
    assert not labels & {"Kim Tae", "Noah Bakari", "Lewis"}


def test_a_compound_built_on_a_name_is_not_part_of_it() -> None:
    text = "Arsenal's Saka-led attack beat Chelsea, and the Arsenal-Chelsea game was close."
    context = default_extractor().context(Article.from_text(text, published=date(2024, 3, 1)))
    labels = {m.label for m in context.mentions if m.kind in (EntityKind.PLAYER, EntityKind.PERSON)}
    assert not any("-" in label for label in labels)


def test_a_player_known_by_one_name_is_kept_without_a_cue() -> None:
    # The knowledge base knows him by one name; no "striker" or age stands beside it here.
    text = "Barcelona have made a final offer for Raphinha this week."
    context = default_extractor().context(Article.from_text(text, published=date(2022, 6, 1)))
    people = {m.label for m in context.mentions if m.kind in (EntityKind.PLAYER, EntityKind.PERSON)}
    assert "Raphinha" in people

"""What the knowledge base knew about a player on a day, for a player page's header."""

from __future__ import annotations

from datetime import date

from mercato.services.known import known_at


def test_the_header_follows_the_page_day() -> None:
    before = known_at(None, "Aaron Ramsdale", date(2023, 7, 1))
    after = known_at("player:aaron-ramsdale-427568", "Aaron Ramsdale", date(2024, 9, 15))
    assert before is not None and after is not None
    assert before.person_id == after.person_id == "player:aaron-ramsdale-427568"
    assert (before.age, after.age) == (25, 26)
    assert before.position == after.position == "Goalkeeper"
    # Before his first move in the transfers table, he is at the club that move left.
    assert before.club is not None and "Arsenal" in before.club
    assert after.club is not None and "Southampton" in after.club
    # The latest value dated on or before the day, with its date.
    assert before.value_dated is not None and before.value_dated <= date(2023, 7, 1)
    assert after.value_dated is not None and date(2023, 7, 1) < after.value_dated <= date(
        2024, 9, 15
    )
    assert before.market_value and after.market_value
    assert before.nationality == "England" and before.national_teams == ("England",)


def test_no_value_from_after_the_day_and_no_world_cup_before_it_was_played() -> None:
    early = known_at(None, "Aaron Ramsdale", date(2020, 1, 1))
    assert early is not None
    assert early.value_dated is None or early.value_dated <= date(2020, 1, 1)
    assert early.national_teams == (), "his first World Cup squad was 2022"


def test_someone_the_knowledge_base_lacks_has_no_header() -> None:
    assert known_at(None, "Zebulon Quarterfield-Nanda", date(2024, 7, 1)) is None


def test_preloading_reads_the_knowledge_the_pages_consult_once() -> None:
    from mercato.kb.catalogue import load_catalogue
    from mercato.kb.player_records import load_player_records
    from mercato.kb.sources import source_directory
    from mercato.services.known import preload_knowledge

    preload_knowledge()
    loaded = (load_catalogue(), load_player_records(), source_directory())
    preload_knowledge()  # read once per process: the same objects after
    assert (load_catalogue(), load_player_records(), source_directory()) == loaded
    assert all(
        loader.cache_info().currsize == 1
        for loader in (load_catalogue, load_player_records, source_directory)
    )

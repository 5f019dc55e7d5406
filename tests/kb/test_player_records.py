"""Player records: birth date, position and dated market values, as a player page reads them."""

from __future__ import annotations

from datetime import date

from mercato.kb.player_records import age_on, load_player_records, read_player_records

# Made-up tables in the shipped format.
RECORDS = """\
# test: player records
transfermarkt_id\tbirth_date\tposition\tsub_position\tfoot\theight_cm\tcitizenship
900001\t2000-02-29\tMidfield\tCentral Midfield\tleft\t181\tRuritania
900002\t\t\t\t\t\t
"""
VALUES = """\
# test: market values
transfermarkt_id\tdate\tvalue_eur
900001\t2023-06-20\t15000000
900001\t2022-12-01\t9000000
900001\t2024-01-10\t22000000
"""


def test_a_value_holds_from_its_day_until_the_next_one() -> None:
    record = read_player_records(RECORDS, VALUES)["900001"]
    assert record.value_on(date(2022, 11, 30)) is None
    assert record.value_on(date(2022, 12, 1)) == (date(2022, 12, 1), 9_000_000)
    assert record.value_on(date(2023, 6, 19)) == (date(2022, 12, 1), 9_000_000)
    assert record.value_on(date(2024, 6, 1)) == (date(2024, 1, 10), 22_000_000)
    assert (record.position, record.sub_position, record.height_cm) == (
        "Midfield",
        "Central Midfield",
        181,
    )


def test_age_counts_whole_years_even_for_a_leap_day_birthday() -> None:
    record = read_player_records(RECORDS, VALUES)["900001"]
    assert record.age_on(date(2024, 2, 28)) == 23
    assert record.age_on(date(2024, 2, 29)) == 24
    assert record.age_on(date(2023, 3, 1)) == 23
    assert age_on(None, date(2024, 1, 1)) is None
    assert age_on(date(2024, 1, 2), date(2024, 1, 1)) is None


def test_blank_cells_are_unknown_not_errors() -> None:
    record = read_player_records(RECORDS, VALUES)["900002"]
    assert record.birth_date is None and record.position is None and record.values == ()
    assert record.value_on(date(2024, 1, 1)) is None


def test_the_shipped_records_know_a_player_of_the_transfers_table() -> None:
    # Aaron Ramsdale, Transfermarkt id 427568, moved from Arsenal to Southampton in August 2024.
    record = load_player_records()["427568"]
    assert record.birth_date == date(1998, 5, 14)
    assert record.position == "Goalkeeper" and record.citizenship == "England"
    assert [d for d, _ in record.values] == sorted(d for d, _ in record.values)
    assert all(d >= date(2020, 1, 1) for d, _ in record.values)

"""Gold and prediction files: reading, checking, writing, and claims turned into SPEC links."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mercato.domain import Attribution, Fee, Provenance, Span, Stage, Status, TransferClaim
from mercato.errors import GoldFormatError
from mercato.evaluation.gold import (
    Money,
    family_of,
    group_of,
    kind_for,
    links_from_claims,
    parse_lines,
    read_gold,
    read_predictions,
    record_to_dict,
    write_records,
)

TEXT = "Riverside Rovers have agreed a £12m fee for Tomas Brandt, the Morning Post reports."


def gold_line(**changes: Any) -> str:
    link = {
        "person": "Tomas Brandt",
        "role": "player",
        "from": None,
        "to": "Riverside Rovers",
        "status": "rumour",
        "loan": False,
        "fee": {"amount": 12000000, "currency": "GBP"},
        "source": ["Post", "Morning Post"],
        "evidence": TEXT,
    }
    link.update(changes.pop("link", {}))
    line = {"id": "paper:1", "date": "2024-06-30", "outlet": None, "text": TEXT, "links": [link]}
    line.update(changes)
    return json.dumps(line)


def test_read_gold_file(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line() + "\n\n" + gold_line(id="paper:2", links=[]) + "\n")
    records = read_gold(path)
    assert [r.id for r in records] == ["paper:1", "paper:2"]
    link = records[0].links[0]
    assert records[0].date == date(2024, 6, 30)
    assert link.fees == (Money(12_000_000, "GBP"),)
    assert link.sources == ("Post", "Morning Post")
    assert link.from_club is None and link.to_club == "Riverside Rovers"


def test_round_trip_keeps_the_line() -> None:
    original = json.loads(gold_line(date="2024-06-30T08:15:00Z"))
    record = next(parse_lines([json.dumps(original)], "mem"))
    assert record.date == date(2024, 6, 30)
    buffer = io.StringIO()
    write_records([record_to_dict(record)], buffer)
    assert json.loads(buffer.getvalue()) == original


BAD_LINES = [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "JSON object"),
    (gold_line(id=""), "'id'"),
    (gold_line(date="30/06/2024"), "'date'"),
    (gold_line(links={}), "'links'"),
    (gold_line(link={"person": ""}), "'person'"),
    (gold_line(link={"status": "agreed"}), "'status'"),
    (gold_line(link={"role": "agent"}), "'role'"),
    (gold_line(link={"loan": "yes"}), "'loan'"),
    (gold_line(link={"fee": {"amount": 12, "currency": "pounds"}}), "currency"),
    (gold_line(link={"fee": {"amount": -1, "currency": "GBP"}}), "amount"),
    (gold_line(link={"fee": []}), "empty"),
    (gold_line(link={"source": 7}), "'source'"),
    (gold_line(link={"to": ""}), "'to'"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_LINES)
def test_bad_gold_line_names_file_line_and_reason(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line(id="paper:0") + "\n" + line + "\n")
    with pytest.raises(GoldFormatError) as caught:
        read_gold(path)
    message = str(caught.value)
    assert str(path) in message and "line 2" in message and reason in message


def test_missing_key_is_reported() -> None:
    line = json.loads(gold_line())
    del line["links"][0]["to"]
    with pytest.raises(GoldFormatError, match="'to' is missing"):
        list(parse_lines([json.dumps(line)], "mem"))


def test_duplicate_id_is_reported() -> None:
    with pytest.raises(GoldFormatError, match="appears twice"):
        list(parse_lines([gold_line(), gold_line()], "mem"))


def test_predictions_may_not_hedge_with_lists(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(gold_line() + "\n")  # the gold line has a list of sources
    with pytest.raises(GoldFormatError, match="gold files only"):
        read_predictions(path)
    path.write_text(gold_line(link={"source": "Morning Post"}) + "\n")
    assert read_predictions(path)[0].links[0].sources == ("Morning Post",)


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="cannot read"):
        read_gold(tmp_path / "absent.jsonl")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(GoldFormatError, match="UTF-8"):
        read_gold(binary)


FAMILIES = [
    ("bbcsport:football/021", "bbcsport", "full articles"),
    ("daily_gossip_2021:88", "daily_gossip_2021", "gossip"),
    ("reporter_tweets_2023:4", "reporter_tweets_2023", "tweets"),
    ("seed-0001", "seed", "full articles"),
]


@pytest.mark.parametrize(("record_id", "family", "group"), FAMILIES)
def test_family_and_group(record_id: str, family: str, group: str) -> None:
    assert family_of(record_id) == family
    assert group_of(family) == group


def test_kind_guessed_from_family_unless_given() -> None:
    record = next(parse_lines([gold_line(id="reporter_tweets:1")], "mem"))
    assert kind_for(record) == "tweet"
    record = next(parse_lines([gold_line(id="reporter_tweets:1", kind="article")], "mem"))
    assert kind_for(record) == "article"
    record = next(parse_lines([gold_line(id="daily_gossip:1")], "mem"))
    assert kind_for(record) == "gossip_item"


# --- claims turned into SPEC links ---


def claim(
    person: str,
    to: str | None,
    frm: str | None = None,
    status: Status = Status.RUMOUR,
    *,
    evidence: str = "the evidence",
    **fields: Any,
) -> TransferClaim:
    provenance = Provenance("a1", Span(0, len(evidence), evidence), None, None, "transfer.test.v1")
    stage = {Status.RUMOUR: Stage.INTEREST, Status.DONE: Stage.SIGNED, Status.OFF: Stage.COLLAPSED}
    return TransferClaim(person, to, frm, status, stage[status], provenance, **fields)


def test_claim_becomes_a_spec_link() -> None:
    links = links_from_claims(
        [
            claim(
                "Tomas Brandt",
                "Riverside Rovers",
                "Northgate City",
                Status.DONE,
                evidence=TEXT,
                role="manager",
                is_loan=True,
                fee=Fee(12_000_000, "GBP", kind="bid"),
                attribution=Attribution(outlet="Morning Post", chain=("Le Matin", "Morning Post")),
            )
        ]
    )
    assert links == [
        {
            "person": "Tomas Brandt",
            "role": "manager",
            "from": "Northgate City",
            "to": "Riverside Rovers",
            "status": "done",
            "loan": True,
            "fee": {"amount": 12000000, "currency": "GBP"},
            "source": "Le Matin",
            "evidence": TEXT,
        }
    ]


def test_salary_is_never_a_fee() -> None:
    links = links_from_claims(
        [claim("Tomas Brandt", "Rovers", fee=Fee(300_000, "GBP", kind="salary"))]
    )
    assert links[0]["fee"] is None


def test_no_attribution_means_no_source() -> None:
    assert links_from_claims([claim("Tomas Brandt", "Rovers")])[0]["source"] is None


def test_duplicates_keep_the_strongest_status_and_fill_source_and_fee() -> None:
    links = links_from_claims(
        [
            claim("Tomas Brandt", "Rovers", "City", attribution=Attribution(outlet="Morning Post")),
            claim("Brandt", "Rovers", "City", Status.DONE, evidence="Brandt has signed"),
            claim("Tomas Brandt", "Rovers", "City", fee=Fee(9_000_000, "EUR")),
            claim("Tomas Brandt", "Northgate United", "City"),
        ]
    )
    assert len(links) == 2
    first = links[0]
    assert first["person"] == "Tomas Brandt"
    assert first["status"] == "done" and first["evidence"] == "Brandt has signed"
    assert first["source"] == "Morning Post"
    assert first["fee"] == {"amount": 9000000, "currency": "EUR"}
    assert links[1]["to"] == "Northgate United"


def test_off_is_stronger_than_done_and_rumour() -> None:
    links = links_from_claims(
        [
            claim("Tomas Brandt", "Rovers"),
            claim("Tomas Brandt", "Rovers", status=Status.OFF),
            claim("Tomas Brandt", "Rovers", status=Status.DONE),
        ]
    )
    assert [link["status"] for link in links] == ["off"]


def test_surname_stays_apart_when_two_full_names_end_with_it() -> None:
    links = links_from_claims(
        [
            claim("Tomas Brandt", "Rovers"),
            claim("Erik Brandt", "Rovers"),
            claim("Brandt", "Rovers"),
        ]
    )
    assert sorted(link["person"] for link in links) == ["Brandt", "Erik Brandt", "Tomas Brandt"]

"""The Python API: the CLI's verbs as functions, over a real store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import mercato
from mercato.domain import Status
from support import SAMPLES_DIR


def test_extract_reads_a_text() -> None:
    extraction = mercato.extract_claims(
        "Brentford have signed Norwich City striker Owen Daley for £12m.", published=date(2024, 7, 2)
    )
    (claim,) = extraction.transfers
    assert claim.status is Status.DONE
    assert claim.fee is not None and claim.fee.amount == 12_000_000


def test_ingest_then_query_the_store(tmp_path: Path) -> None:
    with mercato.open_store(f"sqlite:///{tmp_path / 'm.db'}") as store:
        report = mercato.ingest_into([SAMPLES_DIR], store)
        assert report.failed == 0 and store.count_articles() > 0
        board = mercato.rumour_board(store)
        assert board and all(story.person for story in board)
        stories = mercato.list_stories(store, as_of=date(2024, 8, 20))
        assert stories and all(s.first_reported <= date(2024, 8, 20) for s in stories)
        one = mercato.story(store, stories[0].id, as_of=date(2024, 8, 20))
        assert one == stories[0]
        table = mercato.source_table(store, as_of=date(2024, 8, 20))
        assert isinstance(table, list)
        again = mercato.ingest_into([SAMPLES_DIR], store)
        assert again.ingested == 0  # the same articles add nothing

"""The source table read from stored credits: the same figures as the book, refreshed by ingest."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select
from storykit import claim

from mercato.cli import build_cli
from mercato.domain import Article, Extraction, Stage
from mercato.score.track_records import league_table
from mercato.services.book import story_book
from mercato.services.sources import source_table
from mercato.store import Store
from mercato.store.source_tables import source_books

HISTORY = [
    claim("Jonas Brekke", "Arsenal", "2021-03-01", source="Sky Sports", from_club="Everton",
          text="Arsenal are watching Everton midfielder Jonas Brekke."),
    claim("Jonas Brekke", "Arsenal", "2021-03-09", source="Gazzetta", via="Mail", stage=Stage.BID,
          text="Arsenal have bid for Brekke, says the Mail citing an Italian paper."),
    claim("Jonas Brekke", "Arsenal", "2021-06-01", source=None, outlet="arsenal.com", stage=Stage.SIGNED,
          text="Jonas Brekke signs for Arsenal."),
    claim("Ilan Castor", "Chelsea", "2021-03-02", source="Star", text="Chelsea want Ilan Castor."),
    claim("Ilan Castor", "Chelsea", "2021-03-04", source="skysports.com", stage=Stage.TALKS,
          text="Chelsea are in talks over Ilan Castor."),
    claim("Pavel Oudin", "Everton", "2021-03-05", source="Tuttosport.Despite",
          text="Everton like Pavel Oudin."),
]  # fmt: skip


def _add(store: Store, claims: list) -> None:  # type: ignore[type-arg]
    extractions = []
    for _, c in claims:
        article = Article.from_text(c.provenance.span.text, published=c.provenance.published)
        c = replace(c, provenance=replace(c.provenance, article_id=article.id))
        extractions.append(Extraction(article, (), (c,)))
    store.add_extractions(extractions)


def _figures(rows: list) -> list[tuple]:  # type: ignore[type-arg]
    return [(r.name, r.stories, r.happened, r.did_not_happen, r.pending, round(r.reliability, 12),
             tuple(round(x, 12) for x in r.interval)) for r in rows]  # fmt: skip


def test_the_stored_credits_give_the_figures_of_the_book(tmp_path: Path) -> None:
    nokb = tmp_path / "nokb"
    with Store.open(f"sqlite:///{tmp_path / 'm.db'}") as store:
        _add(store, HISTORY)
        day = date(2021, 10, 1)
        first = source_table(store, as_of=day, kb_dir=nokb)  # computes and keeps the credits
        again = source_table(store, as_of=day, kb_dir=nokb)  # reads them back
        book = story_book(store, as_of=day, kb_dir=nokb)
        slow = league_table(list(book.stories), book.outcomes, tiers=book.tiers)
    assert _figures(first) == _figures(again)
    assert [(r.source, r.reported, r.happened, r.not_happened, r.pending, round(r.reliability, 12),
             (round(r.low, 12), round(r.high, 12))) for r in slow] == _figures(first)  # fmt: skip
    names = {r.name for r in first}
    # bbc-style aliases are one row; the club's own site and the leftover are no rumour sources
    assert names == {"Sky Sports", "Daily Star", "La Gazzetta dello Sport", "Tuttosport"}
    sky = next(r for r in first if r.name == "Sky Sports")
    assert sky.stories == 2 and sky.kind == "outlet" and sky.first_reports == 1


def test_new_claims_make_the_table_read_them(tmp_path: Path) -> None:
    nokb = tmp_path / "nokb"
    with Store.open(f"sqlite:///{tmp_path / 'm.db'}") as store:
        _add(store, HISTORY[:2])
        before = {r.name: r.stories for r in source_table(store, as_of=date(2021, 10, 1), kb_dir=nokb)}
        _add(store, [claim("Rui Salgado", "Leeds", "2021-04-01", source="Sky Sports", text="Leeds want Rui Salgado.")])
        after = {r.name: r.stories for r in source_table(store, as_of=date(2021, 10, 1), kb_dir=nokb)}
    assert before["Sky Sports"] == 1 and after["Sky Sports"] == 2


def test_ingest_keeps_the_credits_of_the_newest_day(tmp_path: Path) -> None:
    records = tmp_path / "news.jsonl"
    lines = [
        {"id": "n1", "date": "2021-03-01", "outlet": "skysports.com",
         "text": "Arsenal are in talks with Everton over midfielder Jonas Brekke, Sky Sports understands."},
        {"id": "n2", "date": "2021-03-03", "outlet": "BBC Sport",
         "text": "Chelsea want Lyon defender Ilan Castor, 24. (Daily Star)"},
    ]  # fmt: skip
    records.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'm.db'}"
    result = CliRunner().invoke(build_cli(), ["ingest", str(records), "--db", db])
    assert result.exit_code == 0, result.output
    with Store.open(db) as store, store.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(source_books)) == 1
    shown = CliRunner().invoke(build_cli(), ["sources", "--db", db, "--json", "--min-stories", "0"])
    assert shown.exit_code == 0, shown.output
    assert {row["source"] for row in json.loads(shown.output)} <= {"Sky Sports", "Daily Star"}

"""`mercato story` and `mercato sources` over a small store, as of different days."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from storykit import claim

from mercato.cli import build_cli
from mercato.domain import Article, Extraction, Stage
from mercato.store import Store


def _fill(db: str) -> None:
    history = [
        claim("Jonas Brekke", "Arsenal", "2021-03-01", source="Sky Sports", from_club="Everton",
              text="Arsenal are watching Everton midfielder Jonas Brekke."),
        claim("Jonas Brekke", "Arsenal", "2021-03-09", source="Gazzetta", via="Mail", stage=Stage.BID,
              text="Arsenal have bid for Brekke, says the Mail citing an Italian paper."),
        claim("Jonas Brekke", "Arsenal", "2021-06-01", source="Sky Sports", stage=Stage.SIGNED,
              text="Jonas Brekke signs for Arsenal."),
        claim("Ilan Castor", "Chelsea", "2021-03-02", source="Star", text="Chelsea want Ilan Castor."),
    ]
    with Store.open(db) as store:
        extractions = []
        for _, c in history:
            article = Article.from_text(c.provenance.span.text, published=c.provenance.published)
            c = replace(c, provenance=replace(c.provenance, article_id=article.id))
            extractions.append(Extraction(article, (), (c,)))
        store.add_extractions(extractions)


def _run(args: list[str]):
    return CliRunner().invoke(build_cli(), args, catch_exceptions=False)


def test_story_as_of_shows_only_what_was_known(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    _fill(db)
    nokb = str(tmp_path / "nokb")
    early = _run(["story", "jonas-brekke--arsenal", "--as-of", "2021-03-05", "--db", db, "--kb", nokb, "--json"])
    assert early.exit_code == 0, early.output
    data = json.loads(early.output)
    assert len(data["claims"]) == 1 and data["outcome"] == "open"
    assert data["first_reporter"] == "Sky Sports"
    late = json.loads(_run(["story", "Jonas Brekke", "--as-of", "2021-06-02", "--db", db, "--kb", nokb, "--json"]).output)
    assert len(late["claims"]) == 3 and late["outcome"] == "happened"
    assert late["sources"] == ["Sky Sports", "La Gazzetta dello Sport"] and late["independent_sources"] == 2
    text = _run(["story", "jonas-brekke--arsenal", "--db", db, "--kb", nokb]).output
    assert "first reported by Sky Sports on 2021-03-01" in text and "signed" in text


def test_unknown_story_exits_not_found(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    _fill(db)
    result = CliRunner().invoke(build_cli(), ["story", "nobody--nowhere", "--db", db])
    assert result.exit_code == 3


def test_sources_table_with_bars_and_json(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    _fill(db)
    nokb = str(tmp_path / "nokb")
    rows = json.loads(_run(["sources", "--as-of", "2021-12-01", "--db", db, "--kb", nokb, "--json"]).output)
    by_source = {r["source"]: r for r in rows}
    assert by_source["Sky Sports"]["happened"] == 1 and by_source["Daily Star"]["did_not_happen"] == 1
    assert "Daily Mail" not in by_source and "Mail" not in by_source
    assert by_source["Sky Sports"]["reliability"] > by_source["Daily Star"]["reliability"]
    text = _run(["sources", "--as-of", "2021-12-01", "--db", db, "--kb", nokb]).output
    assert "●" in text and "Sky Sports" in text
    before = json.loads(_run(["sources", "--as-of", "2021-03-01", "--db", db, "--kb", nokb, "--json",
                              "--min-stories", "0"]).output)
    assert [r["source"] for r in before] == ["Sky Sports"] and before[0]["pending"] == 1


def test_ranked_rumours_rows_for_the_rumours_board(tmp_path: Path) -> None:
    from datetime import date

    from mercato.services.board import ranked_rumours

    db = f"sqlite:///{tmp_path / 'm.db'}"
    _fill(db)
    with Store.open(db) as store:
        rows = ranked_rumours(store, as_of=date(2021, 3, 20), kb_dir=tmp_path / "nokb")
        later = ranked_rumours(store, as_of=date(2021, 6, 2), kb_dir=tmp_path / "nokb")
    assert {r.person for r in rows} == {"Jonas Brekke", "Ilan Castor"}
    assert all(r.probability is not None and 0 < r.probability < 1 for r in rows)
    brekke = next(r for r in rows if r.person == "Jonas Brekke")
    assert brekke.independent_sources == 2 and brekke.first_reporter == "Sky Sports"
    assert [r.person for r in later] == ["Ilan Castor"]  # Brekke signed by then

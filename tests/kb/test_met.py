"""People met in articles become entities, and `mercato kb show` lists what is claimed of them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from mercato.cli import build_cli
from mercato.kb.met import met_entity_id
from mercato.pipeline import ingest_paths
from mercato.store import Store


def _write(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        " date 2024-07-02 Brentford have signed Norwich City striker Owen Daley, 24, for £12m. "
        "Daley scored 14 goals last season.",
        encoding="utf-8",
    )
    return folder


def test_a_person_met_in_an_article_becomes_an_entity(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'm.db'}") as store:
        ingest_paths([_write(tmp_path)], store)
        entity = store.get_entity(met_entity_id("Owen Daley"))
        assert entity.name == "Owen Daley"
        assert entity.attributes["first_met"] == "2024-07-02"
        assert {a.text for a in store.aliases_for(entity.id)} >= {"Owen Daley", "Daley"}


def test_kb_show_lists_the_claims_made_about_a_person(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    with Store.open(f"sqlite:///{db}") as store:
        ingest_paths([_write(tmp_path)], store)
    result = CliRunner().invoke(build_cli(), ["kb", "show", "Owen Daley", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "person:owen-daley" in result.output
    assert "Norwich City -> Brentford [signed]" in result.output
    assert "age = 24" in result.output

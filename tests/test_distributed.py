"""A Dask ingest stores exactly what a local ingest stores from the same input."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from mercato.domain import (
    STAGE_STATUS,
    Article,
    Extraction,
    Provenance,
    Span,
    Stage,
    TransferClaim,
)
from mercato.pipeline import IngestReport, ingest_paths
from mercato.store import Store

distributed = pytest.importorskip("distributed", reason="the Dask engine needs the 'dask' extra")

from mercato.distributed import ingest_with_dask, plan_partitions

# Sentences written for this test; each record is one short gossip item.
ITEMS = [
    ("Harbour Town have agreed a fee with Millbrook for Tomas Verhoek.", "2024-06-02"),
    ("Northfield are in talks with Eastgate over Kofi Lindqvist.", "2024-06-03"),
    ("Riverside have agreed a fee with Northfield for Jonas Achterberg.", "2024-06-03"),
    ("Quayside are in talks with Harbour Town over Idris Montrose.", None),
    ("Millbrook have agreed a fee with Quayside for Sander Rautio.", "2024-06-05"),
    ("No transfer news today, only a friendly against Eastgate.", "2024-06-05"),
    ("Eastgate are in talks with Riverside over Pablo Tremlow.", "2024-06-06"),
    ("Northfield have agreed a fee with Millbrook for Dario Kovacevic.", "2024-06-07"),
]
PATTERN = re.compile(
    r"^(?P<to>[A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:have agreed a fee with|are in talks with) "
    r"(?P<from>[A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:for|over) (?P<person>[A-Z][a-z]+ [A-Z][a-z]+)\."
)


def rule_extract(article: Article) -> Extraction:
    """A tiny deterministic extractor, so that the test does not hang on the real one's data."""
    if "friendly" in article.text and "Eastgate" in article.text:
        raise ValueError("this article trips the extractor")  # a failure the report must carry
    claims = []
    match = PATTERN.match(article.text)
    if match:
        stage = Stage.AGREEMENT if "agreed" in article.text else Stage.TALKS
        provenance = Provenance(
            article.id,
            Span(match.start(), match.end(), match.group(0)),
            article.outlet,
            article.published,
            "transfer.test.v1",
        )
        claims.append(
            TransferClaim(
                person=match["person"],
                to_club=match["to"],
                from_club=match["from"],
                status=STAGE_STATUS[stage],
                stage=stage,
                provenance=provenance,
            )
        )
    return Extraction(article, (), tuple(claims))


def _write_inputs(folder: Path) -> list[Path]:
    first = folder / "gossip-a.jsonl"
    lines = [
        json.dumps({"id": f"a{i}", "text": t, "date": d, "outlet": "Courier"})
        for i, (t, d) in enumerate(ITEMS[:5])
    ]
    lines.insert(2, "{this line is not json")
    lines.append(json.dumps({"id": "a-again", "text": ITEMS[0][0], "date": ITEMS[0][1]}))
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")
    second = folder / "gossip-b.jsonl"
    rows = [
        {"id": f"b{i}", "text": t, "date": d, "outlet": "Gazette"}
        for i, (t, d) in enumerate(ITEMS[5:])
    ]
    rows.append({"id": "b-empty", "text": ""})
    second.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return [first, second]


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    # Threads in this process keep the test fast; partitions still go through the scheduler.
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


def _summary(report: IngestReport) -> dict[str, object]:
    data = report.as_dict()
    data.pop("seconds")
    data["failures"] = sorted((f["source"], f["reason"]) for f in data["failures"])  # type: ignore[union-attr,index]
    return data


def _stored(store: Store) -> tuple[list[str], list[object]]:
    articles = [a.id for a in store.articles(limit=1000)]
    claims = [(c.id, c.claim) for c in store.claims()]
    return sorted(articles), claims


def test_partitions_cut_jsonl_files_into_line_ranges(tmp_path: Path) -> None:
    files = _write_inputs(tmp_path)
    partitions, failures = plan_partitions(files, records_per_partition=2)
    assert failures == []
    first = [p for p in partitions if p.path == str(files[0])]
    assert [p.first_line for p in first] == [1, 3, 5, 7]
    assert sum(p.records for p in first) == 7
    assert first[-1].end == files[0].stat().st_size


def test_dask_ingest_equals_local_ingest(tmp_path: Path, client: distributed.Client) -> None:
    files = _write_inputs(tmp_path)
    with Store.open(f"sqlite:///{tmp_path / 'local.db'}") as local:
        local_report = ingest_paths(files, local, extract=rule_extract)
        local_stored = _stored(local)
    with Store.open(f"sqlite:///{tmp_path / 'dask.db'}") as remote:
        dask_report = ingest_with_dask(
            files, remote, client=client, extract=rule_extract, records_per_partition=2
        )
        dask_stored = _stored(remote)
    assert local_report.ingested == 7  # 8 items, one fails extraction; one exact copy
    assert local_report.claims == 7  # each stored item says one move
    assert dask_stored == local_stored
    assert _summary(dask_report) == _summary(local_report)


def test_a_second_dask_run_adds_nothing(tmp_path: Path, client: distributed.Client) -> None:
    files = _write_inputs(tmp_path)
    with Store.open(f"sqlite:///{tmp_path / 'again.db'}") as store:
        ingest_with_dask(files, store, client=client, extract=rule_extract)
        before = _stored(store)
        again = ingest_with_dask(files, store, client=client, extract=rule_extract)
        assert _stored(store) == before
    assert again.ingested == 0
    assert again.duplicates == 8


def test_dask_ingest_with_the_real_extractor_equals_local(
    tmp_path: Path, client: distributed.Client
) -> None:
    from mercato.pipeline import default_extract

    try:
        extract = default_extract()
        extract(Article.from_text(ITEMS[0][0], published=date(2024, 6, 2)))
    except Exception as exc:  # noqa: BLE001 - the extractor's own tests say what is wrong
        pytest.skip(f"the default extractor does not run here: {type(exc).__name__}: {exc}")
    files = _write_inputs(tmp_path)
    with Store.open(f"sqlite:///{tmp_path / 'local.db'}") as local:
        ingest_paths(files, local)
        expected = _stored(local)
    with Store.open(f"sqlite:///{tmp_path / 'dask.db'}") as remote:
        ingest_with_dask(files, remote, client=client, records_per_partition=3)
        assert _stored(remote) == expected


@pytest.mark.slow
def test_dask_ingest_on_worker_processes_equals_local(tmp_path: Path) -> None:
    """Real worker processes (spawned, as on a cluster): the extractor is shipped by reference."""
    files = _write_inputs(tmp_path)
    with Store.open(f"sqlite:///{tmp_path / 'local.db'}") as local:
        ingest_paths(files, local, extract=rule_extract)
        expected = _stored(local)
    with Store.open(f"sqlite:///{tmp_path / 'dask.db'}") as remote:
        report = ingest_with_dask(
            files, remote, workers=2, extract=rule_extract, records_per_partition=2
        )
        assert _stored(remote) == expected
    assert report.ingested == 7


@pytest.mark.slow
def test_cli_ingest_with_the_dask_engine_equals_local(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from mercato.cli import _register_commands, cli

    _register_commands()
    files = [str(f) for f in _write_inputs(tmp_path)]
    runner = CliRunner()
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    local = runner.invoke(cli, ["ingest", *files, "--db", str(local_db), "--json"])
    remote = runner.invoke(
        cli,
        ["ingest", *files, "--db", str(dask_db), "--engine", "dask", "--workers", "1", "--json"],
    )
    assert local.exit_code == remote.exit_code
    with Store.open(f"sqlite:///{local_db}") as a, Store.open(f"sqlite:///{dask_db}") as b:
        assert _stored(a) == _stored(b)


def test_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from mercato.cli import _register_commands, cli

    _register_commands()
    result = CliRunner().invoke(
        cli, ["ingest", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786"]
    )
    assert result.exit_code == 2
    assert "--engine dask" in result.output

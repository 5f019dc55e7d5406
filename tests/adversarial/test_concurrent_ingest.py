"""Two `mercato ingest` processes writing one store at once, on SQLite and on PostgreSQL: both
finish, and the store holds every record once, exactly as one ingest after the other leaves it.

Their inputs start with the same reports in the same order, so both runs meet the same new
people and the same articles at about the same moment and try to insert them both; on SQLite
both also create the new file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from adversarial.generate import report, snapshot, start_ingest, syndicated, write_jsonl
from mercato.pipeline import ingest_paths
from mercato.store import Store

pytestmark = pytest.mark.timeout(300)

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _inputs(folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    common = [report(i) for i in range(160)]
    first = common + [syndicated(i) for i in range(0, 160, 16)]
    second = common + [report(i) for i in range(160, 240)]
    second += [syndicated(i) for i in range(8, 240, 16)]
    return write_jsonl(folder / "a.jsonl", first), write_jsonl(folder / "b.jsonl", second)


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_ingests_into_one_store_store_every_record_once(
    tmp_path: Path, new_database: Callable[[str], str], backend: str
) -> None:
    a, b = _inputs(tmp_path / "in")
    shared = new_database(backend)
    # Small batches: many transactions, so the two runs interleave many times.
    runs = [start_ingest(path, shared, "--batch-size", "5") for path in (a, b)]
    for run in runs:
        _, err = run.communicate(timeout=240)
        assert run.returncode == 0, err.decode()[-3000:]
        assert b"Traceback" not in err

    clean = new_database(backend)
    with Store.open(clean) as store:
        ingest_paths([a, b], store)
    expected = snapshot(clean)
    found = snapshot(shared)
    assert len(expected["articles"]) == 240 + 10 + 15
    assert len(expected["copy_links"]) == 25
    for name in expected:
        assert found[name] == expected[name], name

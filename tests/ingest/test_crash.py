"""Crash safety: kill `mercato ingest` mid-way, run it again, and every article is stored once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ARTICLES = 3000
BATCH = 100

CLUBS = ["Northfield Rovers", "Lakeside", "Harbour Town", "Eastgate", "Westbury Athletic",
         "Kingsmoor", "Ashcombe United", "Riverside"]  # fmt: skip
FIRST = ["Tomas", "Jamal", "Pietro", "Lars", "Kofi", "Mateo", "Ivan", "Oscar", "Rui", "Yusuf"]
LAST = ["Varga", "Okafor", "Lindholm", "Serrano", "Duarte", "Kowal", "Brandt", "Ferreira"]
STAGES = [
    "are interested in signing {p} from {a}",
    "have opened talks with {a} over a move for {p}",
    "have had a bid rejected by {a} for {p}",
    "have agreed a fee with {a} for {p}",
]


def article(i: int) -> dict[str, object]:
    """The i-th generated article: distinct text, a date, an outlet."""
    person = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
    buyer, seller = CLUBS[i % len(CLUBS)], CLUBS[(i * 3 + 1) % len(CLUBS)]
    if buyer == seller:
        seller = CLUBS[(i + 1) % len(CLUBS)]
    move = STAGES[i % len(STAGES)].format(p=person, a=seller)
    text = (
        f"{buyer} {move}, according to reports on matchday {i}. The player has made {i % 40} "
        f"appearances this season and has {1 + i % 4} years left on his contract."
    )
    day = 1 + i % 28
    return {"id": f"gen-{i}", "text": text, "date": f"2023-02-{day:02d}", "outlet": "Generated"}


def ingest(inputs: Path, db: Path) -> subprocess.Popen[bytes]:
    code = "import sys; from mercato.cli import main; sys.argv[0] = 'mercato'; main()"
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            code,
            "ingest",
            str(inputs),
            "--db",
            str(db),
            "--batch-size",
            str(BATCH),
            "--quiet-warnings",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # tables not created yet


def test_killed_ingest_resumes_without_duplicates(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    records = [article(i) for i in range(ARTICLES)]
    half = ARTICLES // 2
    # Two files, and the second repeats a stretch of the first: copies in the input itself.
    (inputs / "a.jsonl").write_text("\n".join(json.dumps(r) for r in records[:half]) + "\n")
    repeated = records[half - 50 : half] + records[half:]
    (inputs / "b.jsonl").write_text("\n".join(json.dumps(r) for r in repeated) + "\n")
    db = tmp_path / "crash.db"

    first = ingest(inputs, db)
    deadline = time.monotonic() + 600
    while stored(db) < 3 * BATCH and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert first.poll() is None, "the first run ended before it could be killed: " + (
        first.stderr.read().decode() if first.stderr else ""
    )
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    at_kill = stored(db)
    assert 0 < at_kill < ARTICLES
    assert at_kill % BATCH == 0, "a batch was half-stored"

    second = ingest(inputs, db)
    out, err = second.communicate(timeout=800)
    assert second.returncode == 0, err.decode()[-2000:]

    with sqlite3.connect(db) as conn:
        texts = {r["text"] for r in records}
        rows = conn.execute("SELECT id, text, external_id FROM articles").fetchall()
        assert len(rows) == ARTICLES
        assert {text for _, text, _ in rows} == texts
        assert len({external for _, _, external in rows}) == ARTICLES
        doubled_claims = conn.execute(
            "SELECT article_id, claim_type, span_start, span_end, person, to_club, count(*) "
            "FROM claims GROUP BY 1, 2, 3, 4, 5, 6 HAVING count(*) > 1"
        ).fetchall()
        assert doubled_claims == []
        doubled_mentions = conn.execute(
            'SELECT article_id, start, "end", kind, count(*) FROM mentions '
            "GROUP BY 1, 2, 3, 4 HAVING count(*) > 1"
        ).fetchall()
        assert doubled_mentions == []
        orphans = conn.execute(
            "SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert orphans == 0
    assert f"ingested {ARTICLES - at_kill} articles" in out.decode()  # exactly the rest

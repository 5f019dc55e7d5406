"""Latency of the rumour board and a story page on a store of ~100,000 synthetic transfer claims.

    uv run python scripts/bench_web.py [--claims 100000] [--db PATH] [--runs 30]

Fills a SQLite store with made-up articles (each carrying a few transfer claims among a few
hundred clubs and a few thousand players, dated over three years), then times pages with an
in-process client over `create_app` and prints the median and 90th percentile of each. The target
is a median under 200 ms for the rumour board and a story page.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from mercato.api.scoring import scoring
from mercato.api.story_views import club_key, person_key, story_id_for

from mercato.domain import (
    STAGE_STATUS,
    Article,
    Attribution,
    Extraction,
    Fee,
    Provenance,
    Span,
    Stage,
    TransferClaim,
    Window,
)
from mercato.settings import Settings
from mercato.store import Store
from mercato.web.app import create_app

CLAIMS_PER_ARTICLE = 4
FIRST_DAY = date(2021, 1, 1)
DAYS = 3 * 365
STAGES = (
    [Stage.INTEREST] * 6
    + [Stage.MONITORING] * 3
    + [Stage.TALKS] * 3
    + [Stage.BID] * 2
    + [
        Stage.BID_REJECTED,
        Stage.AGREEMENT,
        Stage.MEDICAL,
        Stage.SIGNED,
        Stage.DENIED,
        Stage.COLLAPSED,
    ]
)
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ne",
    "to",
    "vi",
    "sa",
    "be",
    "du",
    "fe",
    "go",
    "ha",
    "ji",
    "ku",
    "le",
    "mo",
    "ni",
    "pa",
    "ri",
    "su",
    "ta",
]
OUTLETS = [f"Outlet {c}" for c in "ABCDEFGHIJKLMNOPQRST"]
JOURNALISTS = [f"Reporter {c}" for c in "ABCDEFGHIJ"]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def synthetic_extractions(claims: int, seed: int = 7) -> Iterator[Extraction]:
    """Made-up articles, each with a few transfer claims whose spans are real text spans."""
    rng = random.Random(seed)
    clubs = sorted(
        {f"{_name(rng, 2)} {rng.choice(['United', 'City', 'Rovers', 'FC'])}" for _ in range(300)}
    )
    players = sorted({f"{_name(rng, 2)} {_name(rng, 3)}" for _ in range(4000)})
    homes = {p: rng.choice(clubs) for p in players}
    for number in range(claims // CLAIMS_PER_ARTICLE):
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        outlet = rng.choice(OUTLETS)
        sentences: list[tuple[str, str, str, Stage]] = []
        for _ in range(CLAIMS_PER_ARTICLE):
            player = rng.choice(players)
            suitor = rng.choice(clubs)
            stage = rng.choice(STAGES)
            sentences.append((player, homes[player], suitor, stage))
        text = ""
        spans = []
        for player, home, suitor, stage in sentences:
            sentence = f"{suitor} and {home} are at the {stage} stage over {player}. "
            spans.append(Span(len(text), len(text) + len(sentence) - 1, sentence[:-1]))
            text += sentence
        text += f"Story number {number}."
        article = Article.from_text(
            text, published=day, outlet=outlet, title=f"Transfer news {number}"
        )
        window = Window(
            day.year if day.month < 9 else day.year + 1,
            "summer" if 2 <= day.month < 9 else "winter",
        )
        claims_made = []
        for (player, home, suitor, stage), span in zip(sentences, spans):
            fee = Fee(rng.randrange(5, 120) * 1_000_000.0, "EUR") if rng.random() < 0.3 else None
            journalist = rng.choice(JOURNALISTS) if rng.random() < 0.2 else None
            claims_made.append(
                TransferClaim(
                    person=player,
                    to_club=suitor,
                    from_club=home,
                    status=STAGE_STATUS[stage],
                    stage=stage,
                    provenance=Provenance(article.id, span, outlet, day, "transfer.synthetic.v1"),
                    fee=fee,
                    window=window,
                    attribution=Attribution(outlet=outlet, journalist=journalist),
                )
            )
        yield Extraction(article=article, mentions=(), claims=tuple(claims_made))


def fill(store: Store, claims: int, batch: int = 2000) -> None:
    """Store the synthetic extractions in batches."""
    pending: list[Extraction] = []
    for extraction in synthetic_extractions(claims):
        pending.append(extraction)
        if len(pending) >= batch:
            store.add_extractions(pending)
            pending = []
    if pending:
        store.add_extractions(pending)


def _time(client: TestClient, url: str, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each request (CPU time does not grow with the load
    that other processes put on the machine)."""
    client.get(url)  # warm caches and imports
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}: {response.text[:300]}")
    return wall, cpu


def main() -> None:
    """Fill (or reuse) a store and print page latencies."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000, help="Transfer claims to store.")
    parser.add_argument("--db", type=Path, default=Path("out/bench_web.db"), help="SQLite file.")
    parser.add_argument("--runs", type=int, default=30, help="Requests per page.")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{args.db}"
    with Store.open(url) as store:
        have = store.count_claims("transfer")
        if have < args.claims:
            started = time.perf_counter()
            fill(store, args.claims - have)
            print(
                f"filled {store.count_claims('transfer'):,} claims in {time.perf_counter() - started:.0f} s"
            )
        total = store.count_claims("transfer")
        sample = store.transfer_claims(offset=total // 2, limit=1)[0].claim
        assert isinstance(sample, TransferClaim)
    club = sample.to_club or ""
    story = story_id_for(person_key(None, sample.person), club_key(None, sample.to_club))
    pages = {
        "rumour board (latest news)": "/",
        f"rumour board (club {club})": f"/?club={club}",
        "rumour board by probability": f"/?club={club}&sort=probability&status=all",
        "story page": f"/stories/{story}",
        "API: stories of a club": f"/api/stories?club={club}",
        "API: one story": f"/api/stories/{story}",
    }
    print(f"store: {total:,} transfer claims in {args.db}")
    print(f"load average before timing: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    worst = 0.0
    app = create_app(Settings(database_url=url))
    with TestClient(app) as client:
        # Probabilities are computed once per state of the store, in the background; time the
        # pages with them in place (as a long-running server answers).
        started = time.perf_counter()
        scored = scoring(app.state.store_holder.get(), None, wait=True)
        print(
            f"background scoring: {time.perf_counter() - started:.1f} s"
            f" ({'done' if scored else 'unavailable'})"
        )
        print(f"{'page':<44} {'median ms':>10} {'p90 ms':>8} {'CPU median ms':>14}")
        for name, page in pages.items():
            wall, cpu = _time(client, page, args.runs)
            wall.sort()
            median = statistics.median(wall)
            p90 = wall[int(0.9 * (len(wall) - 1))]
            print(f"{name:<44} {median:>10.1f} {p90:>8.1f} {statistics.median(cpu):>14.1f}")
            if "board" in name or "story page" in name:
                worst = max(worst, median)
    print(f"load average after timing: {os.getloadavg()[0]:.1f}")
    print(
        f"target: median < 200 ms for the board and a story page: {'met' if worst < 200 else 'MISSED'}"
    )
    sys.exit(0 if worst < 200 else 1)


if __name__ == "__main__":
    main()

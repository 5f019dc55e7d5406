"""Query latency as the store grows: rumour board, a story, a player page, the source table.

Fills one store step by step to each size (10,000, 100,000, 1,000,000 claims by default) with
synthetic claims written through `Store.add_extractions` in large batches (no extraction is run),
and at each size times the queries the dashboard and API make, reporting median and 95th
percentile. Then fits log(latency) against log(size): an exponent near 0 means the cost does not
grow with the store, near 1 that it grows linearly.

    uv run python benchmarks/bench_queries.py --db sqlite --sizes 10000 100000
    uv run python benchmarks/bench_queries.py \\
        --db postgresql+psycopg://postgres@127.0.0.1:5432/mercato_bench --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_records

from mercato.domain import (
    STAGE_STATUS,
    Article,
    Attribution,
    EntityKind,
    Extraction,
    FactClaim,
    Fee,
    Mention,
    Provenance,
    Span,
    Stage,
    TransferClaim,
    Window,
)
from mercato.store import Store
from mercato.store.migrations import upgrade

EXTRACTOR = "synthetic.bench.v1"
CLAIMS_PER_ARTICLE = 4  # three transfer claims and one fact, see `extraction_for`
BATCH_ARTICLES = 2500


def _span(text: str, needle: str) -> Span:
    start = max(0, text.find(needle))
    return Span(start, start + len(needle), text[start : start + len(needle)])


def extraction_for(record: dict[str, object], replacement: str) -> Extraction:
    """The claims a good extractor would take from one synthetic record, built directly."""
    body = str(record["text"])
    meta = record["meta"]
    assert isinstance(meta, dict)
    published = date.fromisoformat(str(record["date"]))
    article = Article.from_text(
        body,
        published=published,
        outlet=str(record["outlet"]),
        url=str(record["url"]),
        external_id=str(record["id"]),
        kind=str(record["kind"]),
    )
    person, to_club, from_club = meta["person"], meta["to_club"], meta["from_club"]
    year, part = str(meta["window"]).split()
    window = Window(int(year), part)
    stage = Stage(meta["stage"])

    def provenance(needle: str) -> Provenance:
        return Provenance(article.id, _span(body, needle), article.outlet, published, EXTRACTOR)

    source = meta["source"]
    main = TransferClaim(
        person=person,
        to_club=to_club,
        from_club=from_club,
        status=STAGE_STATUS[stage],
        stage=stage,
        provenance=provenance(person),
        is_loan=bool(meta["is_loan"]),
        fee=Fee(float(meta["fee_millions"]) * 1e6, str(meta["currency"])),
        window=window,
        attribution=Attribution(outlet=str(source)) if source else None,
    )
    rival = TransferClaim(
        person=person,
        to_club=str(meta["other_club"]),
        from_club=from_club,
        status=STAGE_STATUS[Stage.INTEREST],
        stage=Stage.INTEREST,
        provenance=provenance(str(meta["other_club"])),
        window=window,
    )
    # The selling club is said to line up a replacement: another story, another person.
    successor = TransferClaim(
        person=replacement,
        to_club=from_club,
        from_club=None,
        status=STAGE_STATUS[Stage.MONITORING],
        stage=Stage.MONITORING,
        provenance=provenance(from_club),
        window=window,
        is_hedged=True,
    )
    fact = FactClaim(
        person=person, fact="age", value=str(meta["age"]), provenance=provenance(person)
    )
    mentions = (
        Mention(_span(body, person), EntityKind.PLAYER, None, person),
        Mention(_span(body, to_club), EntityKind.CLUB, None, to_club),
        Mention(_span(body, from_club), EntityKind.CLUB, None, from_club),
    )
    return Extraction(article, mentions, (main, rival, successor, fact))


def extractions(first: int, count: int, seed: int) -> Iterator[Extraction]:
    """Synthetic extractions for records `first` .. `first + count - 1` of one seeded stream."""
    rng = random.Random(seed + first)
    records = synthetic_records(first + count, seed)
    people: list[str] = []
    for index, record in enumerate(records):
        meta = record["meta"]
        assert isinstance(meta, dict)
        people.append(str(meta["person"]))
        if index < first:
            continue
        yield extraction_for(record, rng.choice(people[-500:]))


def fill(store: Store, articles_before: int, articles_after: int, seed: int) -> float:
    """Add synthetic articles up to `articles_after`; return the seconds it took."""
    started = time.perf_counter()
    batch: list[Extraction] = []
    for extraction in extractions(articles_before, articles_after - articles_before, seed):
        batch.append(extraction)
        if len(batch) >= BATCH_ARTICLES:
            store.add_extractions(batch)
            batch = []
    if batch:
        store.add_extractions(batch)
    if store.engine.dialect.name == "postgresql":
        with store.engine.begin() as connection:  # fresh planner statistics, as autovacuum would
            connection.execute(text("ANALYZE"))
    else:
        with store.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    return time.perf_counter() - started


@dataclass(frozen=True)
class Timing:
    """Latencies of one query at one size, in milliseconds."""

    query: str
    claims: int
    median_ms: float
    p95_ms: float
    runs: int
    first_ms: float = math.nan  # the first call after the fill: caches and derived tables catch up
    error: str | None = None


def time_query(
    name: str, claims: int, run: Callable[[int], object], *, repeat: int, budget_s: float
) -> Timing:
    """Run a query up to `repeat` times (fewer when slow) and summarise its latency."""
    samples: list[float] = []
    started = time.perf_counter()
    try:
        t0 = time.perf_counter()
        run(0)  # warms caches and derived tables; real users mostly hit a warm server
        first_ms = (time.perf_counter() - t0) * 1000
        for i in range(repeat):
            t0 = time.perf_counter()
            run(i)
            samples.append((time.perf_counter() - t0) * 1000)
            if time.perf_counter() - started > budget_s and len(samples) >= 3:
                break
    except Exception as exc:  # noqa: BLE001  (a face not built yet is reported, not fatal)
        error = f"{type(exc).__name__}: {exc}"
        return Timing(name, claims, math.nan, math.nan, len(samples), error=error)
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return Timing(name, claims, statistics.median(ordered), p95, len(ordered), first_ms)


def queries(store: Store, people: list[str]) -> dict[str, Callable[[int], object]]:
    """The pages to time, each a function of the repetition number (to vary the person)."""
    from mercato.services.board import StoryFilters, board_page, find_stories, get_story
    from mercato.services.profiles import club_profile, person_profile
    from mercato.services.sources import source_table

    def person(i: int) -> str:
        return people[i % len(people)]

    story_ids: list[str] = []
    clubs: list[str] = []

    def story(i: int) -> object:
        if not story_ids:  # finding the ids is the player page's work, not the story's
            for name in people:
                found = find_stories(store, StoryFilters(person=name))
                story_ids.extend(s.id for s in found[:1])
                clubs.extend(s.to_club for s in found[:1] if s.to_club)
        return get_story(store, story_ids[i % len(story_ids)])

    def club(i: int) -> object:
        if not clubs:
            story(0)
        return club_profile(store, clubs[i % len(clubs)])

    return {
        "rumour board (one page)": lambda i: board_page(store, StoryFilters(), limit=50),
        "story": story,
        "player page": lambda i: person_profile(store, person(i)),
        "club page": club,
        "source table": lambda i: source_table(store),
        "store: claims of a person": lambda i: store.transfer_claims(person=person(i)),
    }


class SampleScorer:
    """Fits the probability model on every `step`-th story only, then scores every story with it.

    Fitting grows faster than the stories (`fit_on_resolved` recomputes the sources' records
    over every story once per month of history): at a million claims it did not finish in 20
    minutes of CPU. The faces' queries cost the same however the saved scores were fitted, so
    the benchmark may fit on a sample. The saved model says it was fitted on every story, so an
    ingest into the store scores with it instead of refitting (as after a full rebuild).
    """

    def __init__(self, step: int) -> None:
        self.step = step

    def fit(self, store: Store, stories: Any, outcomes: Any, *, as_of: date) -> Any:
        from dataclasses import replace

        from mercato.score.saved import fit_state, save_state, scores_of

        sample = list(stories)[:: self.step]
        state = replace(fit_state(sample, outcomes, as_of=as_of), stories=len(stories))
        save_state(store, state)
        return scores_of(state, [s for s in stories if s.id in outcomes], outcomes, as_of=as_of)

    def score(self, store: Store, stories: Any, outcomes: Any, *, as_of: date) -> Any:
        from mercato.score.saved import SavedScorer

        return SavedScorer().score(store, stories, outcomes, as_of=as_of)


def settle_scores(store: Store, fit_step: int = 1) -> None:
    """Save the stories, scored, as ingest keeps them (the synthetic fill writes claims only).

    The faces answer from the saved stories; timing them before they are saved would time the
    replay of every claim instead. `fit_step` above 1 fits the model on a sample (`SampleScorer`).
    """
    from mercato.score.saved import SavedScorer
    from mercato.stories.upkeep import Scorer, rebuild_stories

    scorer: Scorer = SavedScorer() if fit_step <= 1 else SampleScorer(fit_step)
    report = rebuild_stories(store, scorer=scorer)
    with store.engine.begin() as connection:  # fresh planner statistics, as autovacuum would
        connection.exec_driver_sql("ANALYZE")
    sampled = f", the model fitted on every {fit_step}th story" if fit_step > 1 else ""
    print(
        f"  saved {report.saved:,} stories, scored{sampled}, in {report.seconds:.1f} s", flush=True
    )


def growth_exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(latency) against log(size)."""
    usable = [(math.log(n), math.log(ms)) for n, ms in points if ms > 0 and not math.isnan(ms)]
    if len(usable) < 2:
        return math.nan
    mean_x = statistics.fmean(x for x, _ in usable)
    mean_y = statistics.fmean(y for _, y in usable)
    sxx = sum((x - mean_x) ** 2 for x, _ in usable)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in usable)
    return sxy / sxx


def prepare_url(db: str, sqlite_path: Path) -> str:
    """`sqlite` means a fresh file at `sqlite_path`; a PostgreSQL URL's database is recreated."""
    if db == "sqlite":
        path = sqlite_path
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    url = make_url(db)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{url.database}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{url.database}"')
    admin.dispose()
    return db


def print_table(timings: list[Timing], sizes: list[int]) -> None:
    """Markdown tables: median and p95 per size, and the growth exponent of the median."""
    names = list(dict.fromkeys(t.query for t in timings))
    header = " | ".join(f"{n:,} claims" for n in sizes)
    print(f"| query | {header} | growth exponent |")
    print("| --- |" + " --- |" * (len(sizes) + 1))
    for name in names:
        row = {t.claims: t for t in timings if t.query == name}
        cells = []
        for n in sizes:
            t = row.get(n)
            if t is None or t.error:
                cells.append("error" if t else "")
            else:
                cells.append(f"{t.median_ms:.1f} / {t.p95_ms:.1f}")
        slope = growth_exponent([(n, row[n].median_ms) for n in sizes if n in row])
        print(f"| {name} | " + " | ".join(cells) + f" | {slope:.2f} |")
    print("\ncells: median / 95th percentile, milliseconds")
    print("\n| query | " + " | ".join(f"first call at {n:,}" for n in sizes) + " |")
    print("| --- |" + " --- |" * len(sizes))
    for name in names:
        row = {t.claims: t for t in timings if t.query == name}
        cells = [f"{row[n].first_ms:.0f}" if n in row else "" for n in sizes]
        print(f"| {name} | " + " | ".join(cells) + " |")
    for t in timings:
        if t.error:
            print(f"error in {t.query} at {t.claims:,}: {t.error}")


def main() -> None:
    """Command line: fill a store step by step and time the queries at each size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite", help="'sqlite' or a PostgreSQL URL")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per query and size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--sqlite-path", type=Path, default=Path("out/bench_queries.db"), help="for --db sqlite"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="time the store as it is (one size, no fill)"
    )
    parser.add_argument(
        "--fit-step",
        type=int,
        default=1,
        help="fit the saved stories' model on every Nth story only (see SampleScorer)",
    )
    parser.add_argument(
        "--no-settle",
        action="store_true",
        help="with --reuse: time the saved stories as they are, without saving them again",
    )
    args = parser.parse_args()

    url = args.db if args.reuse else prepare_url(args.db, args.sqlite_path)
    if args.reuse and url == "sqlite":
        url = f"sqlite:///{args.sqlite_path}"
    timings: list[Timing] = []
    with Store.open(url) as store:
        upgrade(store.engine)
        have = 0
        for size in sorted(args.sizes)[: 1 if args.reuse else None]:
            want = size // CLAIMS_PER_ARTICLE
            if args.reuse:
                size = store.count_claims()
                print(f"reusing the store as it is: {size:,} claims", flush=True)
            else:
                seconds = fill(store, have, want, args.seed)
                rate = (want - have) * CLAIMS_PER_ARTICLE / seconds
                print(f"filled to {size:,} claims in {seconds:.0f} s ({rate:,.0f} claims/s)")
            have = want
            if not (args.reuse and args.no_settle):
                settle_scores(store, args.fit_step)
            # The people with the most coverage are the pages users open most.
            sample = [str(r["meta"]["person"]) for r in synthetic_records(200, args.seed)]  # type: ignore[index]
            people = list(dict.fromkeys(sample))[:20]
            for name, run in queries(store, people).items():
                timing = time_query(name, size, run, repeat=args.repeat, budget_s=args.budget)
                timings.append(timing)
                print(
                    f"  {name}: {timing.median_ms:.1f} ms median, {timing.p95_ms:.1f} ms p95 "
                    f"({timing.runs} runs){'  ' + timing.error if timing.error else ''}",
                    flush=True,
                )
    print()
    print(f"database: {make_url(url).get_backend_name()}")
    print_table(timings, sorted({t.claims for t in timings}))


if __name__ == "__main__":
    main()

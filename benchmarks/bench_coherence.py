"""How incoherent the model's raw probabilities are, and what `score.coherence.cohere` leaves.

For each as-of day (the first of every month across the store's news, or the days given), the
story book's scores are taken before and after coherence, and the script prints, per day: open
player windows with two or more named destinations, how many of them add up above 1, the largest
sum, and how many open denied or collapsed stories stand above 50%. It also prints the share of
settled player windows where a named story had reached agreement or later (as reported,
unhedged) that ended with no named move, the figure weighed for `STAY_FLOOR`. Prints figures
only; nothing here is a timed test.

    uv run python benchmarks/bench_coherence.py --db out/corpus.db --kb ../shared/kb
    uv run python benchmarks/bench_coherence.py --db out/corpus.db --day 2022-01-15
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from mercato.domain import Stage
from mercato.score.coherence import STAY_FLOOR, cohere, named_totals
from mercato.score.probability import RumourScore, rank_stories
from mercato.score.track_records import load_tiers
from mercato.services.book import completed_transfers
from mercato.store import Store
from mercato.store.board_tables import newest_published
from mercato.stories.merge import merge_stories
from mercato.stories.outcomes import DONE_STAGES, Outcome, StoryOutcome, label_stories
from mercato.stories.stored import story_inputs

ROOT = Path(__file__).resolve().parents[1]
_OFF = {Stage.DENIED, Stage.COLLAPSED}


def monthly(first: date, last: date) -> list[date]:
    """The first of each month from `first` to `last`."""
    days, year, month = [], first.year, first.month
    while date(year, month, 1) <= last:
        days.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def oldest_published(store: Store) -> date | None:
    """The oldest dated claim's day."""
    days = [
        c.claim.provenance.published
        for c in store.transfer_claims()
        if c.claim.provenance.published
    ]
    return min(days) if days else None


def describe(
    scores: list[RumourScore], outcomes: dict[str, StoryOutcome]
) -> tuple[int, int, float, int]:
    """Player windows with 2+ open named stories, how many sum above 1, the top sum, off stories > 50%."""
    counts: dict[tuple[str, object], int] = defaultdict(int)
    for s in scores:
        if not s.story.is_exit and outcomes[s.story.id].outcome == Outcome.OPEN:
            counts[(s.story.person_key, s.story.window)] += 1
    totals = named_totals(scores, outcomes)
    crowded = [g for g, n in counts.items() if n >= 2]
    above = sum(1 for g in crowded if totals[g] > 1.0 + 1e-9)
    top = max((totals[g] for g in crowded), default=0.0)
    off = sum(
        1 for s in scores
        if s.stage in _OFF and outcomes[s.story.id].outcome == Outcome.OPEN and s.probability > 0.5
    )  # fmt: skip
    return len(crowded), above, top, off


def stayed_after_agreement(store: Store, day: date, kb_dir: Path | None) -> tuple[int, int]:
    """Settled player windows where a named story reached agreement or later; how many stayed."""
    inputs = story_inputs(store, as_of=day)
    stories = merge_stories(inputs.transfers)
    outcomes = label_stories(
        stories, as_of=day, completed=completed_transfers(kb_dir), contracts=inputs.contracts
    )
    groups: dict[tuple[str, object], list[str]] = defaultdict(list)
    reached: set[tuple[str, object]] = set()
    for story in stories:
        if story.is_exit:
            continue
        key = (story.person_key, story.window)
        groups[key].append(story.id)
        if any(m.claim.stage in DONE_STAGES and not m.claim.is_hedged for m in story.claims):
            reached.add(key)
    settled = [k for k in reached if all(outcomes[i].outcome != Outcome.OPEN for i in groups[k])]
    stayed = sum(
        1 for k in settled if not any(outcomes[i].outcome == Outcome.HAPPENED for i in groups[k])
    )
    return len(settled), stayed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--db", required=True, help="SQLite file or URL of a store (e.g. the whole corpus)"
    )
    parser.add_argument(
        "--kb", type=Path, default=ROOT / ".." / "shared" / "kb", help="knowledge-base folder"
    )
    parser.add_argument(
        "--day", action="append", type=date.fromisoformat, help="as-of day(s); default monthly"
    )
    args = parser.parse_args()
    url = args.db if "://" in args.db else f"sqlite:///{args.db}"
    kb_dir = args.kb if args.kb.is_dir() else None
    with Store.open(url) as store:
        last = newest_published(store) or date.today()
        days = args.day or monthly(oldest_published(store) or last, last)
        tiers = load_tiers()
        print(
            "day          windows(2+)  above 1 raw/coherent  top sum raw/coherent  off>50% raw/coherent  s"
        )
        worst_raw = worst_coherent = 0.0
        for day in days:
            started = time.perf_counter()
            inputs = story_inputs(store, as_of=day)
            stories = tuple(merge_stories(inputs.transfers))
            outcomes = label_stories(
                stories,
                as_of=day,
                completed=completed_transfers(kb_dir),
                contracts=inputs.contracts,
            )
            raw = rank_stories(stories, outcomes, as_of=day, tiers=tiers, include_resolved=True)
            coherent = cohere(raw, outcomes)
            crowded, above_raw, top_raw, off_raw = describe(raw, outcomes)
            _, above_coh, top_coh, off_coh = describe(coherent, outcomes)
            worst_raw, worst_coherent = max(worst_raw, top_raw), max(worst_coherent, top_coh)
            print(
                f"{day}  {crowded:11d}  {above_raw:9d} / {above_coh:<9d}  {top_raw:8.2f} / {top_coh:<9.2f}"
                f"  {off_raw:8d} / {off_coh:<9d}  {time.perf_counter() - started:4.1f}"
            )
        print(
            f"largest named sum over all days: raw {worst_raw:.2f}, coherent {worst_coherent:.2f}"
        )
        settled, stayed = stayed_after_agreement(store, last, kb_dir)
        share = stayed / settled if settled else float("nan")
        print(
            f"settled player windows with a reported agreement or later: {settled}, ended with no named "
            f"move: {stayed} ({share:.1%}); STAY_FLOOR is {STAY_FLOOR:.0%}"
        )


if __name__ == "__main__":
    main()

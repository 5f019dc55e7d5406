"""Acceptance (issue 13): over a store of the whole corpus, at any as-of day (the first of every
month after a month of news), no player's open named destinations in one window add up above 1, and
no open denied or collapsed story keeps more than a dropped story's probability.

The whole corpus is ingested by the real pipeline (minutes: the test is marked slow); it skips,
saying why, where ../shared is absent.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from mercato.domain import Stage
from mercato.pipeline import ingest_paths
from mercato.score.coherence import DROPPED, STAY_FLOOR
from mercato.services.book import story_book
from mercato.store import Store
from mercato.stories.outcomes import Outcome
from support import require_shared


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    """A store of every record of the shared corpus, with the knowledge base beside it."""
    corpus = require_shared("corpus", "articles.jsonl")
    kb_dir = require_shared("kb")
    db = tmp_path_factory.mktemp("whole-corpus") / "corpus.db"
    with Store.open(f"sqlite:///{db}") as store:
        report = ingest_paths([corpus], store, workers=2)
        assert report.ingested > 10_000
        yield store, kb_dir


def _as_of_days(store: Store) -> list[date]:
    """The first of the month after each month with news (30 dated claims or more), and the last
    news day: each day sees a month's new stories, and every month that has any."""
    published = [c.claim.provenance.published for c in store.transfer_claims()]
    dated = [day for day in published if day is not None]
    months = Counter(day.replace(day=1) for day in dated)
    after = {
        date(m.year + m.month // 12, m.month % 12 + 1, 1) for m, n in months.items() if n >= 30
    }
    return sorted({*after, max(dated)})


@pytest.mark.slow
def test_no_players_destinations_add_up_above_one_at_any_day(
    corpus_store: tuple[Store, Path],
) -> None:
    store, kb_dir = corpus_store
    days = _as_of_days(store)
    assert len(days) > 20, "the corpus spans years"
    crowded = worst = 0
    for day in days:
        book = story_book(store, as_of=day, kb_dir=kb_dir)
        totals: dict[tuple[str, object], list[float]] = defaultdict(list)
        for story in book.stories:
            score = book.scores.get(story.id)
            outcome = book.outcomes.get(story.id)
            if score is None or outcome is None or outcome.outcome != Outcome.OPEN:
                continue
            assert 0.0 <= score.probability <= 1.0 - STAY_FLOOR + 1e-9, (day, story.id)
            if score.stage in (Stage.DENIED, Stage.COLLAPSED):
                assert score.probability <= DROPPED + 1e-9, (day, story.id, score.stage)
            if not story.is_exit:
                totals[(story.person_key, story.window)].append(score.probability)
        for group, probabilities in totals.items():
            assert sum(probabilities) <= 1.0 - STAY_FLOOR + 1e-9, (day, group, probabilities)
        several = [p for p in totals.values() if len(p) > 1]
        crowded += len(several)
        worst = max([worst, *(sum(p) for p in several)])
    print(f"{len(days)} as-of days, {crowded} player windows with rival destinations, largest sum {worst:.2f}")
    assert crowded > 100, "the check met players linked with several clubs"

"""The Python API: the CLI's verbs as functions over typed objects.

    import mercato
    extraction = mercato.extract_claims("Arsenal have signed Lyon midfielder Theo Marchand.")
    with mercato.open_store("sqlite:///mercato.db") as store:
        mercato.ingest_into(["samples/"], store)
        board = mercato.rumour_board(store, club="Arsenal")
        ranked = mercato.ranked_rumours(store, as_of=date(2024, 8, 20))
        table = mercato.source_table(store)

Each function is a thin front over the module that does the work, so a script and the CLI
always agree. (The names differ from the packages `mercato.extract`, `mercato.ingest` and
`mercato.stories`, which the verbs would otherwise shadow.)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from mercato.domain import Article, Extraction
from mercato.settings import Settings
from mercato.store import Store


def extract_claims(text_or_article: str | Article, *, published: date | None = None, outlet: str | None = None) -> Extraction:
    """Every claim Mercato reads in one text or article; nothing is stored."""
    from mercato.extract.pipeline import extract_article

    article = (
        text_or_article
        if isinstance(text_or_article, Article)
        else Article.from_text(text_or_article, published=published, outlet=outlet)
    )
    return extract_article(article)


def open_store(url: str | None = None, *, settings: Settings | None = None) -> Store:
    """The store at a SQLAlchemy URL (default: the settings' database, else ./mercato.db)."""
    if url is None:
        url = (settings or Settings()).database_url
    return Store.open(url)


def ingest_into(paths: Sequence[str | Path], store: Store, *, workers: int = 1):  # type: ignore[no-untyped-def]
    """Read files, folders or URLs into the store; returns the ingest report."""
    from mercato.pipeline import ingest_paths

    return ingest_paths(list(paths), store, workers=workers)


def rumour_board(store: Store, **filters: object):  # type: ignore[no-untyped-def]
    """The rumour board: claims grouped by person and destination (filters as `mercato rumours`)."""
    from mercato.query import rumour_board as board

    return board(store, **filters)  # type: ignore[arg-type]


def ranked_rumours(store: Store, *, as_of: date | None = None, limit: int | None = None) -> list[dict[str, object]]:
    """Open stories most probable first, with evidence, probability and buzz kept apart."""
    from mercato.cli.stories import ranked_rumours as rank

    return rank(store, as_of=as_of, limit=limit)


def list_stories(store: Store, *, as_of: date | None = None, person: str | None = None):  # type: ignore[no-untyped-def]
    """Stories (one per possible move and window) from what was published by `as_of`."""
    from mercato.store.story_tables import story_inputs
    from mercato.stories.merge import merge_stories

    return merge_stories(story_inputs(store, as_of=as_of, person=person).transfers)


def source_table(store: Store, *, as_of: date | None = None, club: str | None = None):  # type: ignore[no-untyped-def]
    """The source league table: each outlet's and journalist's record and reliability."""
    from mercato.score.track_records import league_table, load_tiers
    from mercato.store.story_tables import story_inputs
    from mercato.stories.merge import merge_stories
    from mercato.stories.outcomes import label_stories

    day = as_of or date.today()
    inputs = story_inputs(store, as_of=day)
    found = merge_stories(inputs.transfers)
    outcomes = label_stories(found, as_of=day, contracts=inputs.contracts)
    return league_table(found, outcomes, tiers=load_tiers(), club=club)


def evaluate(gold: str | Path):  # type: ignore[no-untyped-def]
    """Score extraction against a gold file in the format of eval/SPEC.md."""
    from mercato.evaluation.harness import evaluate_file

    return evaluate_file(Path(gold))

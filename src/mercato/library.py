"""The Python API: the CLI's verbs as functions over typed objects.

    import mercato
    extraction = mercato.extract_claims("Arsenal have signed Lyon midfielder Theo Marchand.")
    with mercato.open_store("sqlite:///mercato.db") as store:
        mercato.ingest_into(["samples/"], store)
        board = mercato.rumour_board(store, mercato.StoryFilters(club="Arsenal"))
        ranked = mercato.ranked_rumours(store, as_of=date(2024, 8, 20))
        one = mercato.story(store, ranked[0].id)
        table = mercato.source_table(store)

Each function is a thin front over `mercato.services`, which the CLI, the REST API and the
dashboard call too, so a script and every face always agree. (The names differ from the packages `mercato.extract`, `mercato.ingest` and
`mercato.stories`, which the verbs would otherwise shadow.)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from mercato.domain import Article, Extraction
from mercato.services.board import StoryFilters, board_page, get_story
from mercato.services.board import ranked_rumours as services_ranked
from mercato.services.profiles import ClubProfile, PersonProfile, club_profile, person_profile
from mercato.services.search import SearchResult
from mercato.services.search import search as services_search
from mercato.services.sources import SourceRow
from mercato.services.sources import source_table as services_sources
from mercato.services.views import StoryView
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


def rumour_board(
    store: Store, filters: StoryFilters | None = None, *, limit: int | None = None,
    kb_dir: Path | None = None,
) -> list[StoryView]:
    """The rumour board: stories (person, destination, window), latest news first."""
    return board_page(store, filters or StoryFilters(), limit=limit, kb_dir=kb_dir)[1]


def list_stories(
    store: Store, *, as_of: date | None = None, person: str | None = None,
    kb_dir: Path | None = None,
) -> list[StoryView]:
    """Every story (one per possible move and window) from what was published by `as_of`."""
    return rumour_board(store, StoryFilters(as_of=as_of, person=person), kb_dir=kb_dir)


def ranked_rumours(
    store: Store, *, as_of: date | None = None, limit: int | None = None,
    kb_dir: Path | None = None,
) -> list[StoryView]:
    """Open stories most probable first, with evidence, probability and buzz kept apart."""
    return services_ranked(store, as_of=as_of, limit=limit, kb_dir=kb_dir)


def story(
    store: Store, story_id: str, *, as_of: date | None = None, kb_dir: Path | None = None
) -> StoryView:
    """One story by its id (the same id the CLI, the API and the dashboard use)."""
    return get_story(store, story_id, as_of=as_of, kb_dir=kb_dir)


def source_table(
    store: Store, *, as_of: date | None = None, club: str | None = None,
    league: str | None = None, kb_dir: Path | None = None,
) -> list[SourceRow]:
    """The source league table: each outlet's and journalist's record and reliability."""
    return services_sources(store, as_of=as_of, club=club, league=league, kb_dir=kb_dir)


def person(
    store: Store, name: str, *, as_of: date | None = None, kb_dir: Path | None = None
) -> PersonProfile:
    """A person's current club, facts and stories."""
    return person_profile(store, name, as_of=as_of, kb_dir=kb_dir)


def club(
    store: Store, name: str, *, as_of: date | None = None, kb_dir: Path | None = None
) -> ClubProfile:
    """A club's stories in and out."""
    return club_profile(store, name, as_of=as_of, kb_dir=kb_dir)


def search(
    store: Store, query: str, *, as_of: date | None = None, kb_dir: Path | None = None
) -> SearchResult:
    """People, clubs, stories and articles matching a query."""
    return services_search(store, query, as_of=as_of, kb_dir=kb_dir)


def evaluate(gold: str | Path):  # type: ignore[no-untyped-def]
    """Score extraction against a gold file in the format of eval/SPEC.md."""
    from mercato.evaluation.harness import evaluate_file

    return evaluate_file(Path(gold))

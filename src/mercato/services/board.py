"""The rumour board, ranked rumours and one story: stories of the book, filtered and sorted."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from mercato.domain import STAGE_STATUS, Status
from mercato.errors import NotFound
from mercato.services import saved
from mercato.services.book import StoryBook, story_book
from mercato.services.names import Direction, keys_asked, moves_asked
from mercato.services.saved import SavedSummary
from mercato.services.views import StoryView, story_view
from mercato.store import Store
from mercato.store.story_tables import SummaryQuery, summary_page
from mercato.stories.merge import Story
from mercato.stories.names import club_key, person_key
from mercato.stories.outcomes import Outcome
from mercato.stories.sources import search_key
from mercato.stories.timeline import settled_stage

Sort = Literal["probability", "latest"]


@dataclass(frozen=True)
class StoryFilters:
    """What a rumour board or a story list asks for."""

    person: str | None = None
    club: str | None = None
    status: Status | None = None
    window: str | None = None
    source: str | None = None
    since: date | None = None
    until: date | None = None
    as_of: date | None = None
    min_probability: float | None = None
    open_only: bool = False
    sort: Sort = "latest"
    club_direction: Direction | None = None  # with `club`: only moves into it, or out of it


def view_of(book: StoryBook, story: Story) -> StoryView:
    """One story of the book as every face shows it."""
    return story_view(story, book.outcomes.get(story.id), book.scores.get(story.id))


def _probability(book: StoryBook, story: Story) -> float | None:
    outcome = book.outcomes.get(story.id)
    score = book.scores.get(story.id)
    if score is None or (outcome is not None and outcome.outcome != Outcome.OPEN):
        return None
    return score.probability


def _status(book: StoryBook, story: Story) -> Status:
    return STAGE_STATUS[settled_stage(story, book.outcomes.get(story.id))]


def matching(book: StoryBook, filters: StoryFilters) -> list[Story]:
    """The book's stories that match the filters, sorted as asked."""
    stories: Sequence[Story] = book.stories
    if filters.person:
        people = keys_asked(filters.person, person_key, ((s.person_key, s.person) for s in stories))
        stories = [s for s in stories if s.person_key in people]
    if filters.club:
        shown = [(s.to_club_key, s.to_club) for s in stories]
        shown += [(club_key(s.from_club), s.from_club) for s in stories]
        wanted = keys_asked(filters.club, club_key, shown)
        stories = [
            s for s in stories
            if moves_asked(s.to_club_key in wanted, club_key(s.from_club) in wanted, filters.club_direction)
        ]  # fmt: skip
    if filters.source:
        wanted_source = search_key(filters.source)
        stories = [s for s in stories if saved.has_source(s, wanted_source)]
    kept = []
    for story in stories:
        probability = _probability(book, story)
        if filters.status is not None and _status(book, story) != filters.status:
            continue
        if filters.window and story.window.label != filters.window:
            continue
        if filters.since and story.last_seen < filters.since:
            continue
        if filters.until and story.first_seen > filters.until:
            continue
        if filters.open_only and probability is None:
            continue
        if filters.min_probability is not None and (
            probability is None or probability < filters.min_probability
        ):
            continue
        kept.append(story)
    if filters.sort == "probability":
        kept.sort(key=lambda s: (-(_probability(book, s) or -1.0), s.id))
    else:
        kept.sort(key=lambda s: (s.last_seen, _probability(book, s) or 0.0, s.id), reverse=True)
    return kept


def _summary_query(store: Store, filters: StoryFilters) -> SummaryQuery:
    """The filters as a question the saved stories' tables answer in SQL (all but person and
    source, which `saved_matching` answers)."""
    return SummaryQuery(
        club_keys=tuple(sorted(saved.club_keys_asked(store, filters.club))) if filters.club else None,
        club_direction=filters.club_direction if filters.club else None,
        stages=tuple(s.value for s, status in STAGE_STATUS.items() if status == filters.status)
        if filters.status is not None else None,
        window=filters.window or None, since=filters.since, until=filters.until,
        open_only=filters.open_only, min_probability=filters.min_probability,
        by_probability=filters.sort == "probability",
    )  # fmt: skip


def _in_sql(filters: StoryFilters) -> bool:
    """True when the board's question is answered in SQL: filtered, sorted, counted and paged there."""
    return not filters.person and not filters.source


def saved_matching(store: Store, filters: StoryFilters) -> list[SavedSummary]:
    """The saved stories that match the filters, sorted as asked (as `matching` does the book's)."""
    if filters.person:  # one person's stories are looked up, then filtered here
        found = saved.of_person_named(store, filters.person)
        found = saved.most_probable_first(found) if filters.sort == "probability" else saved.latest_first(found)
        return _filtered(store, found, filters)
    found = saved.summaries_of(summary_page(store, _summary_query(store, filters)))
    return _with_source(store, found, filters.source) if filters.source else found


def _with_source(store: Store, found: list[SavedSummary], source: str) -> list[SavedSummary]:
    """The stories a source reported: sources are read from the claims, so only the stories
    the other filters kept are opened."""
    wanted = search_key(source)
    named = {story.id for story in saved.open_stories(store, found) if saved.has_source(story, wanted)}
    return [s for s in found if s.id in named]


def _filtered(store: Store, found: Sequence[SavedSummary], filters: StoryFilters) -> list[SavedSummary]:
    """The summaries that match the filters, in the order given."""
    if filters.club:
        found = saved.of_club(found, filters.club, filters.club_direction)
    if filters.status is not None:
        found = [s for s in found if s.status == filters.status]
    if filters.window:
        found = [s for s in found if s.window.label == filters.window]
    if filters.since:
        found = [s for s in found if s.last_seen >= filters.since]
    if filters.until:
        found = [s for s in found if s.first_seen <= filters.until]
    if filters.open_only:
        found = [s for s in found if s.probability is not None]
    if filters.min_probability is not None:
        least = filters.min_probability
        found = [s for s in found if s.probability is not None and s.probability >= least]
    return _with_source(store, list(found), filters.source) if filters.source else list(found)


def board_page(
    store: Store,
    filters: StoryFilters,
    *,
    offset: int = 0,
    limit: int | None = None,
    kb_dir: Path | None = None,
) -> tuple[int, list[StoryView]]:
    """How many stories match, and the stories of one page."""
    if saved.answers_from_saved(store, filters.as_of):
        if _in_sql(filters):  # counted and paged in SQL: the page's stories are all it reads
            question = _summary_query(store, filters)
            rows = summary_page(store, question, offset=offset, limit=limit)
            total = saved.count_of(store, question) if limit is not None else offset + len(rows)
            return total, saved.views(store, saved.summaries_of(rows))
        chosen_saved = saved_matching(store, filters)
        page = chosen_saved[offset : None if limit is None else offset + limit]
        return len(chosen_saved), saved.views(store, page)
    book = story_book(store, as_of=filters.as_of, kb_dir=kb_dir)
    found = matching(book, filters)
    chosen = found[offset : None if limit is None else offset + limit]
    return len(found), [view_of(book, s) for s in chosen]


def find_stories(store: Store, filters: StoryFilters, *, kb_dir: Path | None = None) -> list[StoryView]:
    """Every story matching the filters."""
    return board_page(store, filters, kb_dir=kb_dir)[1]


def story_ids_of_claims(
    store: Store, *, as_of: date | None = None, kb_dir: Path | None = None
) -> Mapping[str, str]:
    """The story each transfer claim belongs to (claim id as text -> story id)."""
    if saved.answers_from_saved(store, as_of):
        return saved.story_of_claims(store)
    return story_book(store, as_of=as_of, kb_dir=kb_dir).story_of_claim


def ranked_rumours(
    store: Store, *, as_of: date | None = None, limit: int | None = None, kb_dir: Path | None = None
) -> list[StoryView]:
    """Open stories, most probable first."""
    filters = StoryFilters(as_of=as_of, open_only=True, sort="probability")
    return board_page(store, filters, limit=limit, kb_dir=kb_dir)[1]


def get_story(
    store: Store, wanted: str, *, as_of: date | None = None, kb_dir: Path | None = None
) -> StoryView:
    """A story by id, by id prefix, or by a person's name when that leaves one; raises NotFound."""
    if saved.answers_from_saved(store, as_of):
        return saved.one_story(store, wanted)
    book = story_book(store, as_of=as_of, kb_dir=kb_dir)
    story = book.by_id.get(wanted)
    if story is None:
        story = _one_of(book, wanted)
    return view_of(book, story)


def stories_with_id_prefix(
    store: Store, prefix: str, *, as_of: date | None = None, kb_dir: Path | None = None
) -> list[StoryView]:
    """Every story whose id starts with `prefix` ("youri-tielemans--arsenal"), latest first."""
    if not prefix:
        return []
    if saved.answers_from_saved(store, as_of):
        return saved.views(store, saved.summaries_where(store, id_prefix=prefix))
    book = story_book(store, as_of=as_of, kb_dir=kb_dir)
    found = [s for s in book.stories if s.id.startswith(prefix)]
    found.sort(key=lambda s: (s.last_seen, s.id), reverse=True)
    return [view_of(book, s) for s in found]


def _one_of(book: StoryBook, wanted: str) -> Story:
    rules: tuple[Callable[[Story], bool], ...] = (
        lambda s: s.id.startswith(wanted),
        lambda s: s.person_key == person_key(wanted),
    )
    for rule in rules:
        found = [s for s in book.stories if rule(s)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            ids = ", ".join(s.id for s in found[:8])
            raise NotFound(f"{wanted!r} matches {len(found)} stories: {ids}")
    raise NotFound(f"story {wanted!r} does not exist as of {book.as_of.isoformat()}")

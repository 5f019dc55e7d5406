"""The saved stories as the faces read them: filtered on their saved rows, opened claim by claim.

Ingest keeps the stories saved, labelled and scored (`mercato.stories.upkeep`), so a question
about the store as it stands now reads rows instead of merging every claim: the board filters
and sorts the saved summaries in SQL and only the stories
shown are opened, each from its own claims. A question about a past day is answered from
the book (`mercato.services.book`), which replays the claims known then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, overload

from mercato.domain import STAGE_STATUS, Stage, Status, TransferClaim, Window
from mercato.errors import NotFound
from mercato.score.probability import RumourScore
from mercato.services.names import Direction, keys_asked, moves_asked
from mercato.services.views import StoryView, story_view
from mercato.store import Store
from mercato.store.board_tables import claims_by_id, newest_published
from mercato.store.story_tables import (
    ClubSide,
    SummaryQuery,
    club_keys_named,
    club_names_shown,
    club_side_ids,
    count_summaries,
    has_story_model,
    person_names_shown,
    read_members,
    read_report_counts,
    read_summaries,
    saved_version,
    story_ids_by_claim,
)
from mercato.stories.buyers import as_suitor
from mercato.stories.merge import Story, StoryClaim
from mercato.stories.names import club_key, parse_window, person_key
from mercato.stories.origin import carriers, source_key, source_label
from mercato.stories.outcomes import Outcome, StoryOutcome
from mercato.stories.stored import StoredScore


@dataclass(frozen=True)
class SavedSummary:
    """One saved story's row: enough to filter and sort a board without opening its claims."""

    id: str
    person: str
    person_key: str
    to_club: str | None
    to_club_key: str
    from_club: str | None
    window: Window
    first_seen: date
    last_seen: date
    stage: Stage
    independent_sources: int
    outcome: StoryOutcome | None
    score: StoredScore | None
    probability: float | None  # the saved probability while the story is open

    @property
    def status(self) -> Status:
        return STAGE_STATUS[self.stage]


def _summary(row: Mapping[str, Any]) -> SavedSummary | None:
    window = parse_window(row["window"])
    if window is None:
        return None
    outcome = (
        StoryOutcome(row["id"], Outcome(row["outcome"]), row["resolved_on"], row["reason"])
        if row["outcome"] is not None else None
    )  # fmt: skip
    score = (
        StoredScore(row["probability"], row["evidence"], row["score_buzz"])
        if row["probability"] is not None else None
    )  # fmt: skip
    is_open = outcome is None or outcome.outcome == Outcome.OPEN
    return SavedSummary(
        probability=score.probability if score is not None and is_open else None,
        id=row["id"], person=row["person"], person_key=row["person_key"], to_club=row["to_club"],
        to_club_key=row["to_club_key"] or "", from_club=row["from_club"], window=window,
        first_seen=row["first_seen"], last_seen=row["last_seen"], stage=Stage(row["stage"]),
        independent_sources=row["independent_sources"], outcome=outcome, score=score,
    )  # fmt: skip


def latest_first(found: Iterable[SavedSummary]) -> list[SavedSummary]:
    """Latest reported first (the board's default order), the more probable first on a day."""
    return sorted(found, key=lambda s: (s.last_seen, s.probability or 0.0, s.id), reverse=True)


def most_probable_first(found: Iterable[SavedSummary]) -> list[SavedSummary]:
    """Open stories by probability, then the rest (the ranked board's order)."""
    return sorted(found, key=lambda s: (-(s.probability or -1.0), s.id))


def summaries_of(rows: Iterable[Mapping[str, Any]]) -> list[SavedSummary]:
    """Summaries of saved stories' rows (`read_summaries` rows), in the order given."""
    return [s for s in (_summary(r) for r in rows) if s is not None]


@dataclass(frozen=True)
class SavedOrders:
    """Every saved story's summary in both board orders: filtering a sorted list keeps it sorted."""

    latest: tuple[SavedSummary, ...]
    most_probable: tuple[SavedSummary, ...]


_summaries: dict[str, tuple[Any, SavedOrders]] = {}


def summaries(store: Store) -> SavedOrders:
    """Every saved story's summary, in both orders (read again only after stories were saved).
    For the people and clubs lists, which count every story; the board and the club page ask
    SQL for the page they show instead."""

    def read() -> SavedOrders:
        every = summaries_of(read_summaries(store))
        return SavedOrders(tuple(latest_first(every)), tuple(most_probable_first(every)))

    return _latest_per_store(_summaries, store, read)


_reports: dict[str, tuple[Any, Mapping[str, int]]] = {}


def report_counts(store: Store) -> Mapping[str, int]:
    """How many reports each saved story holds, by id (read again only after stories were saved)."""
    return _latest_per_store(_reports, store, lambda: read_report_counts(store))


def _latest_per_store(cache: dict[str, tuple[Any, Any]], store: Store, compute: Callable[[], Any]) -> Any:
    """`compute()`, kept per store for its latest saved state only (what it holds is big)."""
    url = store.engine.url.render_as_string()
    version = saved_version(store)
    with _lock:
        found = cache.get(url)
    if found is not None and found[0] == version:
        return found[1]
    value = compute()
    with _lock:
        cache[url] = (version, value)
    return value


def summaries_where(store: Store, **where: Any) -> list[SavedSummary]:
    """The summaries of the saved stories a query names (see `read_summaries`), newest first."""
    return latest_first(s for s in (_summary(r) for r in read_summaries(store, **where)) if s is not None)


def of_person_named(store: Store, name: str) -> list[SavedSummary]:
    """The summaries about a person: the exact name key, else every key containing it, else the
    keys of the stories shown under that name (see `mercato.services.names`)."""
    key = person_key(name)
    if not key:
        return []
    found = summaries_where(store, person_keys=[key]) or summaries_where(store, person_key_like=key)
    if found:
        return found
    # Shown names have no index: the distinct (key, name) pairs are read, then the keys asked.
    asked = keys_asked(name, person_key, person_names_shown(store))
    return summaries_where(store, person_keys=sorted(asked)) if asked else []


def club_keys_asked(store: Store, name: str) -> set[str]:
    """The saved club keys a club name asks for (the rule of `mercato.services.names`): the
    exact key, else every key containing it (both from the index), else the keys of the clubs
    shown under that name."""
    exact = club_key(name)
    if not exact:
        return set()
    found = club_keys_named(store, exact)
    if found:
        return found
    return keys_asked(name, club_key, club_names_shown(store))


def answers_from_saved(store: Store, as_of: date | None) -> bool:
    """True when the saved stories answer a question as of this day: the newest news, scored."""
    if as_of is not None and as_of != (newest_published(store) or date.today()):
        return False
    return has_story_model(store)


def saved_day(store: Store) -> date:
    """The day saved stories answer as of: the newest news stored."""
    return newest_published(store) or date.today()


def of_club(
    found: Sequence[SavedSummary], name: str, direction: Direction | None = None
) -> list[SavedSummary]:
    """The summaries of moves into or out of a club (only into it, or only out of it, when
    `direction` says so)."""
    shown = [(s.to_club_key, s.to_club) for s in found]
    shown += [(club_key(s.from_club), s.from_club) for s in found]
    wanted = keys_asked(name, club_key, shown)
    into = [s.to_club_key in wanted for s in found]
    out = [club_key(s.from_club) in wanted for s in found]
    return [s for s, i, o in zip(found, into, out) if moves_asked(i, o, direction)]


def has_source(story: Story, wanted: str) -> bool:
    """True when a claim of the story names the source (as original or carrier)."""
    for member in story.claims:
        labels = (source_label(member.claim), *carriers(member.claim))
        if any(wanted in source_key(label) for label in labels if label):
            return True
    return False


def open_stories(store: Store, chosen: Iterable[SavedSummary]) -> list[Story]:
    """The saved stories rebuilt from their claims (what the buyer rule took off, taken off again)."""
    chosen = list(chosen)
    members = read_members(store, [s.id for s in chosen])
    refs = {int(m["claim_ref"]) for rows in members.values() for m in rows if str(m["claim_ref"]).isdigit()}
    claims: dict[str, TransferClaim] = {
        str(c.id): c.claim for c in claims_by_id(store, refs) if isinstance(c.claim, TransferClaim)
    }
    stories = []
    for summary in chosen:
        reports: dict[str, StoryClaim] = {}
        order: list[str] = []
        for row in members[summary.id]:
            claim = claims.get(str(row["claim_ref"]))
            if claim is None:
                continue
            member = StoryClaim(
                row["claim_ref"], as_suitor(claim, stage=row["stage_dropped"], fee=row["fee_dropped"]),
                stage_dropped=row["stage_dropped"], fee_dropped=row["fee_dropped"],
            )  # fmt: skip
            report = reports.get(row["copy_of"]) if row["copy_of"] else None
            if report is not None:
                reports[report.claim_id] = StoryClaim(
                    report.claim_id, report.claim, (*report.copies, member), report.stage_dropped, report.fee_dropped
                )
            elif row["copy_of"] is None:
                reports[member.claim_id] = member
                order.append(member.claim_id)
        stories.append(Story(
            summary.id, summary.person, summary.person_key, summary.to_club, summary.to_club_key,
            summary.from_club, summary.window, tuple(reports[i] for i in order),
        ))  # fmt: skip
    return stories


_lock = threading.Lock()

class _PerSavedState:
    """Values kept per store, saved state and question, the oldest dropped beyond `kept`."""

    def __init__(self, kept: int) -> None:
        self.kept = kept
        self._values: dict[tuple[str, Any, object], Any] = {}

    def get(self, store: Store, what: object, compute: Callable[[], Any]) -> Any:
        key = (store.engine.url.render_as_string(), saved_version(store), what)
        with _lock:
            found = self._values.get(key)
        if found is None:
            found = compute()
            with _lock:
                self._values[key] = found
                while len(self._values) > self.kept:
                    del self._values[next(iter(self._values))]
        return found


# Board counts per store, saved state and question: counting reads every matching row (tens of
# milliseconds at a million claims), the page itself a few.
_counts = _PerSavedState(kept=256)


def count_of(store: Store, query: SummaryQuery) -> int:
    """How many saved stories a board's question finds (counted once per saved state)."""
    found: int = _counts.get(store, query, lambda: count_summaries(store, query))
    return found


# Views already opened, per store, until stories are saved again (a server answers a club's
# page of hundreds of stories once, then from here).
_views: dict[str, tuple[str, dict[str, StoryView]]] = {}


def _opened(store: Store) -> dict[str, StoryView]:
    url = store.engine.url.render_as_string()
    version = saved_version(store)
    with _lock:
        found = _views.get(url)
        if found is None or found[0] != version:
            found = (version, {})
            _views[url] = found
    return found[1]


def views(store: Store, chosen: Iterable[SavedSummary]) -> list[StoryView]:
    """The saved stories as every face shows them."""
    chosen = list(chosen)
    opened = _opened(store)
    missing = [s for s in chosen if s.id not in opened]
    for summary, story in zip(missing, open_stories(store, missing)):
        if not story.claims:
            continue
        score = (
            RumourScore(story, summary.score.probability, summary.score.evidence, summary.score.buzz,
                        summary.independent_sources, summary.stage)
            if summary.score is not None else None
        )  # fmt: skip
        with _lock:
            opened[summary.id] = story_view(story, summary.outcome, score)
    return [opened[s.id] for s in chosen if s.id in opened]


def one_story(store: Store, wanted: str) -> StoryView:
    """A saved story by id, by id prefix, or by a person's name when that leaves one; raises NotFound."""
    # Each rule is one indexed look-up, not a read of every story.
    rules: tuple[Callable[[], list[SavedSummary]], ...] = (
        lambda: summaries_where(store, ids=[wanted]),
        lambda: summaries_where(store, id_prefix=wanted),
        lambda: summaries_where(store, person_keys=[person_key(wanted)]),
    )
    for rule in rules:
        chosen = rule()
        if len(chosen) == 1:
            shown = views(store, chosen)
            if shown:
                return shown[0]
        if len(chosen) > 1:
            ids = ", ".join(s.id for s in chosen[:8])
            raise NotFound(f"{wanted!r} matches {len(chosen)} stories: {ids}")
    raise NotFound(f"story {wanted!r} does not exist as of {saved_day(store).isoformat()}")


def story_of_claims(store: Store) -> dict[str, str]:
    """The saved story each transfer claim belongs to (claim id as text -> story id)."""
    return story_ids_by_claim(store)


class ClubStories(Sequence[StoryView]):
    """One side of a club's page, in reading order, sorted in SQL (ids only, kept per process
    until stories are saved again) and opened a page at a time: a big club has ten thousand
    stories at a million claims, and a page shows a few of them."""

    _CHUNK = 200  # stories opened at once when every one is asked for

    def __init__(self, store: Store, side: ClubSide) -> None:
        self._store = store
        self._side = side
        self._ids: list[str] | None = None

    def _all_ids(self) -> list[str]:
        if self._ids is None:
            self._ids = _club_ids(self._store, self._side)
        return self._ids

    def __len__(self) -> int:
        return len(self._all_ids())

    def _page(self, ids: Sequence[str]) -> list[StoryView]:
        if not ids:
            return []
        by_id = {s.id: s for s in summaries_where(self._store, ids=list(ids))}
        return views(self._store, [by_id[i] for i in ids if i in by_id])

    @overload
    def __getitem__(self, index: int) -> StoryView: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[StoryView]: ...
    def __getitem__(self, index: int | slice) -> StoryView | Sequence[StoryView]:
        ids = self._all_ids()
        if isinstance(index, slice):
            return tuple(self._page(ids[index]))
        found = self._page([ids[index]])  # raises IndexError past the end
        if not found:
            raise IndexError(index)
        return found[0]

    def __iter__(self) -> Iterator[StoryView]:
        ids = self._all_ids()
        for start in range(0, len(ids), self._CHUNK):
            yield from self._page(ids[start : start + self._CHUNK])


_kept_per_state = _PerSavedState(kept=128)


def kept_per_state(store: Store, what: object, compute: Callable[[], Any]) -> Any:
    """`compute()`, kept per process under `what` until stories are saved again (a club page's
    order and names: sorting a big club's stories costs more than a page)."""
    return _kept_per_state.get(store, what, compute)


def _club_ids(store: Store, side: ClubSide) -> list[str]:
    """A club page side's ids in reading order, sorted once per saved state of the store."""
    found: list[str] = kept_per_state(store, ("club ids", side), lambda: club_side_ids(store, side))
    return found

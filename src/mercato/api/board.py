"""The rumour board's queries: stories filtered, scored and sorted, and one story by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from mercato.api.scoring import Scored, attach_scores, score_stories, scoring, settled_view
from mercato.api.story_views import (
    StoryView,
    club_key,
    group_claims,
    parse_story_id,
    person_key,
)
from mercato.domain import STAGE_ORDER, STAGE_STATUS, Stage, Status
from mercato.errors import NotFound
from mercato.store import Store
from mercato.store.board_tables import BoardRow, board_claims, board_rows, claims_by_id

# Without a person, club or source to narrow it, the board reads only the latest claims, so a
# page stays fast on a store of any size.
LATEST_CLAIMS_SCANNED = 600
Sort = Literal["probability", "latest"]
STAGE_RANK = {stage: rank for rank, stage in enumerate(STAGE_ORDER)}


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
    sort: Sort = "latest"

    @property
    def is_narrowed(self) -> bool:
        """True when a person, club or source narrows the claims read from the store."""
        return bool(self.person or self.club or self.source)


def _matches(story: StoryView, filters: StoryFilters) -> bool:
    if filters.status is not None and story.status != filters.status:
        return False
    if filters.window and (story.window is None or story.window.label != filters.window):
        return False
    if filters.since and (story.last_reported is None or story.last_reported < filters.since):
        return False
    if filters.until and (story.first_reported is None or story.first_reported > filters.until):
        return False
    return not (
        filters.min_probability is not None
        and (story.probability is None or story.probability < filters.min_probability)
    )


def _sort_key_latest(story: StoryView) -> tuple[date, float]:
    return (story.last_reported or date.min, story.probability or 0.0)


def _sort_key_probability(story: StoryView) -> tuple[bool, float, date]:
    return (
        story.probability is not None,
        story.probability or 0.0,
        story.last_reported or date.min,
    )


def _prefer_exact(stories: list[StoryView], filters: StoryFilters) -> list[StoryView]:
    """Keep exact name matches when there are some ("Inter" is not "Inter Miami")."""
    if filters.person:
        wanted = person_key(None, filters.person)
        exact = [s for s in stories if s.key[0] == wanted]
        stories = exact or stories
    if filters.club:
        wanted = club_key(None, filters.club)
        exact = [s for s in stories if wanted in (s.key[1], club_key(None, s.from_club))]
        stories = exact or stories
    return stories


@dataclass(frozen=True)
class _Group:
    """One (person, destination) group summarised from flat rows, before any claim is decoded."""

    key: tuple[str, str]
    claim_ids: tuple[int, ...]
    first: date | None
    last: date | None
    stage: Stage
    status: Status
    window: str | None
    probability: float | None


def _window_order(label: str) -> tuple[int, str]:
    year, _, part = label.partition(" ")
    return (int(year) if year.isdigit() else 0, part)


def _groups(rows: list[BoardRow], scored: Scored | None) -> list[_Group]:
    """Rows grouped by (person, destination), each with the fields the board filters on."""
    by_key: dict[tuple[str, str], list[BoardRow]] = {}
    for row in rows:
        by_key.setdefault((row.person_key, row.to_key), []).append(row)
    groups = []
    for key, members in by_key.items():
        # The latest step as `build_story` orders steps: date, then stage, then claim id.
        latest = max(
            members, key=lambda r: (r.published or date.min, STAGE_RANK[r.stage], r.claim_id)
        )
        dated = [r.published for r in members if r.published is not None]
        windows = [r.window for r in members if r.window]
        score = scored.table.get(key) if scored else None
        stage, status, probability = settled_view(
            score, latest.stage, STAGE_STATUS.get(latest.stage, latest.status)
        )
        groups.append(
            _Group(
                key=key,
                claim_ids=tuple(r.claim_id for r in members),
                first=min(dated) if dated else None,
                last=max(dated) if dated else None,
                stage=stage,
                status=status,
                window=max(windows, key=_window_order) if windows else None,
                probability=probability,
            )
        )
    return groups


def _group_matches(group: _Group, filters: StoryFilters) -> bool:
    if filters.status is not None and group.status != filters.status:
        return False
    if filters.window and group.window != filters.window:
        return False
    if filters.since and (group.last is None or group.last < filters.since):
        return False
    if filters.until and (group.first is None or group.first > filters.until):
        return False
    return not (
        filters.min_probability is not None
        and (group.probability is None or group.probability < filters.min_probability)
    )


def _group_sort_key(group: _Group, sort: Sort) -> tuple[object, ...]:
    if sort == "probability":
        return (group.probability is not None, group.probability or 0.0, group.last or date.min)
    return (group.last or date.min, group.probability or 0.0)


def _full_stories(store: Store, filters: StoryFilters, scored: Scored | None) -> list[StoryView]:
    """The slow path (source filter, or a name that is not a key): decode every claim."""
    if filters.source:
        claims = store.transfer_claims(
            person=filters.person, club=filters.club, source=filters.source, as_of=filters.as_of
        )
    else:
        claims = store.transfer_claims(
            person=filters.person, club=filters.club, as_of=filters.as_of
        )
    stories = attach_scores(_prefer_exact(group_claims(claims), filters), scored)
    kept = [s for s in stories if _matches(s, filters)]
    key = _sort_key_probability if filters.sort == "probability" else _sort_key_latest
    kept.sort(key=key, reverse=True)  # type: ignore[arg-type]
    return kept


def board_page(
    store: Store, filters: StoryFilters, *, offset: int = 0, limit: int | None = None
) -> tuple[int, list[StoryView]]:
    """How many stories match, and the stories of one page, scored and sorted.

    Stories are grouped, filtered and sorted from flat fields read through the board's index;
    only the claims of the page's stories are decoded, so a page costs the same whatever the
    size of the club's history.
    """
    scored = scoring(store, filters.as_of)
    rows: list[BoardRow] = []
    if not filters.source:
        rows = board_rows(
            store,
            person_keys=[person_key(None, filters.person)] if filters.person else [],
            club_keys=[club_key(None, filters.club)] if filters.club else [],
            as_of=filters.as_of,
            latest=None if filters.is_narrowed else LATEST_CLAIMS_SCANNED,
        )
    if filters.source or (filters.is_narrowed and not rows):
        # No exact name: the store's folded substring search ("lindq" finds Lindqvist).
        stories = _full_stories(store, filters, scored)
        end = None if limit is None else offset + limit
        return len(stories), stories[offset:end]
    groups = [g for g in _groups(rows, scored) if _group_matches(g, filters)]
    groups.sort(key=lambda g: _group_sort_key(g, filters.sort), reverse=True)
    chosen = groups[offset : None if limit is None else offset + limit]
    claims = claims_by_id(store, [i for g in chosen for i in g.claim_ids])
    built = {s.key: s for s in attach_scores(group_claims(claims), scored)}
    return len(groups), [built[g.key] for g in chosen if g.key in built]


def find_stories(store: Store, filters: StoryFilters) -> list[StoryView]:
    """Every story matching the filters, scored where the stories package can, sorted."""
    return board_page(store, filters)[1]


def get_story(store: Store, story_id: str, *, as_of: date | None = None) -> StoryView:
    """The story with this id, with its whole timeline; raises NotFound."""
    wanted_person, wanted_club = parse_story_id(story_id)
    claims = board_claims(store, person_keys=[wanted_person], as_of=as_of)
    for story in group_claims(claims):
        if story.key == (wanted_person, wanted_club):
            return score_stories(store, [story], as_of=as_of)[0]
    when = f" as of {as_of.isoformat()}" if as_of else ""
    raise NotFound(f"story {story_id!r} does not exist{when}")


def stories_of_person(store: Store, name: str, *, as_of: date | None = None) -> list[StoryView]:
    """Every story about one person (matched by folded name), latest news first."""
    key = person_key(None, name)
    claims = board_claims(store, person_keys=[key], as_of=as_of)
    stories = [s for s in group_claims(claims) if s.key[0] == key]
    stories = score_stories(store, stories, as_of=as_of)
    return sorted(stories, key=_sort_key_latest, reverse=True)


def stories_of_club(
    store: Store, name: str, *, as_of: date | None = None
) -> tuple[list[StoryView], list[StoryView]]:
    """Stories into and out of one club, latest news first."""
    key = club_key(None, name)
    claims = board_claims(store, club_keys=[key], as_of=as_of)
    stories = score_stories(store, group_claims(claims), as_of=as_of)
    stories.sort(key=_sort_key_latest, reverse=True)
    into = [s for s in stories if s.key[1] == key]
    out = [s for s in stories if club_key(None, s.from_club) == key and s.key[1] != key]
    return into, out

"""The rumour board's queries: stories filtered, scored and sorted, and one story by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from mercato.api.scoring import score_stories
from mercato.api.story_views import (
    StoryView,
    club_key,
    group_claims,
    parse_story_id,
    person_key,
)
from mercato.domain import Status
from mercato.errors import NotFound
from mercato.store import Store, StoredClaim
from mercato.store.board_tables import board_claims

# Without a person, club or source to narrow it, the board reads only the latest claims, so a
# page stays fast on a store of any size.
LATEST_CLAIMS_SCANNED = 600
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


def _claims_for(store: Store, filters: StoryFilters) -> list[StoredClaim]:
    """The claims a board needs: by exact keys through the board's index, else by substring."""
    if filters.source:
        return store.transfer_claims(
            person=filters.person, club=filters.club, source=filters.source, as_of=filters.as_of
        )
    if not filters.is_narrowed:
        return board_claims(store, as_of=filters.as_of, latest=LATEST_CLAIMS_SCANNED)
    found = board_claims(
        store,
        person_keys=[person_key(None, filters.person)] if filters.person else [],
        club_keys=[club_key(None, filters.club)] if filters.club else [],
        as_of=filters.as_of,
    )
    if found:
        return found
    # No exact name: fall back to the store's folded substring search ("lindq" finds Lindqvist).
    return store.transfer_claims(person=filters.person, club=filters.club, as_of=filters.as_of)


def find_stories(store: Store, filters: StoryFilters) -> list[StoryView]:
    """Stories matching the filters, scored where the stories package can, sorted."""
    claims = _claims_for(store, filters)
    stories = _prefer_exact(group_claims(claims), filters)
    stories = score_stories(store, stories, as_of=filters.as_of)
    kept = [s for s in stories if _matches(s, filters)]
    key = _sort_key_probability if filters.sort == "probability" else _sort_key_latest
    kept.sort(key=key, reverse=True)  # type: ignore[arg-type]
    return kept


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

"""Player and club pages' data: current club, dated facts, stories in and out, name lists."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from mercato.api.board import LATEST_CLAIMS_SCANNED, stories_of_club, stories_of_person
from mercato.api.story_views import StoryView, club_key, person_key
from mercato.domain import FactClaim, Status, TransferClaim
from mercato.errors import NotFound
from mercato.store import Store, StoredClaim
from mercato.store.board_tables import board_claims

# Facts are read from the articles behind a person's stories, at most this many.
FACT_ARTICLES_READ = 60


@dataclass(frozen=True)
class PersonProfile:
    """A person as the stored claims describe them."""

    key: str
    name: str
    person_id: str | None
    current_club: str | None
    facts: tuple[tuple[StoredClaim, FactClaim], ...]
    stories: tuple[StoryView, ...]


@dataclass(frozen=True)
class ClubProfile:
    """A club with the stories into and out of it."""

    key: str
    name: str
    club_id: str | None
    stories_in: tuple[StoryView, ...]
    stories_out: tuple[StoryView, ...]


def _current_club(stories: list[StoryView]) -> str | None:
    """The destination of the latest completed move, else the club most often left."""
    done = [s for s in stories if s.status == Status.DONE and s.to_club]
    if done:
        return max(done, key=lambda s: s.last_reported or date.min).to_club
    origins = Counter(s.from_club for s in stories if s.from_club)
    return origins.most_common(1)[0][0] if origins else None


def person_profile(store: Store, name: str, *, as_of: date | None = None) -> PersonProfile:
    """The person's current club, dated facts and stories; raises NotFound."""
    stories = stories_of_person(store, name, as_of=as_of)
    if not stories:
        raise NotFound(f"no stories about a person called {name!r}")
    key = person_key(None, name)
    facts: list[tuple[StoredClaim, FactClaim]] = []
    articles: list[str] = []
    for story in stories:
        for step in story.steps:
            if step.article_id not in articles:
                articles.append(step.article_id)
    for article_id in articles[-FACT_ARTICLES_READ:]:
        for stored in store.claims(claim_type="fact", article_id=article_id):
            claim = stored.claim
            if isinstance(claim, FactClaim) and person_key(claim.person_id, claim.person) == key:
                facts.append((stored, claim))
    facts.sort(key=lambda pair: pair[1].as_of or pair[1].provenance.published or date.min)
    return PersonProfile(
        key=key,
        name=stories[0].person,
        person_id=next((s.person_id for s in stories if s.person_id), None),
        current_club=_current_club(stories),
        facts=tuple(facts),
        stories=tuple(stories),
    )


def club_profile(store: Store, name: str, *, as_of: date | None = None) -> ClubProfile:
    """The club's stories in and out; raises NotFound."""
    into, out = stories_of_club(store, name, as_of=as_of)
    if not into and not out:
        raise NotFound(f"no stories about a club called {name!r}")
    names = Counter(s.to_club for s in into if s.to_club)
    names.update(s.from_club for s in out if s.from_club)
    return ClubProfile(
        key=club_key(None, name),
        name=names.most_common(1)[0][0] if names else name,
        club_id=next((s.to_club_id for s in into if s.to_club_id), None),
        stories_in=tuple(into),
        stories_out=tuple(out),
    )


def _recent_transfers(store: Store) -> list[StoredClaim]:
    return board_claims(store, latest=LATEST_CLAIMS_SCANNED)


def people_named(store: Store, query: str | None) -> list[tuple[str, str, int]]:
    """(key, name, claims) of people whose name contains the query, most claimed first."""
    claims = store.transfer_claims(person=query) if query else _recent_transfers(store)
    wanted = person_key(None, query) if query else ""
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    for stored in claims:
        claim = stored.claim
        assert isinstance(claim, TransferClaim)
        key = person_key(claim.person_id, claim.person)
        if wanted and wanted not in key:
            continue
        counts[key] += 1
        names.setdefault(key, Counter())[claim.person] += 1
    return [(k, names[k].most_common(1)[0][0], n) for k, n in counts.most_common()]


def clubs_named(store: Store, query: str | None) -> list[tuple[str, str, int]]:
    """(key, name, claims) of clubs whose name contains the query, most claimed first."""
    claims = store.transfer_claims(club=query) if query else _recent_transfers(store)
    wanted = club_key(None, query) if query else ""
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    for stored in claims:
        claim = stored.claim
        assert isinstance(claim, TransferClaim)
        for club in (claim.to_club, claim.from_club):
            if not club:
                continue
            key = club_key(None, club)
            if wanted and wanted not in key and (query or "").casefold() not in club.casefold():
                continue
            counts[key] += 1
            names.setdefault(key, Counter())[club] += 1
    return [(k, names[k].most_common(1)[0][0], n) for k, n in counts.most_common()]

"""Person and club profiles, and the people and clubs whose names match a query."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mercato.domain import FactClaim
from mercato.errors import NotFound
from mercato.services.board import StoryFilters, find_stories
from mercato.services.book import StoryBook
from mercato.services.views import StoryView
from mercato.store import Store, StoredClaim
from mercato.stories.names import club_key, person_key
from mercato.stories.outcomes import Outcome

# Facts are read from the articles behind a person's stories, at most this many.
FACT_ARTICLES_READ = 60


@dataclass(frozen=True)
class PersonProfile:
    """A person as the stored claims describe them, as of the book's day."""

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


@dataclass(frozen=True)
class Named:
    """A person or club whose name matched, with how many claims name it."""

    key: str
    name: str
    claims: int


def current_club(stories: list[StoryView]) -> str | None:
    """The destination of the latest move known to have happened, else the club most often left."""
    done = [s for s in stories if s.outcome == Outcome.HAPPENED.value and s.to_club]
    if done:
        return max(done, key=lambda s: s.last_reported).to_club
    origins = Counter(s.from_club for s in stories if s.from_club)
    return origins.most_common(1)[0][0] if origins else None


def person_profile(
    store: Store, name: str, *, as_of: date | None = None, kb_dir: Path | None = None
) -> PersonProfile:
    """The person's current club, dated facts and stories; raises NotFound."""
    stories = find_stories(store, StoryFilters(person=name, as_of=as_of), kb_dir=kb_dir)
    if not stories:
        raise NotFound(f"no stories about a person called {name!r}")
    keys = {person_key(s.person) for s in stories}
    facts: list[tuple[StoredClaim, FactClaim]] = []
    articles = list(dict.fromkeys(step.article_id for s in stories for step in s.steps))
    for article_id in articles[-FACT_ARTICLES_READ:]:
        for stored in store.claims(claim_type="fact", article_id=article_id):
            claim = stored.claim
            if isinstance(claim, FactClaim) and person_key(claim.person) in keys:
                facts.append((stored, claim))
    facts.sort(key=lambda pair: pair[1].as_of or pair[1].provenance.published or date.min)
    names = Counter(s.person for s in stories)
    return PersonProfile(
        key=person_key(names.most_common(1)[0][0]),
        name=names.most_common(1)[0][0],
        person_id=next((s.person_id for s in stories if s.person_id), None),
        current_club=current_club(stories),
        facts=tuple(facts),
        stories=tuple(stories),
    )


def club_profile(
    store: Store, name: str, *, as_of: date | None = None, kb_dir: Path | None = None
) -> ClubProfile:
    """The club's stories in and out; raises NotFound."""
    stories = find_stories(store, StoryFilters(club=name, as_of=as_of), kb_dir=kb_dir)
    wanted = {club_key(s.to_club) for s in stories} & {club_key(name)} or {
        club_key(s.to_club) for s in stories
    }
    into = [s for s in stories if club_key(s.to_club) in wanted]
    out = [s for s in stories if s not in into]
    if not into and not out:
        raise NotFound(f"no stories about a club called {name!r}")
    names = Counter(s.to_club for s in into if s.to_club)
    names.update(s.from_club for s in out if s.from_club)
    return ClubProfile(
        key=club_key(name),
        name=names.most_common(1)[0][0] if names else name,
        club_id=next((s.to_club_id for s in into if s.to_club_id), None),
        stories_in=tuple(into),
        stories_out=tuple(out),
    )


def _named(counts: Counter[str], names: dict[str, Counter[str]]) -> list[Named]:
    return [Named(k, names[k].most_common(1)[0][0], n) for k, n in counts.most_common()]


def people_named(book: StoryBook, query: str | None) -> list[Named]:
    """People whose name contains the query, most claimed first."""
    wanted = person_key(query) if query else ""
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    for story in book.stories:
        if wanted and wanted not in story.person_key:
            continue
        counts[story.person_key] += len(story.claims)
        for member in story.claims:
            names.setdefault(story.person_key, Counter())[member.claim.person] += 1
    return _named(counts, names)


def clubs_named(book: StoryBook, query: str | None) -> list[Named]:
    """Clubs whose name contains the query, most claimed first."""
    wanted = club_key(query) if query else ""
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    for story in book.stories:
        for member in story.claims:
            for club in (member.claim.to_club, member.claim.from_club):
                key = club_key(club)
                if not club or (wanted and wanted not in key):
                    continue
                counts[key] += 1
                names.setdefault(key, Counter())[club] += 1
    return _named(counts, names)

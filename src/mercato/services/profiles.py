"""Person and club profiles, and the people and clubs whose names match a query."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mercato.domain import FactClaim
from mercato.errors import NotFound
from mercato.services import saved
from mercato.services.board import StoryFilters, find_stories, matching, view_of
from mercato.services.book import story_book
from mercato.services.known import KnownAt, known_at
from mercato.services.saved import ClubStories
from mercato.services.views import StoryView
from mercato.store import Store, StoredClaim
from mercato.store.board_tables import newest_published
from mercato.store.story_tables import ClubSide, club_side_names
from mercato.stories.names import club_key, person_key
from mercato.stories.outcomes import Outcome

# Facts are read from the articles behind a person's stories, at most this many.
FACT_ARTICLES_READ = 60


@dataclass(frozen=True)
class FactLine:
    """One fact as the articles state it, however many times: first and last said, how often."""

    fact: str
    value: str
    club: str | None
    first_said: date
    last_said: date
    reports: int  # articles that state it
    latest: StoredClaim  # the latest report, to link to


@dataclass(frozen=True)
class PersonProfile:
    """A person as the stored claims describe them, as of the book's day."""

    key: str
    name: str
    person_id: str | None
    current_club: str | None
    facts: tuple[tuple[StoredClaim, FactClaim], ...]
    stories: tuple[StoryView, ...]
    day: date | None = None  # the book's day: the page's as-of day or the newest news
    known: KnownAt | None = None

    @property
    def open_stories(self) -> tuple[StoryView, ...]:
        """Stories still open, most probable first."""
        return reading_order(self.stories)[0]

    @property
    def finished_stories(self) -> tuple[StoryView, ...]:
        """Stories whose outcome is known, latest first."""
        return reading_order(self.stories)[1]

    @property
    def fact_lines(self) -> tuple[FactLine, ...]:
        """Each stated fact once."""
        return distinct_facts(self.facts)


@dataclass(frozen=True)
class ClubProfile:
    """A club with the stories into and out of it."""

    key: str
    name: str
    club_id: str | None
    stories_in: Sequence[StoryView]
    stories_out: Sequence[StoryView]
    # The saved stories' sides come paged from SQL already in reading order (`ClubStories`).
    in_reading_order: bool = False

    @property
    def incoming(self) -> Sequence[StoryView]:
        """Moves into the club: open ones most probable first, then finished ones."""
        if self.in_reading_order:
            return self.stories_in
        return sum(reading_order(self.stories_in), ())

    @property
    def outgoing(self) -> Sequence[StoryView]:
        """Moves out of the club, in the same order."""
        if self.in_reading_order:
            return self.stories_out
        return sum(reading_order(self.stories_out), ())


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


def reading_order(
    stories: Iterable[StoryView],
) -> tuple[tuple[StoryView, ...], tuple[StoryView, ...]]:
    """Open stories most probable first (then latest news), and finished ones latest first."""
    chosen = list(stories)
    still_open = sorted(
        (s for s in chosen if s.is_open),
        key=lambda s: (
            -(s.probability if s.probability is not None else -1.0),
            -s.last_reported.toordinal(),
            s.id,
        ),
    )
    finished = sorted(
        (s for s in chosen if not s.is_open),
        key=lambda s: (s.resolved_on or s.last_reported, s.id),
        reverse=True,
    )
    return tuple(still_open), tuple(finished)


def distinct_facts(facts: Sequence[tuple[StoredClaim, FactClaim]]) -> tuple[FactLine, ...]:
    """Facts grouped by what they state (fact, value, club): a repeated "age 25" shows once."""
    groups: dict[tuple[str, str, str], list[tuple[StoredClaim, FactClaim, date]]] = {}
    for stored, claim in facts:
        said = claim.as_of or claim.provenance.published or date.min
        key = (claim.fact, " ".join(claim.value.split()).casefold(), (claim.club or "").casefold())
        groups.setdefault(key, []).append((stored, claim, said))
    lines = []
    for reports in groups.values():
        reports.sort(key=lambda r: (r[2], r[0].id))
        latest, claim, last = reports[-1]
        articles = len({c.provenance.article_id for _, c, _ in reports})
        lines.append(
            FactLine(claim.fact, claim.value, claim.club, reports[0][2], last, articles, latest)
        )
    lines.sort(key=lambda line: (line.fact, -line.last_said.toordinal()))
    return tuple(lines)


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
    day = as_of or newest_published(store) or date.today()
    return PersonProfile(
        key=person_key(names.most_common(1)[0][0]),
        name=names.most_common(1)[0][0],
        person_id=next((s.person_id for s in stories if s.person_id), None),
        current_club=current_club(stories),
        facts=tuple(facts),
        stories=tuple(stories),
        day=day,
        known=known_at(next((s.person_id for s in stories if s.person_id), None), names.most_common(1)[0][0], day),
    )


def club_profile(
    store: Store, name: str, *, as_of: date | None = None, kb_dir: Path | None = None
) -> ClubProfile:
    """The club's stories in and out; raises NotFound."""
    if saved.answers_from_saved(store, as_of):
        return _saved_club_profile(store, name)
    return replayed_club_profile(store, name, as_of=as_of, kb_dir=kb_dir)


def most_written(names: Counter[str]) -> str | None:
    """The name written most often, the first in alphabetical order on a tie (so the saved and
    the replayed club page, which meet the names in different orders, agree)."""
    return min(names.items(), key=lambda item: (-item[1], item[0]))[0] if names else None


def replayed_club_profile(
    store: Store, name: str, *, as_of: date | None = None, kb_dir: Path | None = None
) -> ClubProfile:
    """The club's stories in and out from the book (every claim replayed); raises NotFound."""
    # One name rule for both lists (the board's): a story is incoming when its destination is
    # the club asked for, outgoing when only the club it leaves is.
    book = story_book(store, as_of=as_of, kb_dir=kb_dir)
    into = [
        view_of(book, s) for s in matching(book, StoryFilters(club=name, club_direction="in"))
    ]
    out = [
        view_of(book, s) for s in matching(book, StoryFilters(club=name, club_direction="out"))
    ]
    if not into and not out:
        raise NotFound(f"no stories about a club called {name!r}")
    names = Counter(s.to_club for s in into if s.to_club)
    names.update(s.from_club for s in out if s.from_club)
    return ClubProfile(
        key=club_key(name),
        name=most_written(names) or name,
        club_id=next((s.to_club_id for s in sum(reading_order(into), ()) if s.to_club_id), None),
        stories_in=tuple(into),
        stories_out=tuple(out),
    )


def _saved_club_profile(store: Store, name: str) -> ClubProfile:
    """The club's profile from the saved stories: each side counted and paged in SQL, in the
    reading order `reading_order` gives, a story opened only when its page is shown."""
    keys = tuple(sorted(saved.club_keys_asked(store, name)))
    exact = club_key(name)
    incoming = ClubSide(keys, incoming=True)
    outgoing = ClubSide(keys, incoming=False)
    stories_in, stories_out = ClubStories(store, incoming), ClubStories(store, outgoing)
    if not stories_in and not stories_out:
        raise NotFound(f"no stories about a club called {name!r}")
    def written() -> Counter[str]:
        names = Counter(dict(club_side_names(store, incoming, destination=True)))
        names.update(dict(club_side_names(store, outgoing, destination=False)))
        return names

    names: Counter[str] = saved.kept_per_state(store, ("club names", incoming, outgoing), written)
    return ClubProfile(
        key=exact,
        name=most_written(names) or name,
        club_id=next((s.to_club_id for s in stories_in[:20] if s.to_club_id), None),
        stories_in=stories_in,
        stories_out=stories_out,
        in_reading_order=True,
    )


@dataclass(frozen=True)
class _Told:
    """One story as the name lists count it: who, where to and from, and how many reports."""

    person_key: str
    person: str
    to_club_key: str
    to_club: str | None
    from_club: str | None
    reports: int


def _told(store: Store, as_of: date | None, kb_dir: Path | None) -> list[_Told]:
    """Every story as of the day, from the saved stories when they answer (as the profile pages
    do, so that every name listed opens a page), else from the book of that day."""
    if saved.answers_from_saved(store, as_of):
        counts = saved.report_counts(store)
        return [
            _Told(
                s.person_key, s.person, s.to_club_key, s.to_club, s.from_club, counts.get(s.id, 0)
            )
            for s in saved.summaries(store).latest
        ]
    book = story_book(store, as_of=as_of, kb_dir=kb_dir)
    return [
        _Told(s.person_key, s.person, s.to_club_key, s.to_club, s.from_club, len(s.claims))
        for s in book.stories
    ]


def _named(counts: Counter[str], names: dict[str, Counter[str]]) -> list[Named]:
    return [Named(k, names[k].most_common(1)[0][0], n) for k, n in counts.most_common()]


def people_named(
    store: Store, query: str | None, *, as_of: date | None = None, kb_dir: Path | None = None
) -> list[Named]:
    """People whose name contains the query, most reported first, each under the name its
    stories show most (every name and key listed opens the person's page)."""
    wanted = person_key(query) if query else ""
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    for story in _told(store, as_of, kb_dir):
        if wanted and wanted not in story.person_key and wanted not in person_key(story.person):
            continue
        counts[story.person_key] += story.reports
        names.setdefault(story.person_key, Counter())[story.person] += story.reports or 1
    return _named(counts, names)


def clubs_named(
    store: Store, query: str | None, *, as_of: date | None = None, kb_dir: Path | None = None
) -> list[Named]:
    """Clubs whose name contains the query, most reported first, each under the name its
    stories show most (every name and key listed opens the club's page)."""
    wanted = club_key(query) if query else ""
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    for story in _told(store, as_of, kb_dir):
        sides = [(story.to_club_key, story.to_club), (club_key(story.from_club), story.from_club)]
        for key, club in sides:
            named = wanted in key or wanted in club_key(club)
            if not key or not club or not named:
                continue
            counts[key] += story.reports
            names.setdefault(key, Counter())[club] += story.reports or 1
    return _named(counts, names)

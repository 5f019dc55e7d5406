"""Merge transfer claims into stories: one story per possible move (person, destination, window)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from mercato.domain import Status, TransferClaim, Window
from mercato.kb.normalise import slugify
from mercato.stories.buyers import assign_to_buyers
from mercato.stories.names import (
    club_key,
    clubs_match,
    is_surname_only,
    person_key,
    surname_key,
    window_close,
    window_for_date,
)
from mercato.stories.reports import fold_reports


@dataclass(frozen=True)
class StoryClaim:
    """One claim inside a story, with the id it is known by (a store id or article#index)."""

    claim_id: str
    claim: TransferClaim
    copies: tuple[StoryClaim, ...] = ()  # the same report as carried by other articles
    # What the buyer rule took off the stored claim (its sentence's subject is another club).
    stage_dropped: bool = False
    fee_dropped: bool = False

    @property
    def published(self) -> date:
        """Date of the article that made the claim (merging drops undated claims)."""
        assert self.claim.provenance.published is not None
        return self.claim.provenance.published


@dataclass(frozen=True)
class Story:
    """All claims about one possible move, sorted by date."""

    id: str
    person: str
    person_key: str
    to_club: str | None  # None: an exit with no named destination
    to_club_key: str
    from_club: str | None
    window: Window
    claims: tuple[StoryClaim, ...]

    @property
    def is_exit(self) -> bool:
        """True for a departure with no named destination."""
        return self.to_club is None

    @property
    def first_seen(self) -> date:
        """Date of the earliest claim."""
        return self.claims[0].published

    @property
    def last_seen(self) -> date:
        """Date of the latest claim."""
        return self.claims[-1].published

    def as_of(self, day: date) -> Story | None:
        """The story as it stood on a day: only claims published by then (None if none were)."""
        kept = tuple(
            replace(c, copies=tuple(k for k in c.copies if k.published <= day))
            for c in self.claims
            if c.published <= day
        )
        if not kept:
            return None
        if kept == self.claims:
            return self
        return Story(
            self.id, self.person, self.person_key, self.to_club, self.to_club_key,
            self.from_club, self.window, kept,
        )


def claim_window(claim: TransferClaim) -> Window | None:
    """The window a claim is about: the one it names, else the one its date points at.

    A rumour cannot be about a window that had shut before it was published ("wanted him last
    summer, and still do"), so for rumours a named past window gives way to the date's.
    """
    published = claim.provenance.published
    if claim.window is not None:
        is_past = published is not None and window_close(claim.window) < published
        if not (is_past and claim.status != Status.DONE):
            return claim.window
    if published is None:
        return None
    return window_for_date(published)


def story_id(person_key: str, destination_key: str, window: Window) -> str:
    """A readable id from the story's key, so it stays the same as claims arrive."""
    destination = slugify(destination_key.replace("exit:", "exit-")) or "exit-unknown"
    return f"{slugify(person_key) or 'unknown'}--{destination}--{window.year}-{window.part}"


def _joined_by_ids(keys: Sequence[str], ids: Sequence[str | None]) -> dict[str, str]:
    """Name key -> the first name key met that shares a knowledge-base id with it (union-find)."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for key in keys:
        find(key)  # roots are the earliest names, because keys arrive in date order
    for key, entity_id in zip(keys, ids):
        if entity_id and key:
            a, b = find(f"id:{entity_id}"), find(key)
            if a != b:
                # keep a name (not an id) as the root, the one met first
                if a.startswith("id:"):
                    parent[a] = b
                else:
                    parent[b] = a
    return {key: find(key) for key in keys}


def _is_within(short: list[str], long_: list[str]) -> bool:
    """True when `short`'s words appear in `long_` in order ("erling haaland" in "erling braut haaland")."""
    rest = iter(long_)
    return all(word in rest for word in short)


def _joined_by_middle_names(keys: Sequence[str]) -> dict[str, str]:
    """Name key -> the name key it shares a person with: one full name's words inside another's.

    "Erling Haaland" and "Braut Haaland" are "Erling Braut Haaland" with a name left out: two or
    more words, the same last word, in the same order. A shorter name inside two different longer
    names ("Silva" aside, "Bernardo Silva" in two people's full names) stays apart.
    """
    distinct = list(dict.fromkeys(k for k in keys if k))
    by_last: dict[str, list[str]] = defaultdict(list)
    for key in distinct:
        by_last[key.split()[-1]].append(key)
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for group in by_last.values():
        if len(group) < 2:
            continue
        words = {k: k.split() for k in group}
        for key in group:
            if len(words[key]) < 2:
                continue
            longer = [o for o in group if len(words[o]) > len(words[key]) and _is_within(words[key], words[o])]
            widest = {o for o in longer if not any(o != x and _is_within(words[o], words[x]) for x in longer)}
            if len(widest) == 1:
                a, b = find(key), find(next(iter(widest)))
                if a != b:  # the name met first stays the root, so story ids stay as they were
                    first, second = sorted((a, b), key=distinct.index)
                    parent[second] = first
    return {key: find(key) for key in distinct}


def _initial(name: str) -> str:
    """The initial when a name's first word is one ("I. Castor" -> "i"), else ""."""
    words = person_key(name).split()
    return words[0] if len(words) > 1 and len(words[0]) == 1 else ""


def _person_keys(claims: Sequence[TransferClaim]) -> list[str]:
    """Key per claim; ids join names, and surname-only names join the full name they must mean."""
    raw = [person_key(c.person) for c in claims]
    by_ids = _joined_by_ids(raw, [c.person_id for c in claims])
    middle = _joined_by_middle_names([by_ids[k] for k in raw])
    joined = {k: middle.get(by_ids[k], by_ids[k]) for k in raw}
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    clubs_of: dict[str, set[str]] = defaultdict(set)
    from_of: dict[str, set[str]] = defaultdict(set)
    for claim, key in zip(claims, raw):
        key = joined[key]
        if not is_surname_only(claim.person):
            full_by_surname[surname_key(claim.person)].add(key)
            clubs_of[key].update(k for k in (club_key(claim.from_club), club_key(claim.to_club)) if k)
            if claim.from_club:
                from_of[key].add(club_key(claim.from_club))
    keys = []
    for claim, key in zip(claims, raw):
        key = joined[key]
        initial = _initial(claim.person)
        if (is_surname_only(claim.person) or initial) and not claim.person_id:
            candidates = full_by_surname.get(surname_key(claim.person), set()) - {key}
            if initial:  # "I. Castor": only full names starting with that letter
                candidates = {c for c in candidates if c[0] == initial and not _initial(c)}
            # The club a player is at tells namesakes apart better than a suitor they share.
            for club in (club_key(claim.from_club), club_key(claim.to_club)):
                if len(candidates) > 1 and club:
                    narrowed = {c for c in candidates if club in from_of[c]}
                    candidates = narrowed or {c for c in candidates if club in clubs_of[c]} or candidates
            if len(candidates) == 1:
                key = next(iter(candidates))
        keys.append(key)
    return keys


def _club_keys(claims: Sequence[TransferClaim], persons: Sequence[str]) -> list[str]:
    """Destination key per claim; short names join the one longer name of that person's suitors."""
    raw = [club_key(c.to_club) for c in claims]
    joined = _joined_by_ids(raw, [c.to_club_id for c in claims])
    raw = [joined[k] if k else k for k in raw]
    per_person: dict[str, set[str]] = defaultdict(set)
    for person, key in zip(persons, raw):
        if key:
            per_person[person].add(key)
    canonical: dict[tuple[str, str], str] = {}
    for person, keys in per_person.items():
        ordered = sorted(keys, key=lambda k: (-len(k), k))
        for key in ordered:
            longer = [k for k in ordered if len(k) > len(key) and clubs_match(k, key)]
            canonical[(person, key)] = longer[0] if len(longer) == 1 else key
    return [canonical.get((p, k), k) if k else "" for p, k in zip(persons, raw)]


def _home_clubs(claims: Sequence[TransferClaim], persons: Sequence[str]) -> dict[tuple[str, Window], str]:
    """(person key, window) -> the club most of that window's claims say the person is at.

    Only when at least two claims name it and it is more than half of the clubs named.
    """
    origins: dict[tuple[str, Window], Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for claim, person in zip(claims, persons):
        window = claim_window(claim)
        key = club_key(claim.from_club)
        if window is not None and key:
            origins[(person, window)][key] += 1
            names.setdefault(key, claim.from_club or key)
    homes = {}
    for group, counts in origins.items():
        key, count = counts.most_common(1)[0]
        if count >= 2 and 2 * count > counts.total():
            homes[group] = names[key]
    return homes


def _fullest(names: Iterable[str]) -> str:
    """The fullest form among a story's names (most words, then longest, then first seen)."""
    names = list(names)
    return max(names, key=lambda n: (len(n.split()), len(n), -names.index(n)))


def merge_stories(claims: Iterable[tuple[str, TransferClaim]]) -> list[Story]:
    """Group (claim id, transfer claim) pairs into stories; undated claims are left out."""
    dated = [
        (cid, c) for cid, c in claims
        if c.provenance.published is not None and claim_window(c) is not None
    ]
    dated.sort(key=lambda pair: (pair[1].provenance.published, pair[0]))
    stored = [c for _, c in dated]
    dated = assign_to_buyers(dated)  # a deal's stage and fee go to its buyer's story only
    transfer_claims = [c for _, c in dated]
    persons = _person_keys(transfer_claims)
    clubs = _club_keys(transfer_claims, persons)
    homes = _home_clubs(transfer_claims, persons)
    groups: dict[tuple[str, str, Window], list[StoryClaim]] = defaultdict(list)
    for (cid, claim), original, person, club in zip(dated, stored, persons, clubs):
        window = claim_window(claim)
        assert window is not None
        home = homes.get((person, window)) or claim.from_club
        if club and home and clubs_match(claim.to_club, home):
            continue  # his own club keeping or selling him is not a move there
        destination = club or f"exit:{club_key(claim.from_club)}"
        groups[(person, destination, window)].append(
            StoryClaim(cid, claim, stage_dropped=claim.stage != original.stage, fee_dropped=claim.fee != original.fee)
        )
    stories = []
    for (person, destination, window), members in groups.items():
        name = _fullest(m.claim.person for m in members)
        to_names = [m.claim.to_club for m in members if m.claim.to_club]
        from_names = [m.claim.from_club for m in members if m.claim.from_club]
        to_club = _fullest(to_names) if to_names else None
        from_club = max(set(from_names), key=from_names.count) if from_names else None
        stories.append(
            Story(
                id=story_id(person, destination, window),
                person=name,
                person_key=person,
                to_club=to_club,
                to_club_key=destination if to_club else "",
                from_club=from_club,
                window=window,
                claims=fold_reports(members),
            )
        )
    return _unique_ids(sorted(stories, key=lambda s: (s.first_seen, s.id)))


def _unique_ids(stories: list[Story]) -> list[Story]:
    """Suffix ids that collide (two people with one slug) so every story id is unique."""
    seen: dict[str, int] = {}
    out = []
    for story in stories:
        count = seen.get(story.id, 0)
        seen[story.id] = count + 1
        if count:
            story = Story(
                f"{story.id}-{count + 1}", story.person, story.person_key, story.to_club,
                story.to_club_key, story.from_club, story.window, story.claims,
            )
        out.append(story)
    return out


def stories_by_person(stories: Iterable[Story]) -> dict[tuple[str, Window], list[Story]]:
    """Index stories by (person key, window): the rival destinations of one player's window."""
    index: dict[tuple[str, Window], list[Story]] = defaultdict(list)
    for story in stories:
        index[(story.person_key, story.window)].append(story)
    return index

"""How a story ended: happened, did not happen, or still open, as known on a given day."""

from __future__ import annotations

import csv
import threading
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from mercato.domain import ContractClaim, Stage, Status, TransferClaim, Window
from mercato.stories.merge import Story, StoryClaim, stories_by_person
from mercato.stories.names import (
    club_key,
    clubs_match,
    is_surname_only,
    person_key,
    surname_key,
    window_close,
    window_for_date,
)


class Outcome(StrEnum):
    HAPPENED = "happened"
    NOT_HAPPENED = "did not happen"
    OPEN = "open"


@dataclass(frozen=True)
class StoryOutcome:
    """A story's outcome as known on `as_of`, when it was settled and why."""

    story_id: str
    outcome: Outcome
    resolved_on: date | None
    reason: str


@dataclass(frozen=True)
class CompletedMove:
    """One completed transfer from the tables (day None when only the window is known)."""

    person: str
    from_club: str | None
    to_club: str | None  # None: released, retired, without club
    window: Window
    day: date | None = None
    is_loan: bool = False
    league_club: str | None = None  # the club whose league table listed it (a full listing)

    def known_on(self) -> date:
        """The first day Mercato may know of the move: its date, else its window's close."""
        return self.day or window_close(self.window)


_NOWHERE = {"without club", "retired", "career break", "unknown", "", "ban", "own youth"}
# A claim this far along, and not hedged, says the move is done.
DONE_STAGES = frozenset({Stage.AGREEMENT, Stage.MEDICAL, Stage.SIGNED, Stage.ANNOUNCED})
# A claim at one of these stages ends the move it is about (until news revives it).
OFF_STAGES = frozenset({Stage.DENIED, Stage.COLLAPSED})
TABLE_REASON = "completed-transfer table"  # why a move the tables record happened
RENEWAL_ACTIONS = frozenset({"extension", "signed"})


class CompletedTransfers:
    """Completed moves indexed by person, for outcome labelling (never shipped in the package)."""

    def __init__(self, moves: Iterable[CompletedMove]) -> None:
        self._by_key: dict[str, list[CompletedMove]] = defaultdict(list)
        self._by_surname: dict[str, list[CompletedMove]] = defaultdict(list)
        self.windows: set[Window] = set()
        self._covered: dict[Window, set[str]] = defaultdict(set)
        self._count = 0
        for move in moves:
            self._count += 1
            if move.league_club:
                self._covered[move.window].add(club_key(move.league_club))
            self._by_key[person_key(move.person)].append(move)
            self._by_surname[surname_key(move.person)].append(move)
            self.windows.add(move.window)

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return True  # an empty table is still a table: "no move recorded" is information

    def moves_of(self, person: str, window: Window, *, known_on: date) -> list[CompletedMove]:
        """Moves of a person in a window that were known by a day (surname rule when needed)."""
        found = self._by_key.get(person_key(person), [])
        if not found:
            candidates = self._by_surname.get(surname_key(person), [])
            if not is_surname_only(person):
                first = person_key(person).split()[0]
                candidates = [m for m in candidates if _same_first_name(first, person_key(m.person).split()[0])]
            found = candidates
        return [m for m in found if m.window == window and m.known_on() <= known_on]

    def covers(self, club: str | None, window: Window) -> bool:
        """True when the tables list every move in and out of this club in this window."""
        if not club:
            return False
        covered = self._covered.get(window, set())
        return club_key(club) in covered or any(clubs_match(club, c) for c in covered)

    def windows_joined(self, person: str, club: str | None) -> list[Window]:
        """Windows in which the tables have the person joining a club (any date)."""
        found = self._by_key.get(person_key(person)) or self._by_surname.get(surname_key(person), [])
        return sorted(
            {m.window for m in found if clubs_match(m.to_club, club)},
            key=lambda w: (w.year, w.part == "summer"),
        )


def _same_first_name(a: str, b: str) -> bool:
    """"Lautaro" is not "Lisandro"; "L" or "Lis" may be "Lisandro"."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short)


def _club_or_none(name: str) -> str | None:
    return None if name.strip().casefold() in _NOWHERE else name.strip()


def _read_by_window(path: Path, seasons: Collection[int] | None) -> Iterable[CompletedMove]:
    """Rows of transfers-by-window/<league>/<season>.csv (season 2021 winter = January 2022)."""
    season = int(path.stem)
    if seasons is not None and season not in seasons:
        return
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            part = row["window"].strip().lower()
            window = Window(season, "summer") if part == "summer" else Window(season + 1, "winter")
            club, other = row["club"], _club_or_none(row["dealing_club"])
            is_in = row["movement"].strip().lower() == "in"
            yield CompletedMove(
                person=row["player_name"],
                from_club=other if is_in else club,
                to_club=club if is_in else other,
                window=window,
                is_loan=row.get("is_loan", "0").strip() in {"1", "True", "true"},
                league_club=club,
            )


def _read_dated(path: Path, seasons: Collection[int] | None) -> Iterable[CompletedMove]:
    """Rows of transfers/*.csv: exact dates (dd/mm/yyyy) from 2022."""
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                day = datetime.strptime(row["transfer_date"], "%d/%m/%Y").date()
            except (KeyError, ValueError):
                continue
            window = window_for_date(day)
            season = window.year if window.part == "summer" else window.year - 1
            if seasons is not None and season not in seasons:
                continue
            yield CompletedMove(
                person=row["player_name"],
                from_club=_club_or_none(row.get("from_club_name", "")),
                to_club=_club_or_none(row.get("to_club_name", "")),
                window=window,
                day=day,
            )


def load_completed_transfers(kb_dir: Path, seasons: Collection[int] | None = None) -> CompletedTransfers:
    """Read `transfers-by-window/` and `transfers/` under a knowledge-base folder (e.g. ../shared/kb)."""
    moves: list[CompletedMove] = []
    for path in sorted((kb_dir / "transfers-by-window").glob("*/*.csv")):
        moves.extend(_read_by_window(path, seasons))
    for path in sorted((kb_dir / "transfers").glob("*.csv")):
        moves.extend(_read_dated(path, seasons))
    return CompletedTransfers(moves)


def season_of(window: Window) -> int:
    """The season a window belongs to in the tables (2021 winter is January 2022: season 2021)."""
    return window.year if window.part == "summer" else window.year - 1


# Tables read so far, per knowledge-base folder: the seasons read (None: all) and the tables.
_tables: dict[Path, tuple[frozenset[int] | None, CompletedTransfers]] = {}
_tables_lock = threading.Lock()


def completed_transfers(kb_dir: Path | None, seasons: frozenset[int] | None = None) -> CompletedTransfers | None:
    """Completed-transfer tables from a knowledge-base folder, when it has them (kept per process).

    `seasons` asks only for those seasons' tables (an ingest needs the windows in the news, and
    the whole tables take seconds to read); what was read is kept and grows to cover each new
    ask, so a process reads the tables at most once per new season. Labels only look at the
    windows they are asked about, so extra seasons change nothing.
    """
    if kb_dir is None:
        return None
    if not (kb_dir / "transfers-by-window").is_dir() and not (kb_dir / "transfers").is_dir():
        return None
    with _tables_lock:
        found = _tables.get(kb_dir)
        wanted = seasons
        if found is not None:
            have, tables = found
            if have is None or (seasons is not None and seasons <= have):
                return tables
            wanted = None if seasons is None else have | seasons
        tables = load_completed_transfers(kb_dir, wanted)
        _tables[kb_dir] = (wanted, tables)
        return tables


def _is_done(claim: TransferClaim) -> bool:
    return claim.status == Status.DONE and claim.stage in DONE_STAGES and not claim.is_hedged


def reported_done(story: Story, as_of: date) -> StoryClaim | None:
    """The claim from which the story stands reported done on `as_of` (None if it does not).

    A collapse or denial after a deal was reported ends it; a later deal report starts it again.
    """
    found: StoryClaim | None = None
    for member in story.claims:
        if member.published > as_of:
            break
        if member.claim.stage in OFF_STAGES:
            found = None
        elif found is None and _is_done(member.claim):
            found = member
    return found


def _matches(story: Story, move: CompletedMove) -> bool:
    """Does a completed move realise the story (its destination, or any exit from its club)?"""
    if story.is_exit:
        return story.from_club is None or clubs_match(move.from_club, story.from_club)
    return clubs_match(move.to_club, story.to_club)


def label_story(
    story: Story,
    *,
    as_of: date,
    completed: CompletedTransfers | None = None,
    rivals: Sequence[Story] = (),
    contracts: Sequence[ContractClaim] = (),
) -> StoryOutcome:
    """Label one story from what was known on `as_of`: tables first, then later claims."""
    close = window_close(story.window)
    moves = (
        completed.moves_of(story.person, story.window, known_on=as_of) if completed is not None else []
    )
    hits = [m for m in moves if _matches(story, m)]
    if hits:
        return StoryOutcome(story.id, Outcome.HAPPENED, min(m.known_on() for m in hits), TABLE_REASON)
    elsewhere = [m for m in moves if m.to_club is not None and not story.is_exit]
    if elsewhere:
        move = min(elsewhere, key=CompletedMove.known_on)
        return StoryOutcome(story.id, Outcome.NOT_HAPPENED, move.known_on(), f"joined {move.to_club}")
    if (
        completed is not None
        and as_of > close
        and (completed.covers(story.to_club, story.window) or completed.covers(story.from_club, story.window))
    ):
        # The tables list every move of that club's league: their silence outweighs gossip.
        return StoryOutcome(story.id, Outcome.NOT_HAPPENED, close, "no such move in the completed-transfer tables")
    done = reported_done(story, as_of)
    # The first deal of the window wins: a rival's earlier agreement closes this destination
    # (later claims for it cannot reopen it), and a deal for this one closes the rivals.
    deals = [
        (member.published, rival) for rival in rivals
        if rival.id != story.id and not rival.is_exit
        and (member := reported_done(rival, as_of)) is not None
    ]
    rival_deal = min(deals, key=lambda pair: pair[0]) if deals else None
    if done is not None and (rival_deal is None or done.published <= rival_deal[0]):
        return StoryOutcome(story.id, Outcome.HAPPENED, done.published, f"reported done ({done.claim_id})")
    if rival_deal is not None:
        day, rival = rival_deal
        if story.is_exit:  # leaving for another club is the exit happening
            return StoryOutcome(story.id, Outcome.HAPPENED, day, f"left for {rival.to_club}")
        return StoryOutcome(story.id, Outcome.NOT_HAPPENED, day, f"joined {rival.to_club}")
    for contract in contracts:
        published = contract.provenance.published
        if (
            contract.action in RENEWAL_ACTIONS
            and published is not None
            and story.first_seen <= published <= min(as_of, close)
            and (story.from_club is None or clubs_match(contract.club, story.from_club))
        ):
            return StoryOutcome(story.id, Outcome.NOT_HAPPENED, published, "renewed")
    if as_of > close:
        return StoryOutcome(story.id, Outcome.NOT_HAPPENED, close, "window closed without the move")
    return StoryOutcome(story.id, Outcome.OPEN, None, "open")


def label_stories(
    stories: Sequence[Story],
    *,
    as_of: date,
    completed: CompletedTransfers | None = None,
    contracts: Sequence[ContractClaim] = (),
) -> dict[str, StoryOutcome]:
    """Label every story as known on `as_of` (each story sees only claims up to that day)."""
    current = [s for s in (story.as_of(as_of) for story in stories) if s is not None]
    by_person = stories_by_person(current)
    by_contract_person: dict[str, list[ContractClaim]] = defaultdict(list)
    for contract in contracts:
        by_contract_person[person_key(contract.person)].append(contract)
    return {
        story.id: label_story(
            story,
            as_of=as_of,
            completed=completed,
            rivals=by_person[(story.person_key, story.window)],
            contracts=by_contract_person.get(story.person_key, []),
        )
        for story in current
    }

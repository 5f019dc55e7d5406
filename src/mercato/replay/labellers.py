"""Outcome labellers for the backtest, and agreement with a reference set of outcome labels.

The gossip labeller is Mercato's own (`mercato.stories.outcomes`: completed-transfer tables,
later claims, renewals, window close). The rumour-thread labeller reads each thread's recorded
outcome instead. The reference file is only ever compared against, never used to label.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mercato.domain import Article, ContractClaim, TransferClaim, Window
from mercato.replay.backtest import Labeller
from mercato.stories.merge import Story, merge_stories
from mercato.stories.names import clubs_match, persons_match, window_close, window_for_date
from mercato.stories.outcomes import (
    CompletedTransfers,
    Outcome,
    StoryOutcome,
    label_stories,
)


def gossip_labeller(completed: CompletedTransfers, contracts: Sequence[ContractClaim]) -> Labeller:
    """Mercato's own labels: tables, later claims, renewals, and the window closing."""

    def label(stories: Sequence[Story], day: date) -> Mapping[str, StoryOutcome]:
        return label_stories(stories, as_of=day, completed=completed, contracts=contracts)

    return label


@dataclass(frozen=True)
class Thread:
    """A rumour-mill thread: one player towards one club, and how it ended."""

    key: str
    to_club: str
    done: bool
    last_snippet: date


def _threads(articles: Sequence[Article]) -> tuple[dict[str, Thread], dict[str, str]]:
    """Threads by key, and item id -> thread key, from the snippets' metadata."""
    of_item: dict[str, str] = {}
    info: dict[str, tuple[str, bool]] = {}
    last: dict[str, date] = {}
    for article in articles:
        meta = article.meta
        key = f"{meta.get('tm_player_id')}->{meta.get('thread_to_tm_id') or meta.get('thread_to')}"
        of_item[article.external_id or article.id] = key
        info[key] = (str(meta.get("thread_to") or ""), meta.get("thread_outcome") == "Done deal")
        if article.published and (key not in last or article.published > last[key]):
            last[key] = article.published
    threads = {k: Thread(k, to, done, last[k]) for k, (to, done) in info.items() if k in last}
    return threads, of_item


def _thread_of(story: Story, threads: Mapping[str, Thread], of_item: Mapping[str, str]) -> Thread | None:
    """The thread most of a story's claims come from, if its destination is the story's."""
    votes = Counter(of_item.get(m.claim_id.split("#")[0]) for m in story.claims)
    for key, _ in votes.most_common():
        thread = threads.get(key or "")
        if thread is not None and not story.is_exit and clubs_match(story.to_club, thread.to_club):
            return thread
    return None


@dataclass(frozen=True)
class ThreadLabels:
    """Rumour-thread labelling: which window each done thread's move fell in, and the labeller."""

    move_window: dict[str, Window]
    labeller: Labeller
    kept_claims: tuple[tuple[str, TransferClaim], ...]
    dropped: int


def thread_labels(
    articles: Sequence[Article],
    claims: Sequence[tuple[str, TransferClaim]],
    completed: CompletedTransfers | None,
) -> ThreadLabels:
    """Label stories by their thread's outcome, in the window the move happened; drop later snippets."""
    threads, of_item = _threads(articles)
    move_window: dict[str, Window] = {}
    for story in merge_stories(claims):
        thread = _thread_of(story, threads, of_item)
        if thread is None or not thread.done or thread.key in move_window:
            continue
        joined = completed.windows_joined(story.person, thread.to_club) if completed is not None else []
        move_window[thread.key] = joined[-1] if joined else window_for_date(thread.last_snippet)
    kept, dropped = [], 0
    for claim_id, claim in claims:
        window = move_window.get(of_item.get(claim_id.split("#")[0], ""))
        published = claim.provenance.published
        if window is not None and published is not None and published > window_close(window):
            dropped += 1  # dated after the move's window shut: it would leak the answer
            continue
        kept.append((claim_id, claim))

    def label(stories: Sequence[Story], day: date) -> Mapping[str, StoryOutcome]:
        out = {}
        for story in stories:
            close = window_close(story.window)
            thread = _thread_of(story, threads, of_item)
            if thread is None:
                continue
            if day <= close:
                out[story.id] = StoryOutcome(story.id, Outcome.OPEN, None, "open")
                continue
            happened = thread.done and move_window.get(thread.key) == story.window
            result = Outcome.HAPPENED if happened else Outcome.NOT_HAPPENED
            out[story.id] = StoryOutcome(story.id, result, close, "thread outcome")
        return out

    return ThreadLabels(move_window, label, tuple(kept), dropped)


@dataclass(frozen=True)
class Agreement:
    """How Mercato's labels compare with reference labels on the items both label."""

    both: int
    agree: int
    agree_same_window: int
    reference_items: int

    @property
    def rate(self) -> float:
        """Share of items both label on which the labels agree."""
        return self.agree / self.both if self.both else 0.0

    @property
    def rate_same_window(self) -> float:
        """Agreement with the stricter same-window reading of the reference."""
        return self.agree_same_window / self.both if self.both else 0.0


def reference_agreement(
    reference: Path,
    stories: Sequence[Story],
    outcomes: Mapping[str, StoryOutcome],
) -> Agreement:
    """Compare story outcomes with a reference JSONL (id, player, to, happened) item by item."""
    claims_of_item: dict[str, list[tuple[str, TransferClaim]]] = defaultdict(list)
    for story in stories:
        for member in story.claims:
            claims_of_item[member.claim_id.split("#")[0]].append((story.id, member.claim))
    both = agree = agree_same = total = 0
    with reference.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            total += 1
            labels = {
                outcomes[sid].outcome
                for sid, claim in claims_of_item.get(row["id"], [])
                if sid in outcomes
                and persons_match(claim.person, row["player"])
                and clubs_match(claim.to_club, row["to"])
                and outcomes[sid].outcome != Outcome.OPEN
            }
            if not labels:
                continue
            mine = Outcome.HAPPENED in labels
            both += 1
            agree += int(mine == bool(row["happened"]))
            agree_same += int(mine == bool(row.get("happened_same_window", row["happened"])))
    return Agreement(both, agree, agree_same, total)

"""Keep the store live: poll feeds and folders on a schedule, ingest what is new, and tell about it.

A watch is configured in a TOML (or JSON) file:

    interval = 900                     # seconds between polls
    webhook = "https://example.org/hook"   # optional: each notice is POSTed there as JSON
    state = "watch-state.json"         # optional: where progress is kept (beside the config)
    fetch_pages = false                # fetch the page behind a summary-only feed entry

    [[feeds]]
    url = "https://example.org/football.rss"    # or path = "saved/feed.xml"

    [[folders]]
    path = "inbox"

    [follow]
    clubs = ["Inter"]
    players = ["Bastoni"]

Each poll fetches every feed that is due (conditional GET with the ETag and Last-Modified it was
given), reads the new files of every folder, extracts and stores the new articles one
transaction per source, links syndicated copies, and emits a `Notice` when a followed club or
player gets a transfer claim it did not have, or one whose stage is new. Progress (ETags, seen
entries, file signatures, failures and the last stage of each followed move) lives in a JSON
state file written atomically after every source, so a restart goes on where it stopped. A
failing feed is retried after the interval, then after twice that, and so on up to a cap.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mercato.domain import Article, Extraction, TransferClaim
from mercato.errors import ConfigurationError, IngestError, StoreError
from mercato.kb.normalise import normalise_alias
from mercato.store import Store

log = logging.getLogger("mercato.watch")

DEFAULT_INTERVAL = 900.0
MAX_BACKOFF = 6 * 3600.0
SEEN_PER_FEED = 5000  # entry ids remembered per feed (feeds carry far fewer at a time)

Extract = Callable[[Article], Extraction]


@dataclass(frozen=True)
class FeedSource:
    """One feed to poll: a URL, or a file that some other program keeps up to date."""

    location: str
    name: str | None = None

    @property
    def is_remote(self) -> bool:
        return self.location.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class WatchConfig:
    """What to watch, how often, whom to follow, and where to report."""

    feeds: tuple[FeedSource, ...] = ()
    folders: tuple[Path, ...] = ()
    interval: float = DEFAULT_INTERVAL
    webhook: str | None = None
    state_path: Path = Path("watch-state.json")
    follow_clubs: tuple[str, ...] = ()
    follow_players: tuple[str, ...] = ()
    fetch_pages: bool = False
    max_backoff: float = MAX_BACKOFF


def _strings(value: object, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigurationError(f"watch config: {what} must be a list of strings")
    return tuple(value)


def load_config(path: Path) -> WatchConfig:
    """Read a watch config file (TOML, or JSON by suffix); raises ConfigurationError."""
    try:
        raw = path.read_bytes()
        data: dict[str, Any] = (
            json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw.decode())
        )
    except OSError as exc:
        raise ConfigurationError(f"cannot read watch config {path}: {exc.strerror}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"watch config {path} is malformed: {exc}") from exc
    base = path.resolve().parent
    feeds = []
    for item in data.get("feeds") or []:
        location = item.get("url") or item.get("path") if isinstance(item, dict) else item
        if not isinstance(location, str) or not location:
            raise ConfigurationError(f"watch config: each feed needs a url or path ({item!r})")
        if not location.lower().startswith(("http://", "https://")):
            location = str((base / location).resolve())
        name = item.get("name") if isinstance(item, dict) else None
        feeds.append(FeedSource(location, name))
    folders = []
    for item in data.get("folders") or []:
        folder = item.get("path") if isinstance(item, dict) else item
        if not isinstance(folder, str):
            raise ConfigurationError(f"watch config: each folder needs a path ({item!r})")
        folders.append((base / folder).resolve())
    follow = data.get("follow") or {}
    try:
        interval = float(data.get("interval", DEFAULT_INTERVAL))
    except (TypeError, ValueError) as exc:
        raise ConfigurationError("watch config: interval must be a number of seconds") from exc
    if interval <= 0:
        raise ConfigurationError("watch config: interval must be positive")
    if not feeds and not folders:
        raise ConfigurationError("watch config: nothing to watch (no feeds and no folders)")
    return WatchConfig(
        feeds=tuple(feeds),
        folders=tuple(folders),
        interval=interval,
        webhook=data.get("webhook") or None,
        state_path=base / str(data.get("state") or f"{path.stem}.state.json"),
        follow_clubs=_strings(follow.get("clubs"), "follow.clubs"),
        follow_players=_strings(follow.get("players"), "follow.players"),
        fetch_pages=bool(data.get("fetch_pages", False)),
        max_backoff=float(data.get("max_backoff", MAX_BACKOFF)),
    )


@dataclass(frozen=True)
class Notice:
    """A followed club or player got a new transfer claim, or a claim moved to a new stage."""

    kind: str  # "new_claim" or "stage_change"
    person: str
    to_club: str | None
    from_club: str | None
    stage: str
    status: str
    previous_stage: str | None
    article_id: str
    url: str | None
    outlet: str | None
    published: str | None
    followed: str  # the followed name that matched

    def line(self) -> str:
        """One human line for the terminal."""
        move = f"{self.person} -> {self.to_club or '?'}"
        if self.from_club:
            move += f" (from {self.from_club})"
        change = (
            f"new {self.stage} claim"
            if self.kind == "new_claim"
            else f"{self.previous_stage} -> {self.stage}"
        )
        where = ", ".join(x for x in (self.outlet, self.published, self.url) if x)
        return f"[{self.followed}] {move}: {change}" + (f" ({where})" if where else "")


@dataclass
class PollReport:
    """What one poll did."""

    ingested: int = 0
    duplicates: int = 0
    copies: int = 0
    skipped_sources: int = 0  # feeds still backing off
    failures: list[IngestError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


class WatchState:
    """Progress kept across restarts, in one JSON file replaced atomically."""

    def __init__(self, path: Path, data: dict[str, Any] | None = None) -> None:
        self.path = path
        self.data: dict[str, Any] = data or {}
        self.data.setdefault("feeds", {})
        self.data.setdefault("files", {})
        self.data.setdefault("moves", {})

    @classmethod
    def load(cls, path: Path) -> WatchState:
        """The state saved at `path`, or a fresh one (a corrupt file is set aside, not trusted)."""
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            problem = None if isinstance(data, dict) else "not a JSON object"
        except (OSError, ValueError) as exc:
            problem = str(exc)
        if problem is not None:
            aside = path.with_suffix(path.suffix + ".corrupt")
            log.warning("watch state %s unreadable (%s); moved to %s", path, problem, aside)
            os.replace(path, aside)
            return cls(path)
        return cls(path, data)

    def save(self) -> None:
        """Write the state to a temporary file, then rename it over the old one."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".watch-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self.data, out, ensure_ascii=False, indent=1, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, self.path)

    def feed(self, location: str) -> dict[str, Any]:
        """The mutable record of one feed."""
        return self.data["feeds"].setdefault(location, {"seen": [], "failures": 0})


def _matches(followed: Sequence[str], *names: str | None) -> str | None:
    """The first followed name found at a word start inside any of the given names."""
    for wanted in followed:
        key = normalise_alias(wanted)
        if not key:
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(key))
        for name in names:
            if name and pattern.search(normalise_alias(name)):
                return wanted
    return None


def notices_for(
    extractions: Iterable[Extraction], config: WatchConfig, moves: dict[str, str]
) -> list[Notice]:
    """Notices for followed moves in new extractions; `moves` (move key -> stage) is updated."""
    found = []
    ordered = sorted(extractions, key=lambda e: (e.article.published is None, e.article.published))
    for extraction in ordered:
        article = extraction.article
        for claim in extraction.claims:
            if not isinstance(claim, TransferClaim):
                continue
            followed = _matches(config.follow_players, claim.person) or _matches(
                config.follow_clubs, claim.to_club, claim.from_club
            )
            if followed is None:
                continue
            key = f"{normalise_alias(claim.person)}|{normalise_alias(claim.to_club or '')}"
            previous = moves.get(key)
            stage = str(claim.stage)
            if previous == stage:
                continue
            moves[key] = stage
            found.append(
                Notice(
                    kind="new_claim" if previous is None else "stage_change",
                    person=claim.person,
                    to_club=claim.to_club,
                    from_club=claim.from_club,
                    stage=stage,
                    status=str(claim.status),
                    previous_stage=previous,
                    article_id=article.id,
                    url=article.url,
                    outlet=article.outlet,
                    published=article.published.isoformat() if article.published else None,
                    followed=followed,
                )
            )
    return found


def notice_payload(notice: Notice) -> dict[str, Any]:
    """The JSON body a webhook receives for one notice."""
    return {"event": f"mercato.{notice.kind}", **asdict(notice)}


class Watcher:
    """Polls the configured sources into a store and emits notices; one `poll` per schedule tick."""

    def __init__(
        self,
        config: WatchConfig,
        store: Store,
        *,
        extract: Extract,
        notify: Callable[[Notice], None] = lambda notice: None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.store = store
        self.extract = extract
        self.notify = notify
        self.clock = clock
        self.state = WatchState.load(config.state_path)

    def poll(self) -> PollReport:
        """Visit every due feed and every folder once; save progress after each source."""
        report = PollReport()
        for feed in self.config.feeds:
            self._poll_feed(feed, report)
            self.state.save()
        for folder in self.config.folders:
            self._poll_folder(folder, report)
            self.state.save()
        return report

    def sleep(self) -> None:
        """Wait until the next poll is due."""
        time.sleep(self.config.interval)

    # --- feeds ---------------------------------------------------------------------------

    def _poll_feed(self, feed: FeedSource, report: PollReport) -> None:
        record = self.state.feed(feed.location)
        now = self.clock()
        if record.get("next_try", 0) > now:
            report.skipped_sources += 1
            return
        try:
            records = self._read_feed(feed, record)
            if records is None:
                return  # not modified: the feed's standing (and any backoff) stays as it was
            _refuse_if_nothing_read(records, feed.location)
            self._ingest(records, report, seen=record)
        except IngestError as exc:
            failures = int(record.get("failures", 0)) + 1
            delay = min(self.config.interval * 2 ** (failures - 1), self.config.max_backoff)
            record.update(failures=failures, next_try=now + delay, last_error=str(exc))
            report.failures.append(exc)
            log.warning("%s (retry in %.0f s)", exc, delay)
            return
        record.update(failures=0, next_try=0, last_error=None)

    def _read_feed(self, feed: FeedSource, record: dict[str, Any]) -> list[Any] | None:
        """The feed's records, or None when the server says nothing changed."""
        from mercato.ingest.feeds import parse_feed
        from mercato.ingest.sanity import read_capped

        if not feed.is_remote:
            path = Path(feed.location)
            try:
                stat = path.stat()
                signature = [stat.st_size, stat.st_mtime_ns]
            except OSError:
                signature = None
            if signature is not None and record.get("signature") == signature:
                return None  # the file has not changed since it was read: nothing new in it
            records = list(parse_feed(read_capped(path), source=feed.location))
            record["signature"] = signature
            return records
        from mercato.ingest.fetch import articles_from_result, fetch, new_client

        with new_client() as client:
            result = fetch(
                feed.location,
                client=client,
                etag=record.get("etag"),
                last_modified=record.get("last_modified"),
            )
            if result.not_modified:
                return None
            records = list(
                articles_from_result(
                    result,
                    source=feed.location,
                    client=client,
                    fetch_pages=self.config.fetch_pages,
                )
            )
        record.update(etag=result.etag, last_modified=result.last_modified)
        return records

    # --- folders -------------------------------------------------------------------------

    def _poll_folder(self, folder: Path, report: PollReport) -> None:
        from mercato.ingest.readers import iter_files, read_path

        signatures: dict[str, list[int]] = self.state.data["files"]
        for found in iter_files([folder]):
            if isinstance(found, IngestError):
                report.failures.append(found)
                continue
            try:
                stat = found.stat()
            except OSError:
                continue  # removed while we looked
            key = str(found)
            signature = [stat.st_size, stat.st_mtime_ns]
            if signatures.get(key) == signature:
                continue
            try:
                self._ingest(list(read_path(found)), report, seen=None)
            except IngestError as exc:
                report.failures.append(exc)
            signatures[key] = signature
            self.state.save()

    # --- storing and telling -------------------------------------------------------------

    def _ingest(self, records: list[Any], report: PollReport, seen: dict[str, Any] | None) -> None:
        """Extract and store one source's new articles in one transaction, then notify."""
        from mercato.kb.met import people_met
        from mercato.pipeline import where
        from mercato.store.batches import store_batch

        seen_ids: list[str] = seen["seen"] if seen is not None else []
        known_entries = set(seen_ids)
        articles: dict[str, Article] = {}
        entries: list[str] = []
        for item in records:
            if isinstance(item, IngestError):
                report.failures.append(item)
            elif isinstance(item, Article):
                entry = item.external_id or item.url or item.id
                if entry in known_entries:
                    continue
                articles.setdefault(item.id, item)
                entries.append(entry)
        present = self.store.existing_article_ids(list(articles))
        report.duplicates += len(present)
        extractions = []
        for article in articles.values():
            if article.id in present:
                continue
            try:
                extractions.append(self.extract(article))
            except Exception as exc:  # noqa: BLE001 - one bad article is reported, the rest go on
                source = where(article)
                report.failures.append(IngestError(source, f"extraction failed ({exc})"))
        try:
            result = store_batch(self.store, extractions, *people_met(extractions))
        except StoreError as exc:
            # Nothing of this source was stored; its entries stay unseen and come back next poll.
            source = records_source(records) or "watch"
            report.failures.append(IngestError(source, f"could not be stored ({exc})"))
            return
        seen_ids.extend(entries)
        report.ingested += len(result.article_ids)
        added = set(result.article_ids)
        fresh = [e for e in extractions if e.article.id in added]
        report.copies += len(result.links)
        if seen is not None:
            del seen_ids[:-SEEN_PER_FEED]
        for notice in notices_for(fresh, self.config, self.state.data["moves"]):
            report.notices.append(notice)
            self.notify(notice)


def _refuse_if_nothing_read(records: Sequence[Any], location: str) -> None:
    """A feed whose every entry failed is a failing feed: it backs off like an unreachable one,
    instead of printing the same failures at every poll."""
    failures = [r for r in records if isinstance(r, IngestError)]
    if failures and len(failures) == len(records):
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        raise IngestError(location, f"no entry could be read: {failures[0].reason}{more}")


def records_source(records: Sequence[Any]) -> str | None:
    """The source path named by the first article of a batch, for error messages."""
    for item in records:
        if isinstance(item, Article) and item.source_path:
            return item.source_path
    return None

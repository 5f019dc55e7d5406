"""`mercato watch` against a feed server on 127.0.0.1 whose feed changes between polls."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.local_server import Route, Site, serve  # tests/ingest/local_server.py
from mercato.domain import (
    STAGE_STATUS,
    Article,
    Extraction,
    Provenance,
    Span,
    Stage,
    TransferClaim,
)
from mercato.errors import ConfigurationError
from mercato.store import Store, copy_tables
from mercato.watch import Notice, Watcher, WatchState, load_config

pytestmark = pytest.mark.timeout(120)


def rss(*items: tuple[str, str, str, str]) -> bytes:
    """An RSS document with (guid, date, title, text) items."""
    body = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><pubDate>{day}</pubDate>"
        f"<link>https://news.example/{guid}</link><description>{text}</description></item>"
        for guid, day, title, text in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example Football</title>'
        f"{body}</channel></rss>"
    ).encode()


TALKS = (
    "a1",
    "Fri, 24 Feb 2023 09:00:00 GMT",
    "Reds in talks for defender",
    (
        "Liverpool are in talks with Inter Milan over a move for Alessandro Bastoni, "
        "according to reports in Italy on Friday morning."
    ),
)
MEDICAL = (
    "a2",
    "Fri, 24 Mar 2023 09:00:00 GMT",
    "Defender set for medical",
    (
        "Liverpool have agreed a fee with Inter Milan for Alessandro Bastoni and he will have "
        "a medical on Monday before signing a five-year contract."
    ),
)
UNRELATED = (
    "a3",
    "Sat, 25 Mar 2023 09:00:00 GMT",
    "Cup draw made",
    (
        "The draw for the next round of the cup was made on Saturday evening, with two home ties "
        "for the northern clubs and a long trip for the holders."
    ),
)


def write_config(tmp_path: Path, feed_url: str, *, hook: str | None = None, **extra: str) -> Path:
    lines = [
        "interval = 60",
        *(f'webhook = "{hook}"' for _ in [1] if hook),
        *(f"{k} = {v}" for k, v in extra.items()),
        "[[feeds]]",
        f'url = "{feed_url}"',
        "[follow]",
        'players = ["Bastoni"]',
        'clubs = ["Arsenal"]',
    ]
    path = tmp_path / "watch.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- end to end: the real command, the real extractor ---------------------------------------


def test_watch_follows_a_changing_feed_and_calls_the_webhook(tmp_path: Path) -> None:
    feed = Site({"/feed.xml": Route(rss(TALKS), "application/rss+xml", headers={"ETag": '"1"'})})
    hook = Site({"/hook": Route(b"ok", "text/plain")})
    db = f"sqlite:///{tmp_path / 'watch.db'}"
    runner = CliRunner()
    from mercato.cli.watch import watch_command

    with serve(feed), serve(hook):
        config = write_config(tmp_path, f"{feed.base}/feed.xml", hook=f"{hook.base}/hook")
        args = ["--config", str(config), "--once", "--db", db]
        first = runner.invoke(watch_command, args)
        assert first.exit_code == 0, first.output
        # the club's printed name is the knowledge base's ("Liverpool", "Liverpool FC", ...)
        assert re.search(
            r"\[Bastoni\] Alessandro Bastoni -> Liverpool[^:]*: new talks claim", first.output
        )

        # the feed changes: a new entry moves the story on; the old one is still listed
        feed.routes["/feed.xml"] = Route(
            rss(MEDICAL, TALKS, UNRELATED), "application/rss+xml", headers={"ETag": '"2"'}
        )
        second = runner.invoke(watch_command, args)
        assert second.exit_code == 0, second.output
        assert re.search(r"Alessandro Bastoni -> Liverpool[^:]*: talks -> medical", second.output)
        assert "2 new articles" in second.output  # the medical report and the cup draw

        third = runner.invoke(watch_command, args)  # nothing changed: a 304, nothing new
        assert third.exit_code == 0, third.output
        assert "0 new articles" in third.output and "->" not in third.output

    feed_requests = [headers for path, headers, _ in feed.requests if path == "/feed.xml"]
    assert feed_requests[-1].get("If-None-Match") == '"2"'
    posted = [json.loads(body) for path, _, body in hook.requests if path == "/hook"]
    liverpool = [p for p in posted if (p["to_club"] or "").startswith("Liverpool")]
    assert [(p["event"], p["stage"]) for p in liverpool] == [
        ("mercato.new_claim", "talks"),
        ("mercato.stage_change", "medical"),
    ]
    assert liverpool[1]["previous_stage"] == "talks"
    assert liverpool[1]["published"] == "2023-03-24"
    with Store.open(db) as store:
        assert store.count_articles() == 3


# --- mechanics, with a small stand-in extractor ----------------------------------------------

_CLAIM = re.compile(
    r"(?P<person>[A-Z]\w+) is at the (?P<stage>talks|medical) stage with (?P<club>[A-Z]\w+)"
)


class RuleExtract:
    """Finds 'X is at the STAGE stage with CLUB'; counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, article: Article) -> Extraction:
        self.calls += 1
        claims = []
        for m in _CLAIM.finditer(article.text):
            stage = Stage(m["stage"])
            provenance = Provenance(
                article.id,
                Span(m.start(), m.end(), m[0]),
                article.outlet,
                article.published,
                "t.v1",
            )
            claims.append(
                TransferClaim(m["person"], m["club"], None, STAGE_STATUS[stage], stage, provenance)
            )
        return Extraction(article, (), tuple(claims))


def story(guid: str, day: int, stage: str, club: str = "Arsenal") -> tuple[str, str, str, str]:
    text = (
        f"Saka is at the {stage} stage with {club}, people familiar with the matter said on "
        f"day {day}, and more news is expected later in the week from both sides."
    )
    return (guid, f"{day:02d} Mar 2023 10:00:00 GMT", f"Update {guid}", text)


def test_backoff_doubles_on_failure_and_resets_on_success(tmp_path: Path) -> None:
    site = Site({"/feed.xml": Route(b"down", "text/plain", status=503)})
    now = [1000.0]
    with serve(site), Store.open(f"sqlite:///{tmp_path / 'w.db'}") as store:
        config = load_config(write_config(tmp_path, f"{site.base}/feed.xml"))
        watcher = Watcher(config, store, extract=RuleExtract(), clock=lambda: now[0])
        report = watcher.poll()
        assert len(report.failures) == 1 and "HTTP 503" in str(report.failures[0])
        state = watcher.state.feed(config.feeds[0].location)
        assert state["failures"] == 1 and state["next_try"] == 1060.0

        now[0] = 1030.0
        assert watcher.poll().skipped_sources == 1  # still backing off: not even asked
        now[0] = 1061.0
        watcher.poll()
        assert state["failures"] == 2 and state["next_try"] == 1061.0 + 120.0
        asked = len(site.requests)

        site.routes["/feed.xml"] = Route(rss(story("s1", 1, "talks")), "application/rss+xml")
        now[0] = 1061.0 + 121.0
        report = watcher.poll()
        assert report.ingested == 1 and not report.failures
        assert state["failures"] == 0 and state["next_try"] == 0
        assert len(site.requests) == asked + 1


def test_state_survives_a_restart_and_seen_entries_are_not_extracted_again(
    tmp_path: Path,
) -> None:
    site = Site({"/feed.xml": Route(rss(story("s1", 1, "talks")), "application/rss+xml")})
    notices: list[Notice] = []
    with serve(site), Store.open(f"sqlite:///{tmp_path / 'w.db'}") as store:
        config = load_config(write_config(tmp_path, f"{site.base}/feed.xml"))
        extract = RuleExtract()
        Watcher(config, store, extract=extract, notify=notices.append).poll()
        assert extract.calls == 1
        assert [(n.kind, n.stage, n.followed) for n in notices] == [
            ("new_claim", "talks", "Arsenal")
        ]

        # a new process: same state file, the feed grows by one entry (no ETag this time)
        site.routes["/feed.xml"] = Route(
            rss(story("s2", 2, "medical"), story("s1", 1, "talks")), "application/rss+xml"
        )
        restarted = Watcher(config, store, extract=extract, notify=notices.append)
        report = restarted.poll()
        assert extract.calls == 2  # only the new entry
        assert report.ingested == 1
        assert [(n.kind, n.previous_stage, n.stage) for n in notices[1:]] == [
            ("stage_change", "talks", "medical")
        ]
        # a claim at a stage already reported says nothing new
        site.routes["/feed.xml"] = Route(rss(story("s3", 3, "medical")), "application/rss+xml")
        restarted.poll()
        assert len(notices) == 2
    saved = json.loads(config.state_path.read_text())
    assert set(saved["feeds"][config.feeds[0].location]["seen"]) == {"s1", "s2", "s3"}


def test_unfollowed_moves_are_stored_but_not_announced(tmp_path: Path) -> None:
    site = Site({"/f.xml": Route(rss(story("c1", 1, "talks", club="Fulham")), "text/xml")})
    notices: list[Notice] = []
    with serve(site), Store.open(f"sqlite:///{tmp_path / 'w.db'}") as store:
        config = load_config(write_config(tmp_path, f"{site.base}/f.xml"))
        report = Watcher(config, store, extract=RuleExtract(), notify=notices.append).poll()
        assert report.ingested == 1 and notices == []


def test_folders_are_read_once_per_change_and_copies_are_linked(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = (
        "Saka is at the talks stage with Arsenal over a new long-term contract, with the "
        "club keen to tie down one of its most important players before the summer, "
        "according to several people with knowledge of the discussions held this week."
    )
    (inbox / "one.txt").write_text(f"date 2023-03-01 {text}", encoding="utf-8")
    config_path = tmp_path / "w.toml"
    config_path.write_text('interval = 5\n[[folders]]\npath = "inbox"\n', encoding="utf-8")
    config = load_config(config_path)
    extract = RuleExtract()
    with Store.open(f"sqlite:///{tmp_path / 'w.db'}") as store:
        watcher = Watcher(config, store, extract=extract)
        assert watcher.poll().ingested == 1
        assert watcher.poll().ingested == 0
        assert extract.calls == 1  # an unchanged file is not read again
        (inbox / "two.txt").write_text(f"date 2023-03-02 Reports say {text} More to follow.")
        report = watcher.poll()
        assert report.ingested == 1 and report.copies == 1
        (original,) = store.articles(until=date(2023, 3, 1))
        assert len(copy_tables.copies_of(store, original.id)) == 1


def test_corrupt_state_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text("{not json", encoding="utf-8")
    state = WatchState.load(path)
    assert state.data["feeds"] == {}
    assert (tmp_path / "state.json.corrupt").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("interval = 5\n", "nothing to watch"),
        ('interval = -1\n[[feeds]]\nurl = "http://127.0.0.1:1/x"\n', "positive"),
        ("[[feeds]\n", "malformed"),
        ('[[feeds]]\nname = "no url"\n', "url or path"),
        ('[[feeds]]\nurl = "http://127.0.0.1:1/x"\n[follow]\nclubs = "Arsenal"\n', "list"),
    ],
)
def test_bad_configs_are_clear_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "w.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=message):
        load_config(path)

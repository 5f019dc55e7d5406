"""`mercato watch` over a malformed local feed: the failure is told once, then the feed backs
off (or waits for the file to change) instead of repeating the same failure at every poll."""

from __future__ import annotations

from pathlib import Path

from adversarial.generate import story, without_extraction
from mercato.store import Store
from mercato.watch import FeedSource, WatchConfig, Watcher

BROKEN = "<rss><channel><item><title>Rovers move</title><description>short"
GOOD = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Rovers move</title><guid>one</guid><description>{text}</description></item>
</channel></rss>
"""


def test_a_malformed_local_feed_is_not_reported_at_every_poll(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(BROKEN, encoding="utf-8")
    config = WatchConfig(
        feeds=(FeedSource(str(feed)),), interval=1.0, state_path=tmp_path / "state.json"
    )
    now = [1_000.0]
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        watcher = Watcher(config, store, extract=without_extraction, clock=lambda: now[0])
        failures = 0
        for _ in range(25):  # 25 polls, one a second
            failures += len(watcher.poll().failures)
            now[0] += 1.0
        assert 1 <= failures <= 5, f"the same failure was reported {failures} times in 25 polls"

        # Fixed, the file is read again at once (the next poll due), and its entry stored.
        feed.write_text(GOOD.format(text=story(3)), encoding="utf-8")
        stored = 0
        for _ in range(40):
            report = watcher.poll()
            stored += report.ingested
            now[0] += 1.0
        assert stored == 1

"""Fuzzing every parser (hypothesis, bounded): whatever comes in, the only failure is IngestError.

Each reader gets raw bytes and text, and inputs built from its own format's pieces (tags, feed
elements, CSV cells, JSON values, WARC headers) so that the search reaches past the first check.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mercato.domain import Article
from mercato.errors import IngestError
from mercato.ingest.csv_export import parse_csv
from mercato.ingest.feeds import fragment_text, parse_feed
from mercato.ingest.html import article_from_html
from mercato.ingest.jsonl import read_jsonl_file
from mercato.ingest.readers import read_path
from mercato.ingest.sanity import decode_bytes, parse_date_text
from mercato.ingest.text import read_text_file
from mercato.ingest.warc import read_warc

# A longer hunt: MERCATO_FUZZ_EXAMPLES=2000 MERCATO_FUZZ_RANDOM=1 uv run pytest tests/ingest/test_fuzz.py
FUZZ = settings(
    max_examples=int(os.environ.get("MERCATO_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # By default the same bounded run every time, so that CI never flakes on a new seed.
    derandomize=not os.environ.get("MERCATO_FUZZ_RANDOM"),
)

WORDS = st.sampled_from(
    [
        "Rovers",
        "bid",
        "talks",
        "£20m",
        "Müller",
        "“said”",
        "&amp;",
        "&#0;",
        "\x00",
        "\ufeff",
        " ",
        "\n",
        "<",
        ">",
        "]]>",
        "'",
        '"',
        "2023-02-30",
        "9999-12-31",
        "\u202e",
        "é",
    ]
)
TEXTS = st.lists(WORDS, max_size=40).map(" ".join) | st.text(max_size=300)
TAGS = st.sampled_from(
    [
        "html",
        "head",
        "body",
        "p",
        "div",
        "article",
        "script",
        "style",
        "title",
        "meta",
        "br",
        "table",
        "td",
        "h1",
        "nav",
        "footer",
        "!--",
        "![CDATA[",
        "?xml",
        "svg",
    ]
)


def check(records: Iterable[object]) -> None:
    """Every record is an article with text, or an IngestError naming its source."""
    for record in records:
        if isinstance(record, Article):
            assert record.text.strip()
            assert record.id
        else:
            assert isinstance(record, IngestError), record
            assert record.source


def run(reader: Callable[[], Iterable[object]]) -> None:
    try:
        check(reader())
    except IngestError as exc:
        assert exc.source and exc.reason


@st.composite
def markup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(TAGS)
        kind = draw(st.integers(0, 3))
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            attr = draw(st.sampled_from(["charset", "property", "content", "lang", "href"]))
            parts.append(f'<{tag} {attr}="{draw(TEXTS)}">')
        else:
            parts.append(draw(TEXTS))
    return "".join(parts)


@st.composite
def feeds(draw: st.DrawFn) -> str:
    elements = ["title", "link", "description", "pubDate", "guid", "content:encoded", "summary",
                "published", "updated", "id", "entry", "item"]  # fmt: skip
    items = []
    for _ in range(draw(st.integers(0, 5))):
        fields = "".join(
            f"<{e}>{draw(TEXTS)}</{e}>"
            for e in draw(st.lists(st.sampled_from(elements), max_size=6))
        )
        items.append(f"<item>{fields}</item>")
    root = draw(st.sampled_from(["rss", "feed", "rdf:RDF", "channel"]))
    doc = f'<?xml version="1.0"?><{root}><channel><title>{draw(TEXTS)}</title>{"".join(items)}'
    return doc if draw(st.booleans()) else doc + f"</channel></{root}>"


@st.composite
def csvs(draw: st.DrawFn) -> str:
    header = draw(st.lists(st.sampled_from(["id", "text", "date", "url", "outlet", "title", "x",
                                            "body", ""]), min_size=1, max_size=6))  # fmt: skip
    sep = draw(st.sampled_from([",", ";", "\t"]))
    rows = [sep.join(header)]
    for _ in range(draw(st.integers(0, 5))):
        rows.append(sep.join(draw(TEXTS) for _ in range(draw(st.integers(0, len(header) + 1)))))
    return "\n".join(rows)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXTS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        k: JSON_VALUES for k in ("id", "text", "date", "url", "outlet", "title", "kind", "meta")
    },
)


def with_file(suffix: str, data: bytes, reader: Callable[[Path], Iterable[object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        run(lambda: list(reader(path)))


@FUZZ
@given(st.binary(max_size=2000) | markup().map(str.encode) | TEXTS.map(str.encode))
def test_html(data: bytes) -> None:
    run(lambda: [article_from_html(data, source="fuzz.html", url="https://fuzz.example/p")])


@FUZZ
@given(markup())
def test_html_text(data: str) -> None:
    run(lambda: [article_from_html(data, source="fuzz.html")])


@FUZZ
@given(st.binary(max_size=2000) | feeds().map(str.encode) | feeds())
def test_feeds(data: bytes | str) -> None:
    run(lambda: list(parse_feed(data, source="fuzz.rss", feed_url="https://fuzz.example/f")))


@FUZZ
@given(csvs() | TEXTS)
def test_csv(data: str) -> None:
    run(lambda: list(parse_csv(data, source="fuzz.csv")))


@FUZZ
@given(
    st.binary(max_size=1500)
    | st.builds(
        lambda head, body: head + body,
        st.sampled_from(
            [
                b"WARC/1.0\r\n",
                b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\n",
                b"\x1f\x8b\x08\x00",
                b"filedesc://x 0.0.0.0 1 text/plain 3\n",
            ]
        ),
        st.binary(max_size=800),
    )
)
def test_warc(data: bytes) -> None:
    with_file(".warc", data, read_warc)


@FUZZ
@given(st.binary(max_size=1500) | TEXTS.map(lambda t: f"date 2023-01-0{len(t) % 9} {t}".encode()))
def test_seed_text(data: bytes) -> None:
    with_file(".txt", data, read_text_file)


@FUZZ
@given(
    st.binary(max_size=1500)
    | st.lists(RECORDS, max_size=6).map(lambda rs: "\n".join(json.dumps(r) for r in rs).encode())
    | st.lists(JSON_VALUES, max_size=6).map(
        lambda vs: "\n".join(json.dumps(v) for v in vs).encode()
    )
)
def test_jsonl(data: bytes) -> None:
    with_file(".jsonl", data, read_jsonl_file)


@FUZZ
@given(st.binary(max_size=1500), st.sampled_from(["", ".bin", ".html", ".xml", ".csv", ".warc.gz"]))
def test_registry_on_any_file(data: bytes, suffix: str) -> None:
    with_file(suffix, data, read_path)


@FUZZ
@given(st.binary(max_size=3000))
def test_decode_bytes(data: bytes) -> None:
    try:
        assert isinstance(decode_bytes(data, "fuzz"), str)
    except IngestError as exc:
        assert exc.reason


@FUZZ
@given(st.text(max_size=40) | st.integers() | st.none() | st.dates())
def test_parse_date_text(value: object) -> None:
    result = parse_date_text(value)
    assert result is None or isinstance(result, date)


@FUZZ
@given(markup())
def test_fragment_text(value: str) -> None:
    assert "<p>" not in fragment_text(value)

"""Files as a clumsy user or a failing disk leaves them: truncated archives, unclosed quotes,
folders that cannot be read, broken links and FIFOs. Each is named, none passes in silence."""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from adversarial.generate import story
from mercato.domain import Article
from mercato.errors import IngestError
from mercato.ingest.readers import iter_files, read_path


def _page(i: int) -> bytes:
    return (
        f"<html><head><title>Report {i}</title></head><body><article><h1>Report {i}</h1>"
        f"<p>{story(i)}</p></article></body></html>"
    ).encode()


def _warc(path: Path, *, gzipped: bool, dated_page: bool = False) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for i in range(3):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            record = writer.create_warc_record(
                f"https://wire.example/{i}",
                "response",
                payload=BytesIO(_page(i)),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2023-02-06T10:00:00Z"},
            )
            writer.write_record(record)
    return path


def _split(records: list[Article | IngestError]) -> tuple[list[Article], list[IngestError]]:
    return (
        [r for r in records if isinstance(r, Article)],
        [r for r in records if isinstance(r, IngestError)],
    )


@pytest.mark.parametrize(("name", "gzipped", "cut"), [("a.warc", False, 300), ("a.warc.gz", True, 200)])
def test_a_truncated_archive_says_so(tmp_path: Path, name: str, gzipped: bool, cut: int) -> None:
    path = _warc(tmp_path / name, gzipped=gzipped)
    whole, _ = _split(list(read_path(path)))
    assert len(whole) == 3
    path.write_bytes(path.read_bytes()[:-cut])
    articles, failures = _split(list(read_path(path)))
    assert failures, "a truncated archive passed without a failure"
    assert all(f.source.startswith(str(path)) for f in failures)
    assert any("cut short" in f.reason for f in failures)
    # No page is stored cut: what is kept is exactly what the whole archive gave.
    assert {a.text for a in articles} <= {a.text for a in whole}


def test_a_page_dated_by_its_archive_does_not_warn_it_has_no_date(tmp_path: Path) -> None:
    path = _warc(tmp_path / "a.warc", gzipped=False)
    articles, _ = _split(list(read_path(path)))
    for article in articles:
        assert article.published is not None
        assert article.meta.get("date_from") == "warc_date"
        assert not any("no publication date" in w for w in article.meta.get("warnings", []))  # type: ignore[attr-defined]


def test_an_unclosed_csv_quote_is_named_not_swallowed(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "text,date\n"
        f'"{story(0)}",2023-01-01\n'
        f'"{story(1)},2023-01-02\n'  # the quote is never closed
        f"{story(2).replace(',', '')},2023-01-03\n",
        encoding="utf-8",
    )
    articles, failures = _split(list(read_path(path)))
    assert [a.text for a in articles] == [story(0)]
    assert [f.source for f in failures] == [f"{path}:3"]
    assert "quote" in failures[0].reason


def test_broken_links_and_fifos_are_named(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(f"date 2023-01-01\n{story(0)}\n")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "pipe.jsonl")
    found = list(iter_files([tmp_path]))
    files = [f for f in found if isinstance(f, Path)]
    failures = {Path(f.source).name: f.reason for f in found if isinstance(f, IngestError)}
    assert [f.name for f in files] == ["good.txt"]
    assert "broken symbolic link" in failures["dangling.txt"]
    assert "FIFO" in failures["pipe.jsonl"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder, so none can be unreadable")
def test_an_unreadable_folder_is_named(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(f"date 2023-01-01\n{story(0)}\n")
    locked.chmod(0)
    try:
        found = list(iter_files([tmp_path]))
    finally:
        locked.chmod(0o755)
    failures = [f for f in found if isinstance(f, IngestError)]
    assert [f.source for f in failures] == [str(locked)]

"""Readers on good and broken input: each broken file or line is one clear failure."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

from mercato.domain import Article, article_id_for
from mercato.errors import IngestError, UnsupportedFormat
from mercato.ingest.readers import (
    Record,
    iter_files,
    read_path,
    reader_for,
    register_reader,
    registered_readers,
)

LOAN_TEXT = "Rovers have signed Ilya Marchetti on loan from Northfield until the end of the season."


def read_all(path: Path) -> tuple[list[Article], list[IngestError]]:
    """Articles and per-record failures of one file (a whole-file failure propagates)."""
    articles: list[Article] = []
    failures: list[IngestError] = []
    for record in read_path(path):
        (failures if isinstance(record, IngestError) else articles).append(record)  # type: ignore[arg-type]
    return articles, failures


def write_jsonl(path: Path, rows: Iterable[object]) -> Path:
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- seed format and plain text ---------------------------------------------------------


def test_seed_format_gives_date_and_text(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(f" date 2024-01-30 {LOAN_TEXT}\n\nHe is 21.\n", encoding="utf-8")
    [article], [] = read_all(path)
    assert article.published == date(2024, 1, 30)
    assert article.text == f"{LOAN_TEXT}\n\nHe is 21."
    assert article.id == article_id_for(article.text)
    assert article.source_path == str(path)
    assert "warnings" not in article.meta


def test_seed_date_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(f"date 2024-01-30\n{LOAN_TEXT}\n", encoding="utf-8")
    [article], [] = read_all(path)
    assert (article.published, article.text) == (date(2024, 1, 30), LOAN_TEXT)


def test_the_shared_seed_reads(shared_dir: Path) -> None:
    [path] = sorted((shared_dir / "seed").glob("*.txt"))
    [article], [] = read_all(path)
    assert article.published == date(2023, 2, 24)
    assert not article.text.startswith("date")


def test_plain_text_without_a_date_is_kept_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(LOAN_TEXT, encoding="utf-8")
    [article], [] = read_all(path)
    assert article.published is None
    warnings = article.meta["warnings"]
    assert isinstance(warnings, list) and len(warnings) == 1
    warning = warnings[0]
    assert str(path) in warning and "no date" in warning


def test_a_word_starting_with_date_is_not_a_date_line(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("dated kits aside, Rovers have signed a winger from Northfield.", "utf-8")
    [article], [] = read_all(path)
    assert article.published is None and article.text.startswith("dated kits")


@pytest.mark.parametrize(
    ("first_line", "reason"),
    [
        (" date  \n", "has no date"),
        (" date 24/01/2024 ", "not a YYYY-MM-DD date"),
        (" date 2024-02-30 ", "not a real date"),
    ],
    ids=["missing", "wrong-format", "impossible"],
)
def test_a_broken_date_line_fails_the_file(tmp_path: Path, first_line: str, reason: str) -> None:
    path = tmp_path / "bad-date.txt"
    path.write_text(first_line + LOAN_TEXT, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_all(path)
    assert caught.value.source == str(path)
    assert reason in caught.value.reason


def test_a_date_line_without_text_fails(tmp_path: Path) -> None:
    path = tmp_path / "only-date.txt"
    path.write_text(" date 2024-01-30 \n\n", encoding="utf-8")
    with pytest.raises(IngestError, match="no article text"):
        read_all(path)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n"], ids=["zero-bytes", "blank"])
def test_an_empty_file_fails(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError) as caught:
        read_all(path)
    assert caught.value.reason == "empty file"


def test_a_binary_file_fails(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(IngestError, match="binary"):
        read_all(path)


def test_a_latin1_file_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    text = " date 2024-03-01 Müller joins Rovers from Nürnberg for €4m."
    path.write_bytes(text.encode("cp1252"))
    [article], [] = read_all(path)
    assert article.text == "Müller joins Rovers from Nürnberg for €4m."
    warnings = article.meta["warnings"]
    assert isinstance(warnings, list) and len(warnings) == 1
    warning = warnings[0]
    assert "not valid UTF-8" in warning and str(path) in warning


def test_utf8_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf date 2024-03-01 " + "Müller joins Rovers.".encode())
    [article], [] = read_all(path)
    assert (article.published, article.text) == (date(2024, 3, 1), "Müller joins Rovers.")


# --- JSON Lines -------------------------------------------------------------------------


def test_jsonl_fields_map_onto_the_article(tmp_path: Path) -> None:
    row = {
        "id": "hand-1",
        "text": LOAN_TEXT,
        "date": "2024-01-30T17:45:00Z",
        "url": "https://example.org/rovers",
        "outlet": "Valley Post",
        "title": "Rovers add a striker",
        "kind": "gossip_item",
        "meta": {"cited_outlet": "Evening Courier"},
        "dataset": "hand",
    }
    [article], [] = read_all(write_jsonl(tmp_path / "a.jsonl", [row]))
    assert article.published == date(2024, 1, 30)
    assert (article.url, article.outlet, article.title) == (
        "https://example.org/rovers",
        "Valley Post",
        "Rovers add a striker",
    )
    assert (article.kind, article.external_id) == ("gossip_item", "hand-1")
    assert article.meta == {"cited_outlet": "Evening Courier", "dataset": "hand", "source_line": 1}


def test_jsonl_null_date_and_missing_fields(tmp_path: Path) -> None:
    [article], [] = read_all(write_jsonl(tmp_path / "a.jsonl", [{"text": LOAN_TEXT, "date": None}]))
    assert (article.published, article.outlet, article.kind, article.external_id) == (
        None,
        None,
        "article",
        None,
    )


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ('{"text": "unterminated', "bad JSON"),
        ('["a", "list"]', "expected a JSON object"),
        ('{"date": "2024-01-01"}', "no 'text' field"),
        ('{"text": "   "}', "empty"),
        ('{"text": "Rovers sign a keeper.", "date": "last Tuesday"}', "not an ISO date"),
        ('{"text": "Rovers sign a keeper.", "outlet": 7}', "'outlet' must be a string"),
        ('{"text": "Rovers sign a keeper.", "meta": [1]}', "'meta' must be an object"),
    ],
    ids=["bad-json", "not-object", "no-text", "blank-text", "bad-date", "bad-type", "bad-meta"],
)
def test_one_bad_jsonl_line_is_one_failure(tmp_path: Path, bad_line: str, reason: str) -> None:
    path = write_jsonl(
        tmp_path / "mixed.jsonl",
        [{"text": LOAN_TEXT}, bad_line, "", {"text": "Northfield sign a keeper on loan."}],
    )
    articles, [failure] = read_all(path)
    assert [a.text for a in articles] == [LOAN_TEXT, "Northfield sign a keeper on loan."]
    assert failure.source == f"{path}:2"
    assert reason in failure.reason


def test_bad_lines_before_the_first_good_one_are_still_reported(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", ["{oops", {"text": LOAN_TEXT}])
    [article], [failure] = read_all(path)
    assert failure.source == f"{path}:1" and article.text == LOAN_TEXT


def test_a_file_that_is_not_jsonl_fails_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "table.jsonl"
    path.write_text("player,from,to\n" + "A,B,C\n" * 10, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_all(path)
    assert caught.value.source == str(path) and "not JSON Lines" in caught.value.reason


def test_a_jsonl_line_in_the_wrong_encoding_is_kept_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    good = json.dumps({"text": LOAN_TEXT}).encode()
    latin = json.dumps({"text": "Müller joins Rovers."}, ensure_ascii=False).encode("cp1252")
    path.write_bytes(good + b"\n" + latin + b"\n")
    articles, [] = read_all(path)
    assert articles[1].text == "Müller joins Rovers."
    assert f"{path}:2" in articles[1].meta["warnings"][0]  # type: ignore[index]


@pytest.mark.parametrize(("name", "content"), [("e.jsonl", b""), ("b.jsonl", b"\x00\x01\x02" * 50)])
def test_empty_or_binary_jsonl_fails(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError, match="empty file|binary"):
        read_all(path)


# --- choosing a reader and walking directories ------------------------------------------


def test_reader_choice_by_suffix_and_by_sniffing(tmp_path: Path) -> None:
    no_suffix = tmp_path / "ARTICLE"
    no_suffix.write_text(f" date 2024-01-30 {LOAN_TEXT}", encoding="utf-8")
    assert reader_for(no_suffix).name == "text"
    lines = write_jsonl(tmp_path / "export.data", [{"text": LOAN_TEXT}])
    assert reader_for(lines).name == "jsonl"
    assert reader_for(tmp_path / "x.JSONL").name == "jsonl"
    unknown = tmp_path / "notes.xyz"
    unknown.write_text("just some words", encoding="utf-8")
    with pytest.raises(UnsupportedFormat, match="no reader for .xyz files"):
        reader_for(unknown)


def test_a_registered_reader_is_used_for_its_suffix(tmp_path: Path) -> None:
    def read_shouting(path: Path) -> Iterable[Record]:
        yield Article.from_text(path.read_text(encoding="utf-8").upper())

    register_reader([".shout"], read_shouting, name="test-shout")
    try:
        path = tmp_path / "a.b.shout"
        path.write_text("rovers sign a keeper", encoding="utf-8")
        assert reader_for(path).name == "test-shout"
        [article], [] = read_all(path)
        assert article.text == "ROVERS SIGN A KEEPER"
    finally:
        from mercato.ingest import readers

        readers._READERS[:] = [r for r in readers._READERS if r.name != "test-shout"]
    assert "test-shout" not in [r.name for r in registered_readers()]


def test_directories_are_walked_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ("b/deep/2.txt", "a.txt", "b/1.jsonl", ".git/HEAD", ".hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = list(iter_files([tmp_path, tmp_path / "missing.txt"]))
    paths = [f for f in found if isinstance(f, Path)]
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "a.txt",
        "b/1.jsonl",
        "b/deep/2.txt",
    ]
    [missing] = [f for f in found if isinstance(f, IngestError)]
    assert "no such file" in missing.reason

"""CSV exports: columns found by name, separators and encodings guessed, bad rows reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mercato.domain import Article
from mercato.errors import IngestError
from mercato.ingest.csv_export import parse_csv, read_csv_file
from mercato.ingest.readers import reader_for

LONG = "Lakeside have turned down an opening bid for their captain from a promoted side"

EXPORT = (
    "id,date,url,outlet,title,text\n"
    f'r1,2023-01-10,https://www.courier.example/a,The Courier,Bid rejected,"{LONG}."\n'
    f'r2,,https://www.courier.example/b,,Talks,"{LONG}, and talks go on.\nSecond line."\n'
)


def articles_of(records: list[Article | IngestError]) -> list[Article]:
    return [r for r in records if isinstance(r, Article)]


def test_columns_by_name() -> None:
    records = list(parse_csv(EXPORT, source="export.csv"))
    first, second = articles_of(records)
    assert first.external_id == "r1"
    assert first.published == date(2023, 1, 10)
    assert first.outlet == "The Courier"
    assert first.title == "Bid rejected"
    assert first.text == f"{LONG}."
    # no outlet column value: the URL's domain; no date: kept undated with a warning
    assert second.outlet == "courier.example"
    assert second.published is None
    assert any("no publication date" in w for w in second.meta["warnings"])  # type: ignore[union-attr]
    assert "Second line." in second.text


def test_header_aliases_and_column_order() -> None:
    content = f"Headline;Body;Published;Link\nA title;{LONG};02/03/2023;https://x.example/1\n"
    (article,) = articles_of(list(parse_csv(content, source="e.csv")))
    assert article.title == "A title"
    assert article.published == date(2023, 3, 2)  # day first
    assert article.url == "https://x.example/1"


def test_tab_separated() -> None:
    content = f"text\tdate\n{LONG}\t2021-06-01\n"
    (article,) = articles_of(list(parse_csv(content, source="e.tsv")))
    assert article.published == date(2021, 6, 1)


def test_row_without_text_is_reported_and_the_rest_go_on() -> None:
    content = f"id,text\nr1,\nr2,{LONG}\n"
    records = list(parse_csv(content, source="e.csv"))
    assert [type(r).__name__ for r in records] == ["IngestError", "Article"]
    assert records[0].source == "e.csv:2"  # type: ignore[union-attr]


def test_unreadable_date_warns_and_keeps_the_row() -> None:
    content = f"text,date\n{LONG},sometime in spring\n"
    (article,) = articles_of(list(parse_csv(content, source="e.csv")))
    assert article.published is None
    assert "unreadable date 'sometime in spring'" in article.meta["warnings"][0]  # type: ignore[index]


def test_no_text_column_is_an_ingest_error() -> None:
    with pytest.raises(IngestError, match="no text column"):
        list(parse_csv("id,headline\n1,x\n", source="e.csv"))


def test_empty_file_is_an_ingest_error() -> None:
    with pytest.raises(IngestError, match="empty"):
        list(parse_csv("", source="e.csv"))


def test_windows_1252_file_with_bom_less_header(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(f"text,outlet\n{LONG} for Müller’s club,Gazzetta\n".encode("cp1252"))
    (article,) = articles_of(list(read_csv_file(path)))
    assert "Müller’s" in article.text
    assert reader_for(path).name == "csv"


def test_utf8_bom_header(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(("\ufeffid,text\nz1," + LONG + "\n").encode("utf-8"))
    (article,) = articles_of(list(read_csv_file(path)))
    assert article.external_id == "z1"


def test_very_long_field_is_read() -> None:
    body = (LONG + ". ") * 20_000  # ~1.6 MB: over the csv module's default field limit
    (article,) = articles_of(list(parse_csv(f'text\n"{body}"\n', source="e.csv")))
    assert len(article.text) > 1_000_000

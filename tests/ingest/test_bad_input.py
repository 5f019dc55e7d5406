"""Bad input of every kind: a clear error or a warning per item, and the batch goes on."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from mercato.domain import Article, Extraction
from mercato.errors import IngestError
from mercato.ingest.readers import read_path
from mercato.ingest.sanity import MAX_INPUT_BYTES, decode_bytes
from mercato.pipeline import ingest_paths
from mercato.store import Store

SENTENCE = (
    "Eastgate have rejected a second offer from Harbour Town for their striker, who has scored "
    "fourteen goals this season and has a year left on his contract."
)
FUTURE = date.today() + timedelta(days=300)


def records(path: Path) -> list[Article | IngestError]:
    return list(read_path(path))


def only_article(path: Path) -> Article:
    found = records(path)
    assert len(found) == 1 and isinstance(found[0], Article), found
    return found[0]


def html_page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><article><h1>Bid rejected</h1>{body}</article></body></html>"


def rss_item(text: str, day: str = "Mon, 06 Mar 2023 10:00:00 GMT") -> str:
    return f"<item><title>Bid rejected</title><pubDate>{day}</pubDate><description>{text}</description></item>"


def rss(*items: str) -> str:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>{"".join(items)}</channel></rss>'


# --- malformed HTML -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markup",
    [
        f"<p>{SENTENCE}<p>{SENTENCE.upper()}<div><span>",  # never closed
        f"<p>{SENTENCE}</div></span></p></p><b><i>{SENTENCE.lower()}</b></i>",  # crossed and stray
        f"<<p>>{SENTENCE}<p <p>> {SENTENCE.lower()} <!-- unclosed comment",
        f"<table><p>{SENTENCE}</td></tr><script>var x = '<p>';</script><p>{SENTENCE.title()}",
    ],
    ids=["unclosed", "crossed", "stray-brackets", "script-and-table"],
)
def test_malformed_html_still_gives_the_text(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_page(markup), encoding="utf-8")
    article = only_article(path)
    assert "rejected a second offer" in article.text
    assert "var x" not in article.text


def test_html_without_markup_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(SENTENCE, encoding="utf-8")
    with pytest.raises(IngestError, match="not HTML"):
        records(path)


# --- truncated feeds ------------------------------------------------------------------------


def test_feed_cut_mid_entry_keeps_the_complete_entries(tmp_path: Path) -> None:
    whole = rss(rss_item(SENTENCE), rss_item(SENTENCE.replace("second", "third")))
    path = tmp_path / "cut.rss"
    path.write_text(whole[: whole.index("third") + 3], encoding="utf-8")
    found = [r for r in records(path) if isinstance(r, Article)]
    assert found and "second offer" in found[0].text
    assert found[0].meta.get("malformed_feed") is True


def test_feed_cut_before_any_entry_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><chan', encoding="utf-8")
    with pytest.raises(IngestError, match="no entries|not a feed"):
        records(path)


# --- wrong and mixed encodings ---------------------------------------------------------------


def test_latin1_bytes_in_a_page_declared_utf8(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    page = html_page(
        f"<p>{SENTENCE} Ödegaard and Müller were also named.</p>", '<meta charset="utf-8">'
    )
    path.write_bytes(page.encode("latin-1"))
    assert "Ödegaard and Müller" in only_article(path).text


def test_mixed_utf8_and_cp1252_in_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    data = ("date 2023-03-06 Müller " + SENTENCE + " Then ").encode("utf-8") + "“quote”".encode(
        "cp1252"
    )
    path.write_bytes(data)
    article = only_article(path)
    assert "Müller" in article.text and "“quote”" in article.text
    assert "\ufffd" not in article.text


def test_mixed_utf8_and_cp1252_in_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    data = f'text\n"Müller {SENTENCE} Then '.encode() + "“quote”".encode("cp1252") + b'"\n'
    path.write_bytes(data)
    article = only_article(path)
    assert "Müller" in article.text and "“quote”" in article.text


def test_mixed_decoding_keeps_both_parts() -> None:
    data = "Müller ".encode() + "Ødegaard".encode("cp1252")
    assert decode_bytes(data, "x") == "Müller Ødegaard"


def test_utf16_csv_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(f'text,date\n"{SENTENCE}",2023-03-06\n'.encode("utf-16"))
    assert only_article(path).published == date(2023, 3, 6)


def test_cp1252_feed_declared_in_its_prolog(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    doc = rss(rss_item(SENTENCE + " Señor Ødegaard’s agent.")).replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="windows-1252"?>'
    )
    path.write_bytes(doc.encode("cp1252"))
    assert "Señor Ødegaard’s agent" in only_article(path).text


# --- huge files -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["huge.html", "huge.rss", "huge.csv", "huge.txt"])
def test_huge_files_are_refused_with_a_clear_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with path.open("wb") as handle:  # sparse: takes no disk space
        handle.write(b"<html>" if name.endswith("html") else b"text\n")
        handle.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(IngestError, match="over the .*-byte limit"):
        records(path)


# --- binary junk -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["junk.html", "junk.rss", "junk.csv", "junk.txt", "junk.warc"])
def test_binary_junk_is_a_clear_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(os.urandom(2048) + b"\x00" * 16)
    with pytest.raises(IngestError) as caught:
        records(path)
    assert caught.value.source.startswith(str(path))


# --- missing and future dates ------------------------------------------------------------------


def test_missing_dates_warn_and_keep(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(html_page(f"<p>{SENTENCE}</p>"), encoding="utf-8")
    (tmp_path / "b.rss").write_text(rss(rss_item(SENTENCE, day="")), encoding="utf-8")
    (tmp_path / "c.csv").write_text(f"text\n{SENTENCE}\n", encoding="utf-8")
    for path in sorted(tmp_path.iterdir()):
        article = only_article(path)
        assert article.published is None, path
        assert any("no publication date" in w for w in article.meta["warnings"]), path  # type: ignore[union-attr]


def test_future_dates_warn_and_keep(tmp_path: Path) -> None:
    head = f'<meta property="article:published_time" content="{FUTURE.isoformat()}">'
    (tmp_path / "a.html").write_text(html_page(f"<p>{SENTENCE}</p>", head), encoding="utf-8")
    rfc = FUTURE.strftime("%a, %d %b %Y 10:00:00 GMT")
    (tmp_path / "b.rss").write_text(rss(rss_item(SENTENCE, day=rfc)), encoding="utf-8")
    (tmp_path / "c.csv").write_text(
        f'text,date\n"{SENTENCE}",{FUTURE.isoformat()}\n', encoding="utf-8"
    )
    for path in sorted(tmp_path.iterdir()):
        article = only_article(path)
        assert article.published == FUTURE, path
        assert any("in the future" in w for w in article.meta["warnings"]), path  # type: ignore[union-attr]


def test_absurd_dates_are_dropped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(f'text,date\n"{SENTENCE}",0001-01-01\n', encoding="utf-8")
    article = only_article(path)
    assert article.published is None
    assert "implausible" in article.meta["warnings"][0]  # type: ignore[index]


# --- empty text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.html", ""),
        ("blank.html", "<html><body>   </body></html>"),
        ("empty.rss", ""),
        ("empty-items.rss", rss("<item><title></title><description> </description></item>")),
        ("empty.csv", ""),
        ("header-only.csv", "id,text,date\n"),
    ],
)
def test_empty_text_gives_no_article(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    try:
        found = records(path)
    except IngestError:
        return
    assert not [r for r in found if isinstance(r, Article)]


# --- the batch goes on, and nothing stored changes ---------------------------------------------


def no_claims(article: Article) -> Extraction:
    return Extraction(article, (), ())


def test_a_batch_of_good_and_bad_files_goes_on(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.html").write_text(html_page(f"<p>{SENTENCE}</p>"), encoding="utf-8")
    (inbox / "good.rss").write_text(
        rss(rss_item(SENTENCE.replace("second", "fourth"))), encoding="utf-8"
    )
    (inbox / "junk.html").write_bytes(os.urandom(1024) + b"\x00")
    (inbox / "cut.rss").write_text("<rss><chan", encoding="utf-8")
    (inbox / "empty.csv").write_text("", encoding="utf-8")
    (inbox / "rows.csv").write_text(f'id,text\nr1,\nr2,"{SENTENCE.replace("second", "fifth")}"\n')
    with Store.open(f"sqlite:///{tmp_path / 'm.db'}") as store:
        report = ingest_paths([inbox], store, extract=no_claims)
        assert report.ingested == 3
        assert report.failed == 4  # junk, cut feed, empty csv, and one empty row
        assert {Path(f.source.split(":")[0]).name for f in report.failures} >= {
            "junk.html",
            "cut.rss",
        }
        before = {a.id: a for a in store.articles(limit=100)}
        again = ingest_paths([inbox], store, extract=no_claims)
        assert again.ingested == 0 and again.duplicates == 3
        after = {a.id: a for a in store.articles(limit=100)}
        assert after == before

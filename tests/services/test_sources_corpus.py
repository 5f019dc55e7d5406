"""The source table of the whole shared corpus (slow: the ingest takes minutes).

One row per outlet and journalist however the corpus prints it, no row named by a parsing
leftover, no club or league channel among the rumour sources. The store is built once by the real
ingest from ../shared (read at test time; skipped, saying why, where it is absent). Set
MERCATO_TEST_CORPUS_DB to a store already built from the whole corpus to reuse it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest

from mercato.kb.sources import ANNOUNCER
from mercato.pipeline import ingest_paths
from mercato.services.sources import SourceRow, source_table
from mercato.store import Store
from mercato.stories.sources import source_identity, source_key
from support import require_shared

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

# Each family is one outlet or journalist printed several ways in the corpus.
FAMILIES = {
    "BBC Sport": ["BBC Sport", "bbc.com", "bbc.co.uk", "BBC"],
    "Sky Sports": ["Sky Sports", "skysports.com", "Sky", "Sky Sports News"],
    "Daily Mail": ["Daily Mail", "dailymail.co.uk", "Mail Online", "Mail"],
    "Fabrizio Romano": [
        "Fabrizio Romano", "Romano", "FabrizioRomano, Twitter", "@FabrizioRomano",
        "Fabrizio Romano (X/Twitter)",
    ],
}  # fmt: skip
LEFTOVERS = ["Tuttosport.Despite", "Telegraph.Arteta", "On Saturday The Athletic", "Italian"]
CLUB_CHANNELS = ["arsenal.com", "evertonfc.com", "manutd.com", "lcfc.com", "whufc.com", "nufc.co.uk"]


@pytest.fixture(scope="module")
def corpus_table(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[SourceRow]]:
    kb_dir = require_shared("kb")
    built = os.environ.get("MERCATO_TEST_CORPUS_DB")
    if built:
        url = built if "://" in built else f"sqlite:///{built}"
    else:
        corpus = require_shared("corpus", "articles.jsonl")
        url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}"
        with Store.open(url) as store:
            ingest_paths([corpus], store, workers=2)
    with Store.open(url) as store:
        yield source_table(store, kb_dir=kb_dir)


def test_each_alias_family_is_one_row(corpus_table: list[SourceRow]) -> None:
    names = [row.name for row in corpus_table]
    for canonical, printed in FAMILIES.items():
        keys = {source_key(p) for p in printed}
        assert keys == {source_key(canonical)}, f"{canonical}: {printed} resolve to {keys}"
        rows = [n for n in names if source_key(n) == source_key(canonical)]
        assert rows == [canonical], f"{canonical} fills rows {rows}"
        assert not {p for p in printed if p != canonical} & set(names)


def test_no_row_is_named_by_a_parsing_leftover(corpus_table: list[SourceRow]) -> None:
    names = {row.name for row in corpus_table}
    assert not names & set(LEFTOVERS)
    glued = [n for n in names if re.search(r"[a-z]\.[A-Z]", n)]  # "Telegraph.Arteta"
    assert not glued
    for name in names:
        assert source_identity(name) is not None, f"{name!r} names no source"


def test_no_club_channel_among_rumour_sources(corpus_table: list[SourceRow]) -> None:
    names = {row.name for row in corpus_table}
    assert not names & set(CLUB_CHANNELS)
    announcers = [n for n in names if (found := source_identity(n)) is not None and found.kind == ANNOUNCER]
    assert not announcers
    assert all(row.kind in ("outlet", "journalist") for row in corpus_table)


def test_the_big_outlets_have_records(corpus_table: list[SourceRow]) -> None:
    by_name = {row.name: row for row in corpus_table}
    for canonical in FAMILIES:
        assert by_name[canonical].stories > 50, canonical
    assert by_name["Fabrizio Romano"].kind == "journalist"
    assert by_name["BBC Sport"].kind == "outlet"
    print(f"{len(corpus_table)} sources; top 15:")
    for row in corpus_table[:15]:
        print(f"  {row.name:<28} {row.stories:>5} {row.happened:>4} {row.did_not_happen:>4} "
              f"{row.reliability:.2f} [{row.interval[0]:.2f}, {row.interval[1]:.2f}]")  # fmt: skip


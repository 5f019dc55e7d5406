"""The knowledge-base build: parsers on the project's own fixtures, and the shipped tables."""

from __future__ import annotations

import filecmp
from importlib import resources
from pathlib import Path

import pytest

from mercato.kb.build import build_knowledge_base
from mercato.kb.clubs import parse_clubs_txt
from mercato.kb.labels import clean_domain, country_of_domain, parse_source_label
from mercato.kb.normalise import normalise_alias, slugify
from mercato.kb.tables import parse_table

DATA = Path(str(resources.files("mercato.data")))
SHIPPED = sorted(p.name for p in DATA.glob("*.tsv"))

# A made-up clubs file in the football.txt format (not copied from openfootball).
CLUBS_TXT = """\
= Ruritania • Ruritanien
== North ==

Strelsau Rovers FC, 1899, @ Palace Park, Strelsau (Old Town)   ## capital
  | Strelsau Rovers | Rovers
  | Strelsau R. | Strelsau Rovers [en]
 Königstraße 1 // 10000 Strelsau
ii) Strelsau Rovers II
  | Rovers II

Zenda Athletic,  Zenda     # no stadium given
  Zenda Ath.
  AC Zenda
FC Old Name (1901-1950),   Hentzau
"""


def test_parse_clubs_reads_canonical_alternates_and_skips_reserves_and_addresses() -> None:
    clubs = parse_clubs_txt(CLUBS_TXT, "ru")
    assert [c.name for c in clubs] == ["Strelsau Rovers FC", "Zenda Athletic", "FC Old Name"]
    rovers, zenda, old = clubs
    assert (rovers.founded, rovers.stadium, rovers.city) == (
        "1899",
        "Palace Park",
        "Strelsau (Old Town)",
    )
    assert rovers.alternates == ["Strelsau Rovers", "Rovers", "Strelsau R."]
    assert rovers.country == "Ruritania"
    assert zenda.alternates == ["Zenda Ath.", "AC Zenda"]  # indented bare names continue alternates
    assert old.city == "Hentzau"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the Nerazzurri", "nerazzurri"),
        ("The Reds", "reds"),
        ("Barça", "barca"),
        ("Paris St-Germain", "paris st-germain"),
        ("Nott'm Forest", "nott'm forest"),
        ("Bor. Mönchengladbach", "bor monchengladbach"),
        ("  Man  Utd. ", "man utd"),
        ("'Spurs'", "spurs"),
        ("Brighton & Hove Albion", "brighton hove albion"),
        ("Theo Walcott", "theo walcott"),  # only a leading word "the" goes
        ("Ødegaard", "odegaard"),
    ],
)
def test_normalise_alias(text: str, key: str) -> None:
    assert normalise_alias(text) == key


def test_slugify_is_ascii_and_stable() -> None:
    assert slugify("1. FC Nürnberg") == "1-fc-nurnberg"
    assert slugify("Brighton & Hove Albion FC") == "brighton-hove-albion-fc"


@pytest.mark.parametrize(
    ("label", "chain"),
    [
        ("Mail", ["Mail"]),
        ("Telegraph - subscription required", ["Telegraph"]),
        ("Marca - in Spanish", ["Marca"]),
        ("De Telegraaf - in Dutch, subscription required", ["De Telegraaf"]),
        ("Bild, via Liverpool Echo", ["Bild", "Liverpool Echo"]),
        ("Gazzetta dello Sport - via Mail", ["Gazzetta dello Sport", "Mail"]),
        ("Le10 Sport via Star", ["Le10 Sport", "Star"]),
        ("Times - subscription requiredexternal-link", ["Times"]),
    ],
)
def test_parse_source_label_chain(label: str, chain: list[str]) -> None:
    assert [p.text for p in parse_source_label(label)] == chain


def test_parse_source_label_marks_handles() -> None:
    (part,) = parse_source_label("SomeReporter, Twitter")
    assert part.is_handle and part.text == "SomeReporter"


def test_label_qualifier_gives_language_and_domain_gives_country() -> None:
    (part,) = parse_source_label("Gazeta Imaginaria - in Portuguese")
    assert (part.text, part.language) == ("Gazeta Imaginaria", "pt")
    assert parse_source_label("Some Paper")[0].language is None
    assert country_of_domain("example.es") == "ES"
    assert country_of_domain("example.co.uk") == "GB"
    assert country_of_domain("example.com") is None


def test_clean_domain_undoes_translate_proxy() -> None:
    assert clean_domain("www-sport-es.translate.goog") == "sport.es"
    assert clean_domain("WWW.Example.co.uk") == "example.co.uk"


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_table_names_its_sources_and_licences(name: str) -> None:
    table = parse_table((DATA / name).read_text(encoding="utf-8"))
    sources = [c for c in table.comments if c.startswith("source:")]
    assert sources, f"{name} has no source header"
    assert all("licence" in s for s in sources)
    assert not any("transfers-by-window" in c for c in table.comments)  # never shipped


def test_world_cup_players_keep_their_share_alike_licence_in_their_own_file() -> None:
    for name in SHIPPED:
        header = " ".join(parse_table((DATA / name).read_text(encoding="utf-8")).comments)
        assert ("fjelstul" in header.lower()) == (name == "worldcup_players.tsv")
    header = parse_table((DATA / "worldcup_players.tsv").read_text(encoding="utf-8")).comments
    assert any("CC-BY-SA 4.0" in line and "Fjelstul" in line for line in header)


def test_shipped_data_stays_small() -> None:
    total = sum((DATA / name).stat().st_size for name in SHIPPED)
    assert total < 8_000_000


def test_rebuild_reproduces_shipped_files_byte_for_byte(tmp_path: Path, shared_dir: Path) -> None:
    kb_dir = shared_dir / "kb"
    if not kb_dir.is_dir():
        pytest.skip(f"{kb_dir} is absent")
    report = build_knowledge_base(kb_dir, tmp_path)
    built = sorted(name for name, _, _ in report.files)
    assert built == SHIPPED
    mismatched = [n for n in built if not filecmp.cmp(tmp_path / n, DATA / n, shallow=False)]
    assert not mismatched, f"rebuild differs from shipped: {mismatched} (run `mercato kb build`)"
    counts = dict(report.counts)
    assert counts["outlets"] >= 150
    assert counts["journalists"] >= 100
    assert counts["clubs"] >= 3000

"""The loaded catalogue: nicknames, printed outlet labels, ambiguity, people's clubs by date."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from mercato.domain import EntityKind
from mercato.kb.catalogue import Catalogue, load_catalogue
from mercato.kb.labels import parse_source_label

CLUBS = {EntityKind.CLUB}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def _best(catalogue: Catalogue, surface: str, kinds: set[EntityKind] | None = None) -> str | None:
    found = catalogue.candidates(surface, kinds)
    return found[0].id if found else None


@pytest.mark.parametrize(
    ("surface", "club"),
    [
        # nicknames
        ("the Nerazzurri", "club:fc-internazionale-milano"),
        ("the Reds", "club:liverpool-fc"),
        ("Blaugrana", "club:fc-barcelona"),
        ("the Toffees", "club:everton-fc"),
        ("Los Blancos", "club:real-madrid"),
        ("the Old Lady", "club:juventus"),
        ("the Gunners", "club:arsenal-fc"),
        ("the Rossoneri", "club:ac-milan"),
        ("the Bianconeri", "club:juventus"),
        ("the Partenopei", "club:ssc-napoli"),
        ("the Giallorossi", "club:as-roma"),
        ("the Biancocelesti", "club:ss-lazio"),
        ("La Viola", "club:acf-fiorentina"),
        ("Los Colchoneros", "club:atletico-madrid"),
        ("the Magpies", "club:newcastle-united-fc"),
        ("the Foxes", "club:leicester-city-fc"),
        ("the Seagulls", "club:brighton-hove-albion-fc"),
        ("the Bees", "club:brentford-fc"),
        ("the Cherries", "club:afc-bournemouth"),
        ("the Hornets", "club:watford-fc"),
        ("the Baggies", "club:west-bromwich-albion-fc"),
        ("the Bhoys", "club:celtic-fc"),
        ("the Gers", "club:rangers-fc"),
        ("Toon", "club:newcastle-united-fc"),
        # short forms gossip columns print
        ("Spurs", "club:tottenham-hotspur-fc"),
        ("Man Utd", "club:manchester-united-fc"),
        ("Man City", "club:manchester-city-fc"),
        ("PSG", "club:paris-saint-germain"),
        ("Paris St-Germain", "club:paris-saint-germain"),
        ("Barca", "club:fc-barcelona"),
        ("Juve", "club:juventus"),
        ("Atleti", "club:atletico-madrid"),
        ("BVB", "club:borussia-dortmund"),
        ("Gladbach", "club:bor-monchengladbach"),
        ("Sheff Utd", "club:sheffield-united-fc"),
        ("West Brom", "club:west-bromwich-albion-fc"),
        ("Forest", "club:nottingham-forest-fc"),
        ("Wolves", "club:wolverhampton-wanderers-fc"),
        ("Villa", "club:aston-villa-fc"),
        ("RB Leipzig", "club:rb-leipzig"),
        ("Lyon", "club:olympique-lyonnais"),
        ("Marseille", "club:olympique-de-marseille"),
        ("Inter", "club:fc-internazionale-milano"),
        ("AC Milan", "club:ac-milan"),
        ("Newcastle", "club:newcastle-united-fc"),
        ("Liverpool", "club:liverpool-fc"),  # bigger club before its Uruguayan namesake
    ],
)
def test_club_forms_resolve(catalogue: Catalogue, surface: str, club: str) -> None:
    assert _best(catalogue, surface, CLUBS) == club


@pytest.mark.parametrize(
    ("surface", "outlet"),
    [
        ("Mail", "outlet:daily-mail"),
        ("Daily Mail", "outlet:daily-mail"),
        ("Mail on Sunday", "outlet:mail-on-sunday"),
        ("Athletic - subscription required", "outlet:the-athletic"),
        ("Telegraph - subscription required", "outlet:the-telegraph"),
        ("Marca - in Spanish", "outlet:marca"),
        ("Sunday Times", "outlet:sunday-times"),
        ("Times", "outlet:the-times"),
        ("theathletic.com", "outlet:the-athletic"),
    ],
)
def test_outlet_labels_resolve(catalogue: Catalogue, surface: str, outlet: str) -> None:
    assert _best(catalogue, surface, {EntityKind.OUTLET}) == outlet


def test_mail_and_mail_on_sunday_are_different_outlets(catalogue: Catalogue) -> None:
    assert _best(catalogue, "Mail") != _best(catalogue, "Mail on Sunday")


@pytest.mark.parametrize(
    "surface",
    ["Blues", "City", "United", "Real", "Athletic", "Sporting", "Rangers", "Milan", "the Reds"],
)
def test_ambiguous_short_names_are_flagged(catalogue: Catalogue, surface: str) -> None:
    assert catalogue.is_ambiguous(surface)


@pytest.mark.parametrize(
    "surface", ["the Nerazzurri", "Spurs", "Man Utd", "Mail on Sunday", "Fabrizio Romano"]
)
def test_specific_names_are_not_flagged(catalogue: Catalogue, surface: str) -> None:
    assert not catalogue.is_ambiguous(surface)


def test_blues_lists_every_club_so_called(catalogue: Catalogue) -> None:
    ids = {e.id for e in catalogue.candidates("the Blues", CLUBS)}
    assert {"club:chelsea-fc", "club:everton-fc", "club:birmingham-city-fc"} <= ids


def test_journalists_and_demonyms(catalogue: Catalogue) -> None:
    romano = catalogue.candidates("Fabrizio Romano", {EntityKind.JOURNALIST})[0]
    assert romano.attributes["handle"]
    ornstein = catalogue.candidates("David Ornstein", {EntityKind.JOURNALIST})[0]
    assert ornstein.attributes["employer"] == "outlet:the-athletic"
    assert ornstein.attributes["tier"] == "1"
    assert _best(catalogue, "the Dutchman", {EntityKind.NATIONAL_TEAM}) == "nation:netherlands"
    assert _best(catalogue, "Italian", {EntityKind.NATIONAL_TEAM}) == "nation:italy"
    assert catalogue.is_ambiguous("Irish", {EntityKind.NATIONAL_TEAM})


def test_kinds_filter_candidates(catalogue: Catalogue) -> None:
    assert all(
        e.kind == EntityKind.OUTLET for e in catalogue.candidates("Athletic", {EntityKind.OUTLET})
    )
    assert _best(catalogue, "Athletic", {EntityKind.OUTLET}) == "outlet:the-athletic"


def test_surface_forms_feed_a_matcher(catalogue: Catalogue) -> None:
    forms = list(catalogue.surface_forms({EntityKind.CLUB}))
    assert ("Nerazzurri", "club:fc-internazionale-milano", "nickname") in forms
    assert all(catalogue.entities[entity_id].kind == EntityKind.CLUB for _, entity_id, _ in forms)
    kinds = {kind for _, _, kind in forms}
    assert {"name", "alternate", "nickname", "short"} <= kinds


def test_club_entities_carry_attributes(catalogue: Catalogue) -> None:
    inter = catalogue.get("club:fc-internazionale-milano")
    assert inter is not None
    assert inter.attributes["wikidata"] and inter.attributes["transfermarkt_id"]
    assert "it.1" in inter.attributes["leagues"]["2023-24"]
    assert (
        inter.attributes["prominence"]
        > catalogue.entities["club:fk-milano"].attributes["prominence"]
    )


def test_club_on_follows_completed_moves(catalogue: Catalogue) -> None:
    movers = [
        e
        for e in catalogue.entities.values()
        if e.kind == EntityKind.PLAYER
        and len(e.attributes.get("clubs", ())) >= 2
        and all(m["to_club_id"] for m in e.attributes["clubs"])
        and len({m["date"] for m in e.attributes["clubs"]}) == len(e.attributes["clubs"])
    ]
    assert movers
    person = movers[0]
    first, second = person.attributes["clubs"][:2]
    assert catalogue.club_on(person.id, date.fromisoformat(first["date"])) == first["to_club_id"]
    assert catalogue.club_on(person.id, date.fromisoformat(second["date"])) == second["to_club_id"]
    assert catalogue.club_on(person.id, date(1990, 1, 1)) is None


def test_load_catalogue_is_cached() -> None:
    assert load_catalogue() is load_catalogue()


def test_every_corpus_source_label_resolves(catalogue: Catalogue, shared_dir: Path) -> None:
    path = shared_dir / "kb" / "media" / "outlets_in_corpus.tsv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    kinds = {EntityKind.OUTLET, EntityKind.JOURNALIST}
    missing = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            label = row["label_as_printed"].strip()
            parts = (
                [p.raw for p in parse_source_label(label)]
                if label
                else row["web_domains"].split(",")
            )
            missing += [p for p in parts if not catalogue.candidates(p, kinds)]
    assert not missing, missing[:20]

"""Contract claims, table by phenomenon, over contexts built by hand (see claimkit)."""

from __future__ import annotations

from datetime import date

import pytest
from claimkit import PERSON, C, Name, P, context

from mercato.domain import Article, ContractClaim, EntityKind, TransferClaim
from mercato.extract.contracts import extract_contracts
from mercato.extract.pipeline import default_extractor

NAMES: dict[str, Name | EntityKind] = {
    "Ivan Petrak": Name(P, "Ivan Petrak", "player:petrak"),
    "Petrak": Name(P, "Ivan Petrak", "player:petrak"),
    "Sam Whitlock": P,
    "Whitlock": Name(P, "Sam Whitlock"),
    "Feyenoord": Name(C, "Feyenoord", "club:feyenoord"),
    "Martin Hale": Name(PERSON, "Martin Hale"),
    "Brighton": C,
    "the Seagulls": Name(C, "Brighton"),
}
PUBLISHED = date(2024, 11, 5)

# (text, person, club, action, expires)
Row = tuple[str, str, str | None, str, int | None]

OFFERS: list[Row] = [
    (
        (
            "Brighton's Sam Whitlock, who has been linked with Feyenoord, has rejected a new "
            "contract offer."
        ),
        "Sam Whitlock",
        "Brighton",
        "offer",
        None,
    ),
    (
        "Feyenoord are preparing to offer an improved contract to Petrak.",
        "Ivan Petrak",
        "Feyenoord",
        "offer",
        None,
    ),
    (
        "Brighton have offered Whitlock a new four-year deal.",
        "Sam Whitlock",
        "Brighton",
        "offer",
        None,
    ),
    (
        "Whitlock has rejected a contract offer from the Seagulls.",
        "Sam Whitlock",
        "Brighton",
        "offer",
        None,
    ),
]

TALKS: list[Row] = [
    (
        "Brighton boss Martin Hale wants talks over a new contract for Ivan Petrak.",
        "Ivan Petrak",
        "Brighton",
        "talks",
        None,
    ),
    (
        "Feyenoord have opened talks over a new deal with Petrak.",
        "Ivan Petrak",
        "Feyenoord",
        "talks",
        None,
    ),
    ("Whitlock and Brighton are in contract talks.", "Sam Whitlock", "Brighton", "talks", None),
]

SIGNED: list[Row] = [
    (
        "Petrak has signed a new contract until 2029 at Feyenoord.",
        "Ivan Petrak",
        "Feyenoord",
        "signed",
        2029,
    ),
    ("Whitlock has extended his stay with Brighton.", "Sam Whitlock", "Brighton", "signed", None),
    (
        "Whitlock committed his future to Brighton until the end of the 2027-28 season.",
        "Sam Whitlock",
        "Brighton",
        "signed",
        2028,
    ),
]

EXPIRIES: list[Row] = [
    (
        "Petrak could leave Feyenoord when his contract runs out, with offers from Brighton.",
        "Ivan Petrak",
        "Feyenoord",
        "expiry",
        None,
    ),
    (
        "Whitlock has two years left on his current deal.",
        "Sam Whitlock",
        None,
        "expiry",
        2026,
    ),
    (
        "Whitlock's Brighton contract expires in 2027.",
        "Sam Whitlock",
        "Brighton",
        "expiry",
        2027,
    ),
    ("Petrak's contract expires in 2026.", "Ivan Petrak", None, "expiry", 2026),
    (
        "Whitlock's deal at Brighton runs out in June 2025.",
        "Sam Whitlock",
        "Brighton",
        "expiry",
        2025,
    ),
    ("Petrak will be out of contract in the summer.", "Ivan Petrak", None, "expiry", 2025),
    ("Whitlock has 20 months left on his deal.", "Sam Whitlock", None, "expiry", 2026),
    ("Petrak is under contract until 2027.", "Ivan Petrak", None, "expiry", 2027),
    (
        "Petrak is out of contract at the end of the season and Brighton are circling.",
        "Ivan Petrak",
        None,
        "expiry",
        2025,
    ),
]

KNOWN_MISSES: list[Row] = [
    # the club is only the possessive of the contract ("Brighton's offer"), named before the person
    (
        "Whitlock is weighing up the Seagulls' latest proposal to stay.",
        "Sam Whitlock",
        "Brighton",
        "offer",
        None,
    ),
    # an expiry given as a date without a year word nearby
    ("Petrak's terms end next June.", "Ivan Petrak", None, "expiry", 2025),
]


def _claims(text: str) -> list[ContractClaim]:
    return [
        c
        for c in extract_contracts(context(text, NAMES, PUBLISHED))
        if isinstance(c, ContractClaim)
    ]


def _check(text: str, person: str, club: str | None, action: str, expires: int | None) -> None:
    claims = _claims(text)
    assert [(c.person, c.club, c.action, c.expires) for c in claims] == [
        (person, club, action, expires)
    ]


@pytest.mark.parametrize(("text", "person", "club", "action", "expires"), OFFERS)
def test_offers(text: str, person: str, club: str | None, action: str, expires: int | None) -> None:
    _check(text, person, club, action, expires)


@pytest.mark.parametrize(("text", "person", "club", "action", "expires"), TALKS)
def test_talks(text: str, person: str, club: str | None, action: str, expires: int | None) -> None:
    _check(text, person, club, action, expires)


@pytest.mark.parametrize(("text", "person", "club", "action", "expires"), SIGNED)
def test_signed(text: str, person: str, club: str | None, action: str, expires: int | None) -> None:
    _check(text, person, club, action, expires)


@pytest.mark.parametrize(("text", "person", "club", "action", "expires"), EXPIRIES)
def test_expiries(
    text: str, person: str, club: str | None, action: str, expires: int | None
) -> None:
    _check(text, person, club, action, expires)


@pytest.mark.xfail(strict=True, reason="not read yet")
@pytest.mark.parametrize(("text", "person", "club", "action", "expires"), KNOWN_MISSES)
def test_known_misses(
    text: str, person: str, club: str | None, action: str, expires: int | None
) -> None:
    _check(text, person, club, action, expires)


@pytest.mark.parametrize(
    "text",
    [
        "Brighton are in talks over a deal for Petrak.",
        "Feyenoord have agreed a deal with Brighton for Whitlock.",
        "Brighton signed Whitlock from Feyenoord in 2021.",
        "Feyenoord offered £20m for Whitlock.",
        "The club needs a new contract for its stadium naming rights.",
    ],
)
def test_transfers_are_not_contract_claims(text: str) -> None:
    assert _claims(text) == []


def test_the_player_is_the_last_person_named() -> None:
    text = (
        "Brighton want Ivan Petrak.\n\n"
        "However, Feyenoord are working to hand an improved contract to the player to keep suitors away."
    )
    claims = _claims(text)
    assert [(c.person, c.person_id, c.club, c.club_id, c.action) for c in claims] == [
        ("Ivan Petrak", "player:petrak", "Feyenoord", "club:feyenoord", "offer")
    ]
    assert claims[0].provenance.extractor == "contract.rules.v1"
    assert claims[0].provenance.span.text.startswith("However, Feyenoord")


def test_a_new_deal_offered_by_his_club_is_no_move_to_it() -> None:
    text = "Brentford are ready to offer Callum Ashby a new contract after talks with his agent went well."
    extraction = default_extractor().extract(Article.from_text(text, published=date(2024, 7, 26)))
    contracts = [c for c in extraction.claims if isinstance(c, ContractClaim)]
    transfers = [c for c in extraction.claims if isinstance(c, TransferClaim)]
    assert [(c.person, c.club, c.action) for c in contracts] == [("Callum Ashby", "Brentford", "offer")]
    assert not [t for t in transfers if t.to_club == "Brentford"]


def test_a_suitor_named_beside_the_renewal_is_still_a_move() -> None:
    text = "Brentford are ready to offer Callum Ashby a new contract to ward off interest from Fulham."
    extraction = default_extractor().extract(Article.from_text(text, published=date(2024, 7, 26)))
    transfers = [c for c in extraction.claims if isinstance(c, TransferClaim)]
    assert [t.to_club for t in transfers] == ["Fulham"]

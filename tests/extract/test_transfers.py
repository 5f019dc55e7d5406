"""The rules' reading of transfer links: each row a sentence the team wrote and the links it gives.

The rules (`transfer.rules.v1`) propose links and describe them for the learned decision layer,
which is judged by cross-validation on gold (`tests/test_eval_gate.py`), not by sentences; these
tables pin what the rules themselves read, so a feature the model leans on cannot drift unseen.
Rows are grouped by phenomenon. A link is (person, from, to, status[, loan][, source]); clubs are
compared by the display names the knowledge base gives them, after dropping "FC"-style forms.
Known misses are marked xfail(strict=True) so that a fix shows up.
"""

from __future__ import annotations

from datetime import date

import pytest

from mercato.domain import Article, Claim, EntityKind, TransferClaim
from mercato.extract.consolidate import consolidate
from mercato.extract.pipeline import default_extractor
from mercato.extract.transfers import read_rule_links
from mercato.kb.catalogue import load_catalogue
from mercato.kb.normalise import normalise_alias

X = pytest.mark.xfail(strict=True, reason="known miss")


def _club(name: str | None) -> str | None:
    """The knowledge-base id a club name stands for, so tests do not depend on display names."""
    if name is None:
        return None
    candidates = load_catalogue().candidates(name, [EntityKind.CLUB])
    return candidates[0].id if candidates else normalise_alias(name)


def _rule_claims(article: Article) -> list[TransferClaim]:
    """The rules' links and the round-up lists' ones, one per move, as the model receives them."""
    extractor = default_extractor()
    context = extractor.context(article)
    claims: list[Claim] = list(read_rule_links(context))
    claims += [c for e in extractor.extractors if e.name.startswith("transfer.lists.") for c in e.extract(context)]
    return [c for c in consolidate(claims) if isinstance(c, TransferClaim)]


def _links(text: str, published: date | None = date(2024, 3, 1)) -> set[tuple]:
    return {
        (c.person, c.from_club_id or c.from_club, c.to_club_id or c.to_club, c.status.value)
        for c in _rule_claims(Article.from_text(text, published=published))
    }


def _expect(*links: tuple) -> set[tuple]:
    return {(p, _club(f), _club(t), s) for p, f, t, s in links}


SUITORS = [
    pytest.param(
        "Arsenal are keen to sign Lyon midfielder Theo Marchand this summer.",
        _expect(("Theo Marchand", "Lyon", "Arsenal", "rumour")),
        id="subject-club-wants-player",
    ),
    pytest.param(
        "Brentford, Fulham and Everton are all interested in Celtic winger Aaron Whitlock, 21.",
        _expect(
            ("Aaron Whitlock", "Celtic", "Brentford", "rumour"),
            ("Aaron Whitlock", "Celtic", "Fulham", "rumour"),
            ("Aaron Whitlock", "Celtic", "Everton", "rumour"),
        ),
        id="several-suitors-in-a-list",
    ),
    pytest.param(
        "Sevilla forward Marco Ibanez is the target of a loan move by Turkish club Galatasaray.",
        _expect(("Marco Ibanez", "Sevilla", "Galatasaray", "rumour")),
        id="passive-by-club",
    ),
    pytest.param(
        "Newcastle have made a bid of about £22m for Brighton's 24-year-old English winger Callum Reeve.",
        _expect(("Callum Reeve", "Brighton & Hove Albion", "Newcastle United", "rumour")),
        id="possessive-origin-and-bid",
    ),
]

DONE = [
    pytest.param(
        "Hull City have signed Motherwell defender Kyle Brannigan on a two-year deal.",
        _expect(("Kyle Brannigan", "Motherwell", "Hull City", "done")),
        id="has-signed",
    ),
    pytest.param(
        "The 26-year-old full-back Jonas Weller joined Wolfsburg from Freiburg in 2019.",
        _expect(("Jonas Weller", "Freiburg", "Wolfsburg", "done")),
        id="background-history",
    ),
]

OFF = [
    pytest.param(
        "Real Betis defender Pablo Ortega has turned down a move to Leeds United.",
        _expect(("Pablo Ortega", "Real Betis", "Leeds United", "off")),
        id="turned-down",
    ),
    pytest.param(
        "Winger Luca Benassi is opposed to joining Juventus, but would consider a move to Napoli.",
        set(),
        id="contrast-needs-origin",
        marks=X,
    ),
]

HEDGED = [
    pytest.param(
        "Stoke City keeper Adam Rusk is set to join Preston North End on loan.",
        _expect(("Adam Rusk", "Stoke City", "Preston North End", "rumour")),
        id="set-to-join-is-rumour",
    ),
]

EXITS = [
    pytest.param(
        "Everton are ready to cash in on striker Dwight Colley.",
        _expect(("Dwight Colley", "Everton", None, "rumour")),
        id="exit-without-destination",
    ),
]

LISTS_AND_CLAUSES = [
    pytest.param(
        "Fulham are tracking Burnley defender Kian Doyle, 24, and Everton winger Marcus Adeyemi, 22.",
        _expect(
            ("Kian Doyle", "Burnley", "Fulham", "rumour"),
            ("Marcus Adeyemi", "Everton", "Fulham", "rumour"),
        ),
        id="each-listed-player-keeps-his-own-club",
    ),
    pytest.param(
        "Napoli want Sevilla striker Tomas Ruiz, which could open the door for Valencia to sign "
        "Napoli's Spain winger Javier Molina.",
        _expect(
            ("Tomas Ruiz", "Sevilla", "Napoli", "rumour"),
            ("Javier Molina", "Napoli", "Valencia", "rumour"),
        ),
        id="for-x-to-sign-y",
    ),
    pytest.param(
        "Celtic midfielder Owen Price is opposed to joining Rangers, but the 23-year-old Celtic "
        "midfielder would consider a move to Aberdeen.",
        _expect(
            ("Owen Price", "Celtic", "Rangers", "off"),
            ("Owen Price", "Celtic", "Aberdeen", "rumour"),
        ),
        id="contrast-splits-off-from-rumour",
    ),
    pytest.param(
        "Lorient have made a bid for Karim Said, whose contract with Brest runs out in June.",
        _expect(("Karim Said", "Brest", "Lorient", "rumour")),
        id="whose-contract-names-the-origin",
    ),
]

RENEWALS = [
    pytest.param(
        "Everton are in talks with defender Jamie Holt over a new long-term contract.",
        set(),
        id="renewal-talks-are-no-move",
    ),
    pytest.param(
        "Midfielder Ryan Tully signs new deal with Stoke City until 2027.",
        set(),
        id="new-deal-with-own-club",
    ),
]

NOT_LINKS = [
    pytest.param(
        "Former Chelsea striker Paul Hendry said the defence looked tired.",
        set(),
        id="former-club-is-not-a-link",
    ),
    pytest.param("Liverpool want a new centre-back in January.", set(), id="no-named-person"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    SUITORS + DONE + OFF + HEDGED + EXITS + LISTS_AND_CLAUSES + RENEWALS + NOT_LINKS,
)
def test_transfer_links(text: str, expected: set[tuple]) -> None:
    assert _links(text) == expected


def test_loan_flag_and_source_from_trailing_label() -> None:
    text = "Watford are set to make a loan move for Arsenal defender Reuben Okafor. (Evening Courier)"
    (claim,) = _rule_claims(Article.from_text(text, published=date(2022, 1, 10)))
    assert claim.is_loan
    assert claim.attribution is not None and claim.attribution.original == "Evening Courier"
    assert claim.window is not None and claim.window.part == "winter"


def test_chain_keeps_the_original_source() -> None:
    text = "Napoli are chasing Leicester midfielder Tom Hadley, 25. (Il Mattino, via Sport Witness)"
    (claim,) = _rule_claims(Article.from_text(text))
    assert claim.attribution is not None
    assert claim.attribution.original == "Il Mattino"


def test_surname_mention_takes_the_full_name() -> None:
    text = (
        "Southampton midfielder Liam Corrigan has impressed this season. "
        "Aston Villa are keen to sign Corrigan in the summer."
    )
    links = _links(text)
    assert ("Liam Corrigan", _club("Southampton"), _club("Aston Villa"), "rumour") in links


def test_fee_is_attached_to_the_move() -> None:
    text = "Sunderland have agreed a £12m fee with Norwich City for striker Owen Daley."
    (claim,) = _rule_claims(Article.from_text(text))
    assert claim.fee is not None
    assert (claim.fee.amount, claim.fee.currency) == (12_000_000, "GBP")


def test_every_claim_has_provenance() -> None:
    text = "Arsenal are keen to sign Lyon midfielder Theo Marchand this summer."
    article = Article.from_text(text, published=date(2024, 3, 1), outlet="Test Outlet")
    (claim,) = _rule_claims(article)
    assert claim.provenance.article_id == article.id
    assert text[claim.provenance.span.start : claim.provenance.span.end] == claim.provenance.span.text
    assert claim.provenance.extractor == "transfer.rules.v1"
    assert claim.provenance.outlet == "Test Outlet"


def test_a_headline_move_without_a_verb() -> None:
    text = "Sporting left-back Nuno Abreu is wanted across Europe. Abreu to Benfica looks likely."
    links = _links(text)
    assert any(p == "Nuno Abreu" and t == _club("Benfica") for p, _f, t, _s in links)


def test_the_athletic_is_a_source_not_a_club() -> None:
    text = "Brentford have agreed a fee with Norwich City for striker Owen Daley, reports The Athletic."
    (claim,) = _rule_claims(Article.from_text(text))
    assert claim.to_club_id == _club("Brentford")
    assert claim.attribution is not None and "Athletic" in (claim.attribution.original or "")

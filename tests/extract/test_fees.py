"""Fees as writers put them, one table row per phrase, grouped by phenomenon."""

from __future__ import annotations

import pytest

from mercato.domain import Fee
from mercato.extract.fees import find_fees, parse_fee

M = 1_000_000

# (text, amount, currency, expected extra fields)
PLAIN = [
    ("Brentford paid £31m for the winger", 31 * M, "GBP", {}),
    ("a deal worth £12 million", 12 * M, "GBP", {}),
    ("he cost 44 million euros two years ago", 44 * M, "EUR", {}),
    ("signed for €9million from Lens", 9 * M, "EUR", {}),
    ("the club spent $18m on him", 18 * M, "USD", {}),
    ("a 35m euros agreement", 35 * M, "EUR", {}),
    ("a modest £750,000 from the academy side", 750_000, "GBP", {}),
    ("a package of £2.3bn for the whole squad", 2.3e9, "GBP", {}),
    ("a £6.4m switch", 6.4 * M, "GBP", {}),
    ("a fee of 12m€", 12 * M, "EUR", {}),
    ("sold for £400k last year", 400_000, "GBP", {}),
    ("a CHF 8m move", 8 * M, "CHF", {}),
]

HEDGED = [
    ("for around €19million", 19 * M, "EUR", {"is_approximate": True}),
    ("a fee in the region of £42m", 42 * M, "GBP", {"is_approximate": True}),
    ("roughly £8m", 8 * M, "GBP", {"is_approximate": True}),
    ("in excess of £70m", 70 * M, "GBP", {"is_approximate": True}),
    ("for £19m flat", 19 * M, "GBP", {"is_approximate": False}),
]

ADD_ONS_AND_RANGES = [
    ("up to £65m including add-ons", 65 * M, "GBP", {"upper": 65 * M}),
    ("£52m plus £8m in add-ons", 52 * M, "GBP", {"add_ons": 8 * M, "upper": 60 * M}),
    ("€30m + €5m in bonuses", 30 * M, "EUR", {"add_ons": 5 * M, "upper": 35 * M}),
    ("£20m, rising to £26m with add-ons", 20 * M, "GBP", {"add_ons": 6 * M, "upper": 26 * M}),
    ("valued between £35m and £45m", 35 * M, "GBP", {"upper": 45 * M}),
    ("a £35m-£45m fee", 35 * M, "GBP", {"upper": 45 * M}),
    ("somewhere in the £35-45m bracket", 35 * M, "GBP", {"upper": 45 * M}),
    ("worth €20m to €25m", 20 * M, "EUR", {"upper": 25 * M}),
    ("£40 to 50 million", 40 * M, "GBP", {"upper": 50 * M}),
]

TWEET_STYLE = [
    (
        "Everton agree €35m fixed fee + €4m add-ons",
        35 * M,
        "EUR",
        {"add_ons": 4 * M, "upper": 39 * M},
    ),
    ("fee will be around €16/18m", 16 * M, "EUR", {"upper": 18 * M, "is_approximate": True}),
    ("a fee of €12,5m", 12.5 * M, "EUR", {}),
    ("a £55m-plus fee", 55 * M, "GBP", {"is_approximate": True}),
    ("a £28m package including add-ons", 28 * M, "GBP", {"kind": "fee"}),
    ("joins Lens on €35m package deal", 35 * M, "EUR", {"kind": "fee"}),
    ("a £6m severance package", 6 * M, "GBP", {"kind": "salary"}),
]

CONVERSIONS = [
    ("for 31m euros (£27m)", 31 * M, "EUR", {}),
    ("£18m (€21m) from Porto", 18 * M, "GBP", {}),
]

KINDS = [
    ("he has a €90m release clause", 90 * M, "EUR", {"kind": "release_clause"}),
    ("his release clause of €120m", 120 * M, "EUR", {"kind": "release_clause"}),
    ("a buyout clause of 60 million euros", 60 * M, "EUR", {"kind": "release_clause"}),
    ("Everton have valued him at £45m", 45 * M, "GBP", {"kind": "valuation"}),
    ("the £70m-rated forward", 70 * M, "GBP", {"kind": "valuation"}),
    ("slapped a £55m price tag on him", 55 * M, "GBP", {"kind": "valuation"}),
    ("a bid of £22m was rejected", 22 * M, "GBP", {"kind": "bid"}),
    ("a £22m opening offer", 22 * M, "GBP", {"kind": "bid"}),
    ("tabled a £30m bid", 30 * M, "GBP", {"kind": "bid"}),
    ("earning £180,000-a-week", 180_000, "GBP", {"kind": "salary"}),
    ("£95,000 per week", 95_000, "GBP", {"kind": "salary"}),
    ("a $250m package over three years", 250 * M, "USD", {"kind": "salary"}),
    ("wages of £60,000", 60_000, "GBP", {"kind": "salary"}),
    ("Leeds paid £14m for him", 14 * M, "GBP", {"kind": "fee"}),
    ("a £3m loan fee", 3 * M, "GBP", {"kind": "fee"}),
]

KNOWN_MISSES = [
    pytest.param("twenty million pounds", 20 * M, "GBP", {}, id="number-words"),
    pytest.param(
        "€25m and a further five million in bonuses",
        25 * M,
        "EUR",
        {"add_ons": 5 * M},
        id="add-ons-in-words",
    ),
]


def _check(text: str, amount: float, currency: str, extra: dict[str, object]) -> None:
    fee = parse_fee(text)
    assert fee is not None, text
    assert fee.amount == pytest.approx(amount)
    assert fee.currency == currency
    for name, value in extra.items():
        got = getattr(fee, name)
        assert got == (
            pytest.approx(value)
            if isinstance(value, float | int) and not isinstance(value, bool)
            else value
        ), name


@pytest.mark.parametrize(("text", "amount", "currency", "extra"), PLAIN)
def test_plain_figures(text: str, amount: float, currency: str, extra: dict[str, object]) -> None:
    _check(text, amount, currency, extra)


@pytest.mark.parametrize(("text", "amount", "currency", "extra"), HEDGED)
def test_hedged_figures(text: str, amount: float, currency: str, extra: dict[str, object]) -> None:
    _check(text, amount, currency, extra)


@pytest.mark.parametrize(("text", "amount", "currency", "extra"), ADD_ONS_AND_RANGES)
def test_add_ons_and_ranges(
    text: str, amount: float, currency: str, extra: dict[str, object]
) -> None:
    _check(text, amount, currency, extra)


@pytest.mark.parametrize(("text", "amount", "currency", "extra"), TWEET_STYLE)
def test_tweet_style(text: str, amount: float, currency: str, extra: dict[str, object]) -> None:
    _check(text, amount, currency, extra)


@pytest.mark.parametrize(("text", "amount", "currency", "extra"), CONVERSIONS)
def test_conversions_keep_the_first_figure(
    text: str, amount: float, currency: str, extra: dict[str, object]
) -> None:
    _check(text, amount, currency, extra)
    assert len(find_fees(text)) == 1


@pytest.mark.parametrize(("text", "amount", "currency", "extra"), KINDS)
def test_kinds(text: str, amount: float, currency: str, extra: dict[str, object]) -> None:
    _check(text, amount, currency, extra)


@pytest.mark.xfail(strict=True, reason="not read yet")
@pytest.mark.parametrize(("text", "amount", "currency", "extra"), KNOWN_MISSES)
def test_known_misses(text: str, amount: float, currency: str, extra: dict[str, object]) -> None:
    _check(text, amount, currency, extra)


@pytest.mark.parametrize(
    "text",
    [
        "they won 3-1 on Saturday",
        "a 4-2-3-1 shape",
        "the 2022-23 season",
        "he is 24 and has 30 caps",
        "the m25 motorway",
    ],
)
def test_no_money_no_fee(text: str) -> None:
    assert find_fees(text) == []


def test_offsets_cover_the_figure_and_several_fees_are_kept_apart() -> None:
    text = "After a bid of £40m failed, they returned with £48m plus £4m in add-ons."
    found = find_fees(text)
    assert [text[s:e] for s, e, _ in found] == ["£40m", "£48m plus £4m in add-ons"]
    assert [f.kind for _, _, f in found] == ["bid", "fee"]
    assert found[1][2] == Fee(48 * M, "GBP", add_ons=4 * M, upper=52 * M)


def test_list_of_bids_shares_the_kind() -> None:
    found = find_fees("Two offers of £15m and £18m were turned down")
    assert [(f.amount, f.kind) for _, _, f in found] == [(15 * M, "bid"), (18 * M, "bid")]


@pytest.mark.parametrize(
    ("text", "amount", "upper", "currency", "kind"),
    [
        ("a move for 45-50m euros (£39m-43m) in the summer", 45 * M, 50 * M, "EUR", "fee"),
        ("Porto want between 60m and 70m euros (£51m-£60m)", 60 * M, 70 * M, "EUR", "valuation"),
        ("a 25-30m euro (£21m-£26m) asking price", 25 * M, 30 * M, "EUR", "valuation"),
    ],
)
def test_ranges_with_the_currency_after_both_figures(
    text: str, amount: float, upper: float, currency: str, kind: str
) -> None:
    found = find_fees(text)
    assert len(found) == 1  # the converted range in brackets is part of the same fee
    fee = found[0][2]
    assert (fee.amount, fee.upper, fee.currency, fee.kind) == (amount, upper, currency, kind)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a new bid of more than £45m", "bid"),
        ("they will offer Ajax £30m", "bid"),
        ("prepared to bid as much as £70m", "bid"),
        ("a £26m summer bid", "bid"),
        ("his buyout clause reportedly set at £50m", "release_clause"),
        ("€65m to trigger the release clause of the midfielder", "release_clause"),
        ("a £500m termination clause", "release_clause"),
        ("lowered their asking price to about £22m", "valuation"),
        ("Palace's £40m demands", "valuation"),
        ("a yearly pay packet of 30m euros", "salary"),
        ("a deal worth £35m", "fee"),
    ],
)
def test_kind_from_the_words_around(text: str, kind: str) -> None:
    fee = parse_fee(text)
    assert fee is not None
    assert fee.kind == kind

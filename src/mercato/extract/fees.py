"""Fees: sums of money as writers put them ("£27m", "around €15million", "£40m-£50m"), normalised.

price-parser reads neither "£75m" nor "€15million" alone, so this is a small regex layer of its
own: find each figure with its currency and multiplier, join ranges, add-ons and conversions
into one fee, and read the words around it for the kind (bid, valuation, release clause,
salary) and for hedges ("around", "in the region of").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from mercato.domain import Fee

_SYMBOLS: dict[str, str] = {
    "£": "GBP", "€": "EUR", "$": "USD", "us$": "USD", "usd": "USD", "eur": "EUR",
    "gbp": "GBP", "chf": "CHF", "r$": "BRL", "a$": "AUD",
}  # fmt: skip
_WORDS: dict[str, str] = {
    "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "euros": "EUR", "euro": "EUR",
    "dollars": "USD", "dollar": "USD", "swiss francs": "CHF", "francs": "CHF", "reais": "BRL",
}  # fmt: skip
_MULTIPLIERS: dict[str, int] = {
    "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "million": 1_000_000, "millions": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
    "billion": 1_000_000_000,
}  # fmt: skip

_SYMBOL = r"(?:US\$|R\$|A\$|[£€$]|(?:USD|EUR|GBP|CHF)\s?)"
# "1,500,000", "27.5", and the continental "12,5m" (a decimal comma before a multiplier)
_NUMBER = (
    r"\d{1,3},\d{1,2}(?=\s?(?:m|mn|bn|million|billion)(?![a-z]))|"
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
)
_MULT = r"(?:\s?(?:million|millions|billion|thousand|mln|mn|bn|m|k|b)(?![a-z]))"
_WORD_CURRENCY = r"(?:pounds?(?:\s+sterling)?|sterling|euros?|dollars?|swiss\s+francs|francs|reais)"

# "£27m", "€ 15million", "£500,000", "$1.2bn", and the bare second half of "£40-50m".
_PREFIXED = re.compile(
    rf"(?P<sym>{_SYMBOL})\s?(?P<num>{_NUMBER})(?P<mult>{_MULT})?(?:\s?(?P<sfx>€))?", re.IGNORECASE
)
# "27 million euros", "50m euros", "15m€".
_SUFFIXED = re.compile(
    rf"(?<![\w£€$.,])(?P<num>{_NUMBER})(?P<mult>{_MULT})?\s?(?P<word>{_WORD_CURRENCY}(?![a-z])|€)",
    re.IGNORECASE,
)
# "35-40m euros", "between 50m and 60m euros": the currency word comes after both figures.
_SUFFIXED_RANGE = re.compile(
    rf"(?<![\w£€$.,])(?P<low>{_NUMBER})(?P<lowmult>{_MULT})?\s?(?P<sep>-|–|to|and)\s?"
    rf"(?P<num>{_NUMBER})(?P<mult>{_MULT})?\s?(?P<word>{_WORD_CURRENCY}(?![a-z])|€)",
    re.IGNORECASE,
)
_RANGE_TAIL = re.compile(
    rf"\s?(?:-|–|—|/|to|and)\s?(?P<sym>{_SYMBOL})?\s?(?P<num>{_NUMBER})(?P<mult>{_MULT})?"
    rf"(?:\s?(?P<word>{_WORD_CURRENCY}(?![a-z])|€))?",
    re.IGNORECASE,
)
_RISING = re.compile(
    r"[,(]?\s?(?:which\s+)?(?:could\s+|potentially\s+|that\s+could\s+|and\s+)?"
    r"(?:rising|rise|rises|going\s+up)\s+to\s+",
    re.IGNORECASE,
)
_ADD_ON_PLUS = re.compile(
    r"\s?(?:,\s?)?(?:\+|plus|and|with)\s+(?:a\s+further\s+|another\s+)?", re.IGNORECASE
)
_ADD_ON_WORDS = re.compile(
    r"^\s?(?:in\s+|of\s+|worth\s+of\s+)?"
    r"(?:potential\s+|possible\s+|further\s+|performance[- ]related\s+)?"
    r"(?:add-?ons|bonuses|bonus\s+payments|variables|incentives|extras)",
    re.IGNORECASE,
)
_PAREN = re.compile(
    rf"^\s?\(\s?(?:about\s+|around\s+|approx\.?\s+|c\.\s?)?{_SYMBOL}?\s?[\d.,]+{_MULT}?"
    rf"(?:\s?[-–]\s?{_SYMBOL}?\s?[\d.,]+{_MULT}?)?(?:\s?{_WORD_CURRENCY})?\s?\)",
    re.IGNORECASE,
)

_FIXED = re.compile(r"\s+(?:fixed|guaranteed|up\s?front|initial|base)(?:\s+fee)?", re.IGNORECASE)
_PLUS_AFTER = re.compile(r"(?:-plus|\+)(?!\s?[£€$\d])", re.IGNORECASE)  # "a £40m-plus fee"
_SALARY_PACKAGE = re.compile(
    r"wages?|salary|severance|per\s+(?:year|season|annum|week)|a\s+(?:year|season|week)|annual|"
    r"yearly|earn|over\s+(?:\w+|\d+)\s+(?:years|seasons)|contract\s+worth",
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(r"\s?(?:,|and|or|then|,\s?then|,\s?and)\s?", re.IGNORECASE)
_APPROX = re.compile(
    r"(?:around|about|approximately|approx\.?|roughly|some|circa|c\.|nearly|almost|close\s+to|"
    r"in\s+the\s+region\s+of|in\s+the\s+regions?\s+of|in\s+excess\s+of|more\s+than|over|"
    r"upwards\s+of|north\s+of|an\s+estimated|estimated|reported|reportedly|believed|touted)"
    r"\s+(?:at\s+|to\s+be\s+|a\s+|an\s+|the\s+)?$",
    re.IGNORECASE,
)
_UP_TO = re.compile(r"(?:up\s+to|as\s+much\s+as|a\s+maximum\s+of|potentially)\s+$", re.IGNORECASE)

# Kind from the words right after the figure ("£25m bid", "€80m release clause").
_AFTER_KIND = re.compile(
    r"^(?:-?plus)?(?:[\s-]+(?:opening|improved|initial|fresh|new|formal|official|cash|"
    r"club-record|record|world-record|first|second|third|final|verbal|written|rejected|"
    r"transfer|guaranteed|basic|annual|gross|net|-?rated|-?valued|euro|pound|sterling|summer|"
    r"january|winter|deadline-day|late|last-ditch|bumper|two-player|part-exchange|"
    r"cash-plus-player|severance|total|euros|pounds|dollar|dollars))*[\s-]*"
    r"(?P<kind>bid|offer|proposal|approach|(?:release|buy-?out|exit|termination|rescission)"
    r"[- ]clause|release[- ]fee|valuation|price[- ]?tag|asking[- ]price|price|demands?|"
    r"a[- ]week|per[- ]week|a[- ]year|per[- ]year|per[- ]annum|per[- ]season|a[- ]season|"
    r"a[- ]month|per[- ]month|wages?|salary|weekly|yearly|pay[- ]packet|package|contract|"
    r"rated|valued|market\s+value)|"
    r"^(?:\s?\([^)]{1,30}\))?\s+to\s+(?:trigger|activate|meet|pay)\s+(?:the|his|her|a)\s+"
    r"(?:\w+\s+)?(?P<clause>release|buy-?out|termination|rescission|exit)\s+clause",
    re.IGNORECASE,
)
_AFTER_KIND_MAP: tuple[tuple[str, str], ...] = (
    (r"release|buy-?out|exit|termination|rescission", "release_clause"),
    (r"valuation|price|asking|rated|valued|market|demand", "valuation"),
    (r"bid|offer|proposal|approach", "bid"),
    (r"week|year|annum|season|month|wage|salary|weekly|yearly|pay|package|contract", "salary"),
)
# Words that may sit between a kind word and the figure ("a bid of more than £75m").
_LEAD = (
    r"(?:(?:of|at|worth|for|around|about|some|up\s+to|as\s+much\s+as|over|under|more\s+than|"
    r"less\s+than|between|"
    r"at\s+least|in\s+excess\s+of|in\s+the\s+region\s+of|close\s+to|nearly|almost|just|"
    r"totalling|a|an|the|reported|reportedly|whopping|hefty|staggering|set\s+at|believed\s+to\s+be)"
    r"\s+)*"
)
# Kind from the words just before the figure ("valued at £60m", "bid of £25m").
_BEFORE_KIND: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:release|buy-?out|exit|termination|rescission)[- ]clauses?"
                rf"(?:\s+(?:is|was|stands|reportedly|believed|said|thought))*\s+{_LEAD}$",
                re.IGNORECASE), "release_clause"),
    (re.compile(r"(?:wages?|salary|earnings|pay\s+packet|earn|earns|earning|contract\s+worth|"
                rf"wage\s+bill|yearly|annual|per\s+year)\s+{_LEAD}$", re.IGNORECASE), "salary"),
    (re.compile(r"(?:valued\s+(?:\w+\s+){0,2}at|value\s+of|valuation\s+of|valuing\s+\w+\s+at|"
                r"price[- ]?tag\s+of|asking\s+price\s+of|demand(?:s|ing)?|want(?:s|ing)?|"
                r"are\s+asking\s+for|asking\s+for|quoted|slapped\s+a|put\s+a|set\s+a|priced\s+at|"
                r"value\s+\w+\s+at|rate\s+\w+\s+at|market\s+value\s+of|"
                r"price(?:[- ]?tag)?(?:\s+for\s+(?:the\s+|their\s+|his\s+)?[\w-]+(?:\s+[\w-]+)?)?"
                r"\s+(?:to|of|at)|"
                rf"will\s+(?:only\s+)?(?:accept|consider|sell\s+for)|accept)\s+{_LEAD}$",
                re.IGNORECASE), "valuation"),
    (re.compile(r"(?:bids?|offers?|proposals?|offered|offering|(?-i:offer\s+[A-Z][\w.'-]*"
                rf"(?:\s+[A-Z][\w.'-]*)?))\s+{_LEAD}$|"
                r"(?:offered|bid|tabled|submitted|lodged|launched|made|table|submit|lodge|launch)"
                r"\s+(?:a\s+|an\s+)?(?:(?:opening|improved|initial|fresh|new|formal|first|second|"
                r"final)\s+)?$", re.IGNORECASE), "bid"),
)  # fmt: skip


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    amount: Decimal
    number: Decimal
    currency: str | None
    has_mult: bool
    upper: Decimal | None = None


def _to_decimal(number: str) -> Decimal:
    if re.fullmatch(r"\d{1,3},\d{1,2}", number):
        return Decimal(number.replace(",", "."))  # "12,5m"
    return Decimal(number.replace(",", ""))


def _figure(match: re.Match[str], offset: int = 0) -> _Figure:
    groups = match.groupdict()
    number = _to_decimal(groups["num"])
    mult_text = (groups.get("mult") or "").strip().lower()
    currency = None
    if groups.get("sym"):
        currency = _SYMBOLS[groups["sym"].strip().lower()]
    elif groups.get("sfx"):
        currency = "EUR"
    if groups.get("word"):
        word = " ".join(groups["word"].lower().split())
        currency = currency or (
            "EUR" if word == "€" else _WORDS.get(word, _WORDS.get(word.split()[0]))
        )
    mult = _MULTIPLIERS.get(mult_text, 1)
    return _Figure(
        start=offset + match.start(),
        end=offset + match.end(),
        amount=number * mult,
        number=number,
        currency=currency,
        has_mult=bool(mult_text),
    )


def _scan_figures(text: str) -> list[_Figure]:
    """Every money figure with a currency, prefixed or suffixed, left to right."""
    figures = [_figure(m) for m in _PREFIXED.finditer(text)]
    for match in _SUFFIXED_RANGE.finditer(text):
        if match["sep"].lower() == "and" and not re.search(r"between\s+$", text[: match.start()]):
            continue
        high = _figure(match)
        mult = _MULTIPLIERS.get((match["lowmult"] or "").strip().lower(), 0) or (
            high.amount / high.number if high.number else 1
        )
        low = _to_decimal(match["low"]) * mult
        if low < high.amount:
            figures.append(
                _Figure(match.start(), match.end(), low, low, high.currency, True, high.amount)
            )
    taken = [(f.start, f.end) for f in figures]
    for match in _SUFFIXED.finditer(text):
        if not any(s < match.end() and match.start() < e for s, e in taken):
            figures.append(_figure(match))
    return sorted(figures, key=lambda f: f.start)


def _next_figure(text: str, pos: int) -> _Figure | None:
    """A figure starting right at `pos` (after optional spaces)."""
    for pattern in (_PREFIXED, _SUFFIXED):
        match = pattern.match(text, pos + len(text[pos:]) - len(text[pos:].lstrip()))
        if match:
            return _figure(match)
    return None


def _kind(text: str, start: int, end: int) -> str:
    after = _AFTER_KIND.match(text[end : end + 60])
    if after:
        word = (after["kind"] or after["clause"]).lower()
        if word == "package":
            # mostly a transfer ("€40m package deal", "€15m package, add-ons included"); wages
            # only where the words around say so ("a $250m package over three years")
            around = text[max(0, start - 60) : end + 60]
            return "salary" if _SALARY_PACKAGE.search(around) else "fee"
        for word_pattern, kind in _AFTER_KIND_MAP:
            if re.search(word_pattern, word):
                return kind
    before = text[max(0, start - 60) : start]
    for pattern, kind in _BEFORE_KIND:
        if pattern.search(before):
            return kind
    return "fee"


def _as_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def first_fee(text: str) -> Fee | None:
    """The first sum in `text` put on a move: a wage is no fee."""
    return next((fee for _, _, fee in find_fees(text) if fee.kind != "salary"), None)


def find_fees(text: str) -> list[tuple[int, int, Fee]]:
    """Every sum of money in `text` as (start, end, Fee), ranges and add-ons folded into one."""
    fees: list[tuple[int, int, Fee]] = []
    consumed_to = -1
    for fig in _scan_figures(text):
        if fig.start < consumed_to or fig.currency is None:
            continue
        start, end = fig.start, fig.end
        amount, upper, add_ons = fig.amount, fig.upper, None
        currency = fig.currency
        before = text[max(0, start - 40) : start]
        ranged = _RANGE_TAIL.match(text, end) if upper is None else None
        if ranged and (
            ranged.group(0).strip()[:3].lower() != "and"
            or re.search(r"between\s+$", before, re.IGNORECASE)
        ):
            second = _figure(ranged)
            second_currency = second.currency or currency
            if (
                second_currency == currency
                and second.number
                and (second.has_mult or not fig.has_mult)
            ):
                if not fig.has_mult and second.has_mult:
                    amount = fig.number * (second.amount / second.number)
                if second.amount is not None and amount is not None and second.amount > amount:
                    upper, end = second.amount, ranged.end()
        rising = _RISING.match(text, end)
        if upper is None and rising:
            nxt = _next_figure(text, rising.end())
            if (
                nxt
                and nxt.currency in (None, currency)
                and nxt.amount
                and amount
                and nxt.amount > amount
            ):
                upper, end = nxt.amount, nxt.end
                add_words = _ADD_ON_WORDS.search(text[end : end + 40]) or re.match(
                    r"\s?(?:with|including|in|thanks\s+to)\s+(?:add-?ons|bonuses)",
                    text[end : end + 40],
                    re.IGNORECASE,
                )
                if add_words:
                    add_ons = upper - amount
        fixed = _FIXED.match(text, end)  # "€40m fixed fee + €5m add-ons"
        plus = _ADD_ON_PLUS.match(text, fixed.end() if fixed else end)
        if plus and add_ons is None:
            nxt = _next_figure(text, plus.end())
            words = _ADD_ON_WORDS.match(text[nxt.end : nxt.end + 50]) if nxt else None
            if nxt and words and nxt.currency in (None, currency) and nxt.amount is not None:
                add_ons = nxt.amount
                upper = (amount or 0) + add_ons
                end = nxt.end + words.end()
        paren = _PAREN.match(text[end:])
        if paren:
            end += paren.end()
        is_approx = bool(_APPROX.search(before)) or bool(_PLUS_AFTER.match(text, end))
        if _UP_TO.search(before) and upper is None:
            upper = amount
        kind = _kind(text, fig.start, end)
        if kind == "fee" and fees and _LIST_JOIN.fullmatch(text[fees[-1][1] : start]):
            # "bids of £40m and £50m": the second figure is of the first one's kind
            kind = fees[-1][2].kind
        fees.append(
            (
                start,
                end,
                Fee(
                    amount=float(amount or 0),
                    currency=currency,
                    kind=kind,
                    add_ons=_as_float(add_ons),
                    upper=_as_float(upper),
                    is_approximate=is_approx,
                ),
            )
        )
        consumed_to = end
    return fees


def parse_fee(text: str) -> Fee | None:
    """The first sum of money in a phrase, normalised ("around €15million" -> 15e6 EUR, approx)."""
    found = find_fees(text)
    return found[0][2] if found else None

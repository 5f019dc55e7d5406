"""Jinja filters that write fees, dates and probabilities the way football readers expect."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from mercato.domain import Fee

_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}


def money(amount: float, currency: str) -> str:
    """£75m, €1.5m, £800k."""
    symbol = _SYMBOLS.get(currency, currency + " ")
    if amount >= 1_000_000:
        value = amount / 1_000_000
        text = f"{value:.1f}".rstrip("0").rstrip(".")
        return f"{symbol}{text}m"
    if amount >= 1_000:
        return f"{symbol}{amount / 1_000:.0f}k"
    return f"{symbol}{amount:.0f}"


def format_fee(fee: Fee | None) -> str:
    """A fee with its range, add-ons and kind, or an en dash when none was given."""
    if fee is None:
        return "–"
    text = money(fee.amount, fee.currency)
    if fee.upper:
        text += "–" + money(fee.upper, fee.currency)
    if fee.add_ons:
        text += " + " + money(fee.add_ons, fee.currency) + " add-ons"
    if fee.is_approximate:
        text = "about " + text
    if fee.kind not in ("fee",):
        text += f" ({fee.kind.replace('_', ' ')})"
    return text


def format_date(day: date | None) -> str:
    """24 Feb 2023."""
    return day.strftime("%-d %b %Y") if day else "undated"


def format_percent(value: float | None) -> str:
    """0.634 -> 63%."""
    return "not scored yet" if value is None else f"{value * 100:.0f}%"


def format_field(value: object, name: str = "") -> str:
    """A claim field from the API's JSON form, readable (fees, windows, attributions, lists)."""
    if isinstance(value, dict):
        if name == "fee" and "amount" in value and "currency" in value:
            return format_fee(Fee(**value))  # type: ignore[arg-type]
        if name == "window" and "year" in value:
            return f"{value['year']} {value.get('part', '')}".strip()
        parts = []
        for key, item in value.items():
            if item in (None, [], "", False):
                continue
            parts.append(f"{key}: {format_field(item, key)}")
        return ", ".join(parts)
    if isinstance(value, list):
        return " via ".join(map(str, value)) if name == "chain" else ", ".join(map(str, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


# A stored URL came from a feed, a page or an API client: only these schemes become links
# (a "javascript:" link would run script on click whatever the escaping).
LINK_SCHEMES = ("http", "https")


def safe_link(url: object) -> str | None:
    """The URL if it is an absolute http(s) link, else None (and the page shows no link)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return url.strip()


def with_as_of(url: str, as_of: str | None) -> str:
    """`url` asking for the same as-of day ("/stories/x?as_of=2023-07-01#claim-3"), if one is set."""
    if not as_of:
        return url
    path, hash_mark, fragment = url.partition("#")
    joiner = "&" if "?" in path else "?"
    return f"{path}{joiner}as_of={as_of}{hash_mark}{fragment}"


@pass_context
def dated_link(context: Context, url: str) -> str:
    """Template filter: `url` keeping the page's as-of day (the `as_of` the page was given)."""
    as_of = context.get("as_of")
    return with_as_of(url, str(as_of) if as_of else None)


def install_filters(env: Environment) -> None:
    """Make the filters available to every template."""
    env.filters["fee"] = format_fee
    env.filters["day"] = format_date
    env.filters["percent"] = format_percent
    env.filters["field"] = format_field
    env.filters["link"] = safe_link
    env.filters["dated"] = dated_link

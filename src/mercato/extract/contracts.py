"""Contract claims: renewal offers, talks, extensions signed, and when a deal runs out.

The person is the one the sentence is about: a person named there, else ("the player", "him")
the last person named before it. The club is the one offering or holding the contract.
"""

from __future__ import annotations

import re
from datetime import date

from mercato.domain import Claim, ContractClaim, EntityKind, Mention, Span
from mercato.extract.context import PERSON_KINDS, ArticleContext
from mercato.extract.facts import subject_before
from mercato.extract.numbers import COUNT, parse_count
from mercato.extract.registry import register
from mercato.extract.windows import resolve_window

EXTRACTOR = "contract.rules.v1"
_I = re.IGNORECASE

_DEAL = r"(?:contract|deal|extension|renewal|terms)"
_FILL = (
    r"(?:(?:a|an|the|his|him|her|new|improved|fresh|bumper|lucrative|long-term|longer|"
    r"\w+-year|extended|better|enhanced|revised|renewed|contract|one-year|two-year)\s+){0,4}"
)
# "a deal" alone may be a transfer; a contract claim needs a word that makes it the player's own.
_RENEWAL_WORD = re.compile(
    r"\b(?:new|improved|fresh|bumper|lucrative|long-term|longer|extended|extension|renewal|"
    r"renewed|contract|\w+-year|enhanced|better|revised|future)\b",
    _I,
)
_YEAR = r"(?P<year>20\d\d)"
_NAMED = r"(?:him|her|(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}))"

# Order matters: a sentence says one action; the first rule that matches names it.
_ACTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("signed", re.compile(
        rf"\b(?:signed|penned|inked|put\s+pen\s+to\s+paper\s+on|agreed)\s+{_FILL}{_DEAL}\b|"
        r"\b(?:extended|renewed)\s+(?:his|her)\s+(?:contract|deal|stay)\b|"
        r"\b(?:committed|commits)\s+(?:his|her)\s+(?:long-term\s+)?future\b", _I)),
    ("offer", re.compile(
        rf"\b(?:offer(?:ed|ing|s)?|table[ds]?|tabling|present(?:ed|ing)?|hand(?:ed|ing)?)\s+"
        rf"(?:{_NAMED}\s+)?{_FILL}{_DEAL}\b|\b{_FILL}{_DEAL}\s+offer\b|"
        rf"\boffer\s+of\s+{_FILL}{_DEAL}\b", _I)),
    ("talks", re.compile(
        r"\b(?:talks|negotiations|discussions)\s+(?:over|about|on|regarding|for)\s+"
        rf"{_FILL}{_DEAL}\b|"
        r"\b(?:contract|renewal|extension)\s+(?:talks|negotiations|discussions)\b|"
        rf"\b(?:negotiating|discussing)\s+{_FILL}{_DEAL}\b", _I)),
    ("expiry", re.compile(
        r"\b(?:contract|deal)\s+(?:at\s+\S+(?:\s+\S+)?\s+)?(?:expires|runs\s+out|ends|is\s+up|"
        r"expiring|running\s+out|which\s+expires|which\s+runs\s+out)\b|"
        r"\bout\s+of\s+contract\b|"
        rf"\b(?:months?|years?|a\s+year)\s+(?:left|remaining)\s+on\s+(?:his|her|their)\s+"
        rf"(?:current\s+|existing\s+|present\s+)?{_DEAL}\b|"
        r"\b(?:contract|deal)\s+(?:runs|running|which\s+runs|lasts)\s+(?:until|to|till)\b|"
        r"\b(?:under\s+contract|contracted|tied\s+down)\s+(?:until|to|till)\b", _I)),
)  # fmt: skip
_KEYS = ("contract", "deal", "extension", "renewal", "terms", "future", "stay")
_NEEDS_RENEWAL_WORD = frozenset({"signed", "offer", "talks"})

_UNTIL_YEAR = re.compile(
    rf"\b(?:until|till|to|through|in|expires|expiring|end\s+of|summer\s+of|June|July|May)\s+"
    r"(?:(?:the\s+)?(?:end\s+of\s+)?(?:June|July|May|the\s+summer\s+of|the\s+season)?"
    r"\s*(?:of\s+)?)?"
    rf"{_YEAR}(?:[-/](?P<second>\d\d))?\b",
    _I,
)
_MONTHS_LEFT = re.compile(
    rf"\b(?P<n>{COUNT}|a)\s+(?P<unit>months?|years?)\s+(?:left|remaining)\s+on\b", _I
)
_RELATIVE_END = re.compile(
    r"\b(?:in\s+the\s+summer|this\s+summer|next\s+summer|at\s+the\s+end\s+of\s+the\s+season|"
    r"in\s+January|at\s+the\s+end\s+of\s+(?:this|next)\s+season)\b",
    _I,
)
# "the player", "him", "his deal": the sentence speaks of someone named before it.
_BACK_REFERENCE = re.compile(
    r"\b(?:the\s+(?:player|defender|midfielder|forward|striker|winger|goalkeeper|keeper|"
    r"youngster|\w+man|\w+-year-old|star|captain|international)|him|his|her|he|she)\b",
    _I,
)
_CLUB_HOLDS = re.compile(r"\b(?:at|with|by|from)\s+(?:the\s+)?$", _I)
_CLUB_HOLDS_EXPIRY = re.compile(r"\b(?:at|with)\s+(?:the\s+)?$", _I)
_CLUB_OWN_DEAL = re.compile(r"(?:'s?|’s?)?\s+(?:contract|deal)\b", _I)
_LEAVING = re.compile(r"\b(?:leave|leaving|exit|exiting|depart|departing)\s+(?:the\s+)?$", _I)
_NON_PLAYER_ROLE = re.compile(
    r"\b(?:agent|boss|manager|coach|director|president|chairman|owner|representative|adviser|"
    r"advisor|executive|chief|pundit|journalist|reporter)[,\s]+$",
    _I,
)
# Clubs named as suitors ("linked with Liverpool", "interest from Arsenal") do not hold the deal.
_SUITOR = re.compile(
    r"\b(?:linked\s+with|interest\s+from|interested|wanted\s+by|target\s+for|move\s+to|join|"
    r"joining|switch\s+to|suitors?|chased\s+by|tracked\s+by|monitored\s+by|such\s+as|"
    r"including|like)\s+(?:the\s+)?$",
    _I,
)
_CLUB_KINDS = frozenset({EntityKind.CLUB})


def _expires(ctx: ArticleContext, sentence: Span, action: str, cue: int) -> int | None:
    """The year a contract runs to, where the sentence says it after the cue."""
    text = sentence.text[cue - sentence.start :]
    year = _UNTIL_YEAR.search(text)
    if year:
        # "until the end of the 2025-26 season" runs to 2026
        return int(year["year"]) + (1 if year["second"] else 0)
    published = ctx.article.published
    months = _MONTHS_LEFT.search(sentence.text)
    if months and published is not None:
        n = 1 if months["n"].lower() == "a" else parse_count(months["n"])
        if n is not None:
            total = n * (12 if months["unit"].lower().startswith("year") else 1)
            return _add_months(published, total).year
    relative = _RELATIVE_END.search(sentence.text)
    if relative and published is not None and action == "expiry":
        window = resolve_window(relative.group(0), published)
        if window is not None:
            return window.year
    return None


def _add_months(d: date, months: int) -> date:
    index = d.month - 1 + months
    return date(d.year + index // 12, index % 12 + 1, 1)


def _person(ctx: ArticleContext, sentence: Span, cue_start: int) -> Mention | None:
    """Whose contract it is: a player named before the cue, else after it, else "the player"."""
    text = ctx.article.text
    persons = ctx.mentions_in(sentence, PERSON_KINDS)
    if persons:
        # a boss or agent named before the cue speaks of the player named after it
        before = [
            m
            for m in persons
            if m.span.start < cue_start
            and not _NON_PLAYER_ROLE.search(
                text[max(sentence.start, m.span.start - 25) : m.span.start]
            )
        ]
        after = [m for m in persons if m.span.start >= cue_start]
        if before:
            return before[-1]
        return after[0] if after else persons[-1]
    if _BACK_REFERENCE.search(sentence.text):
        return subject_before(ctx, sentence.start)
    return None


def _club(ctx: ArticleContext, sentence: Span, action: str, cue_start: int) -> Mention | None:
    """The club offering or holding the contract, not one circling the player."""
    text = ctx.article.text
    clubs = [
        c
        for c in ctx.mentions_in(sentence, _CLUB_KINDS)
        if not _SUITOR.search(text[max(sentence.start, c.span.start - 30) : c.span.start])
    ]
    if not clubs:
        return None
    holds = _CLUB_HOLDS_EXPIRY if action == "expiry" else _CLUB_HOLDS
    after = [c for c in clubs if c.span.start >= cue_start]
    for club in after + clubs:
        if holds.search(text[max(sentence.start, club.span.start - 12) : club.span.start]):
            return club  # "his contract at Inter", "talks with Inter", "an offer from Inter"
    for club in clubs:
        # "his Manchester United contract", "leave Real Madrid when his contract runs out"
        if _CLUB_OWN_DEAL.match(text, club.span.end) or _LEAVING.search(
            text[max(sentence.start, club.span.start - 12) : club.span.start]
        ):
            return club
    if action == "expiry":
        return None  # another club in an expiry sentence is usually the one circling
    before = [c for c in clubs if c.span.start < cue_start]
    return before[0] if before else clubs[0]


@register(EXTRACTOR, order=50)
def extract_contracts(ctx: ArticleContext) -> list[Claim]:
    """Renewal offers, contract talks, extensions signed and expiries, one per sentence."""
    claims: list[Claim] = []
    for _, sentence in ctx.iter_sentences():
        lowered = sentence.text.lower()
        if not any(key in lowered for key in _KEYS):
            continue  # most sentences say nothing of a contract: skip the patterns
        for action, pattern in _ACTIONS:
            match = next(
                (
                    m
                    for m in pattern.finditer(sentence.text)
                    if action not in _NEEDS_RENEWAL_WORD or _RENEWAL_WORD.search(m.group(0))
                ),
                None,
            )
            if match is None:
                continue
            cue = sentence.start + match.start()
            person = _person(ctx, sentence, cue)
            if person is None:
                break
            club = _club(ctx, sentence, action, cue)
            claims.append(
                ContractClaim(
                    person=person.label,
                    club=club.label if club else None,
                    action=action,
                    provenance=ctx.provenance(sentence, EXTRACTOR),
                    person_id=person.entity_id,
                    club_id=club.entity_id if club else None,
                    expires=_expires(ctx, sentence, action, cue),
                )
            )
            break
    return claims

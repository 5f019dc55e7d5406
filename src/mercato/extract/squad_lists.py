"""Window round-up lists: "In: A (Derry City), B (Dundela - loan). Out: C (released)".

Club pages sum up a window as lists of arrivals and departures. The club whose window it is is
the club the article names most; each entry is a done move, a loan when marked "- loan", a
return (not a loan) when marked "end of loan", and a release (no destination) when "released".
"""

from __future__ import annotations

import re
from collections import Counter

from mercato.domain import EntityKind, Mention, Stage, Status, TransferClaim
from mercato.extract.context import ArticleContext
from mercato.extract.registry import register

EXTRACTOR = "transfer.lists.v1"

_HEADING = re.compile(
    r"^\s*(?P<side>ins?|outs?|arrivals|departures|signed|signings|incoming|outgoing|"
    r"released|loaned out|loaned in|left)\s*[:\-\u2013]\s*",
    re.IGNORECASE | re.MULTILINE,
)
_ENTRY = re.compile(r"(?P<name>[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|de|van|da|di|dos|del|le|la|mac|o'))+)\s*\((?P<note>[^()]{2,80})\)")
_INCOMING = ("in", "ins", "arrivals", "signed", "signings", "incoming", "loaned in")
_RELEASE = re.compile(r"^(?:released|free agent|retired|contract (?:ended|terminated)|unattached)$", re.IGNORECASE)


@register(EXTRACTOR, order=20)
def extract_squad_lists(ctx: ArticleContext) -> list[TransferClaim]:
    """Done moves from an article's In/Out lists, for the club whose window it is."""
    text = ctx.article.text
    headings = list(_HEADING.finditer(text))
    if not headings:
        return []
    team = _focus_club(ctx, headings[0].start())
    if team is None:
        return []
    claims: list[TransferClaim] = []
    for heading in headings:
        side = heading.group("side").lower()
        line_end = text.find("\n", heading.end())
        line_end = len(text) if line_end == -1 else line_end
        for entry in _ENTRY.finditer(text, heading.end(), line_end):
            claim = _claim(ctx, side in _INCOMING, entry, team)
            if claim is not None:
                claims.append(claim)
    return claims


def _focus_club(ctx: ArticleContext, before: int) -> Mention | None:
    """The club whose window it is: the one the prose before the lists names most."""
    clubs = [m for m in ctx.mentions if m.kind is EntityKind.CLUB and m.span.start < before]
    if not clubs:
        return None
    counts = Counter(m.label for m in clubs)
    best = max(counts.values())
    return next(m for m in clubs if counts[m.label] == best)


def _claim(ctx: ArticleContext, incoming: bool, entry: re.Match[str], team: Mention) -> TransferClaim | None:
    note = entry.group("note").strip()
    parts = [p.strip() for p in re.split(r"\s+[-\u2013]\s+", note)]
    other_text, flags = parts[0], " ".join(parts[1:]).lower()
    is_return = "end of loan" in flags or "loan return" in flags or "returned" in flags
    is_loan = "loan" in flags and not is_return
    start = entry.start("note")
    club = next(
        (
            m
            for m in ctx.mentions
            if m.kind is EntityKind.CLUB
            and start <= m.span.start < entry.end("note")
            and m.span.text.strip() == other_text  # the whole name, not "United" of "Limavady United"
        ),
        None,
    )
    other_name = other_text  # the club as the list prints it; the id says which club it is
    other_id = club.entity_id if club is not None else None
    released = _RELEASE.match(other_text) is not None
    if released and incoming:
        return None
    if released:
        other_name, other_id = None, None
    if other_name is not None and other_name == team.label:
        return None
    from_club, from_id, to_club, to_id = (
        (other_name, other_id, team.label, team.entity_id)
        if incoming
        else (team.label, team.entity_id, other_name, other_id)
    )
    span = ctx.span(entry.start(), entry.end())
    return TransferClaim(
        person=entry.group("name"),
        from_club=from_club,
        from_club_id=from_id,
        to_club=to_club,
        to_club_id=to_id,
        status=Status.DONE,
        stage=Stage.SIGNED,
        is_loan=is_loan,
        provenance=ctx.provenance(span, EXTRACTOR),
    )

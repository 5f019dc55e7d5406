"""Window round-up lists: "In: A (Derry City), B (Dundela - loan). Out: C (released)".

Club pages sum up a window as lists of arrivals and departures. The club whose window it is is
the club the article names most; each entry is a done move, a loan when marked "- loan", a
return (not a loan) when marked "end of loan", and a release (no destination) when "released".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from mercato.domain import EntityKind, Mention, Stage, Status, TransferClaim
from mercato.extract.context import ArticleContext
from mercato.extract.registry import register

EXTRACTOR = "transfer.lists.v1"

_HEADING = re.compile(
    r"^\s*(?P<side>loans?\s+(?:in|out|ended|returns?)|loaned\s+(?:in|out)|ins?|outs?|arrivals|"
    r"departures|signed|signings|incoming|outgoing|released|left)\s*[:\-\u2013]\s*",
    re.IGNORECASE | re.MULTILINE,
)
_NAME = r"[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|de|van|da|di|dos|del|le|la|mac|o'))+"
# "A (Derry City)", "A, defender (Derry City, undisclosed)"
_ENTRY = re.compile(rf"(?P<name>{_NAME})(?:\s*,\s*[a-z][a-z -]{{2,30}}?)?\s*\((?P<note>[^()]{{2,80}})\)")
_INCOMING = frozenset({"in", "ins", "arrivals", "signed", "signings", "incoming"})
_RELEASE = re.compile(r"^(?:released|free agent|retired|contract (?:ended|terminated)|unattached)$", re.IGNORECASE)


@dataclass(frozen=True)
class _Side:
    incoming: bool
    is_loan: bool = False
    is_return: bool = False  # "Loan ended": the player goes back to the club in brackets


def _side(heading: str) -> _Side:
    words = heading.lower().split()
    if words[-1] in ("ended", "return", "returns"):
        return _Side(incoming=False, is_return=True)
    is_loan = words[0].startswith("loan")
    return _Side(incoming=words[-1] in _INCOMING, is_loan=is_loan)


@register(EXTRACTOR, order=20)
def extract_squad_lists(ctx: ArticleContext) -> list[TransferClaim]:
    """Done moves from an article's In/Out lists, for the club whose window each list is.

    A page may hold one club's lists (the club the prose names most) or many clubs' lists one
    after another; where a block's club is not named (a heading lost with the page's layout),
    that end of each move is left null rather than guessed.
    """
    text = ctx.article.text
    headings = list(_HEADING.finditer(text))
    if not headings:
        return []
    blocks = _blocks(text, headings)
    single = len(blocks) == 1
    claims: list[TransferClaim] = []
    for block in blocks:
        team = _block_club(ctx, text, block[0].start()) or (_focus_club(ctx, headings[0].start()) if single else None)
        for heading in block:
            side = _side(heading.group("side"))
            line_end = text.find("\n", heading.end())
            line_end = len(text) if line_end == -1 else line_end
            for entry in _ENTRY.finditer(text, heading.end(), line_end):
                claim = _claim(ctx, side, entry, team)
                if claim is not None:
                    claims.append(claim)
    return claims


def _blocks(text: str, headings: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Headings grouped into one club's lists: a new block starts where an "In" list follows
    an "Out" one, or where a line that is no list stands between them."""
    blocks: list[list[re.Match[str]]] = []
    seen_sides: set[str] = set()
    for heading in headings:
        kind = heading.group("side").lower().split()[-1]
        previous = blocks[-1][-1] if blocks else None
        gap_lines = []
        if previous is not None:
            previous_end = text.find("\n", previous.end())
            between = text[previous_end if previous_end != -1 else previous.end() : heading.start()]
            gap_lines = [line for line in between.splitlines() if line.strip()]
        if previous is None or gap_lines or kind in seen_sides:
            blocks.append([heading])
            seen_sides = {kind}
        else:
            blocks[-1].append(heading)
            seen_sides.add(kind)
    return blocks


def _block_club(ctx: ArticleContext, text: str, start: int) -> Mention | None:
    """The club named alone on the line just before a block ("Aberdeen"), if any."""
    line_end = text.rfind("\n", 0, start)
    if line_end == -1:
        return None
    line_start = text.rfind("\n", 0, line_end) + 1
    line = text[line_start:line_end].strip()
    for mention in ctx.mentions:
        on_line = mention.kind is EntityKind.CLUB and line_start <= mention.span.start < line_end
        if on_line and len(line) <= len(mention.span.text) + 3:
            return mention
    return None


def _focus_club(ctx: ArticleContext, before: int) -> Mention | None:
    """The club whose window it is: the one the prose before the lists names most."""
    clubs = [m for m in ctx.mentions if m.kind is EntityKind.CLUB and m.span.start < before]
    if not clubs:
        return None
    counts = Counter(m.label for m in clubs)
    best = max(counts.values())
    return next(m for m in clubs if counts[m.label] == best)


def _claim(ctx: ArticleContext, side: _Side, entry: re.Match[str], team: Mention | None) -> TransferClaim | None:
    note = entry.group("note").strip()
    parts = [p.strip() for p in re.split(r"\s+[-\u2013]\s+|,\s*", note)]
    other_text, flags = parts[0], " ".join(parts[1:]).lower()
    is_return = side.is_return or "end of loan" in flags or "loan return" in flags or "returned" in flags
    is_loan = (side.is_loan or "loan" in flags) and not is_return
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
    other_name: str | None = other_text  # the club as the list prints it; the id says which club
    other_id = club.entity_id if club is not None else None
    released = _RELEASE.match(other_text) is not None
    if released and side.incoming:
        return None
    if released:
        other_name, other_id = None, None
    if team is not None and other_name is not None and other_name == team.label:
        return None
    if team is None and other_name is None:
        return None  # neither end is named
    team_name = team.label if team is not None else None
    team_id = team.entity_id if team is not None else None
    from_club, from_id, to_club, to_id = (
        (other_name, other_id, team_name, team_id)
        if side.incoming
        else (team_name, team_id, other_name, other_id)
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

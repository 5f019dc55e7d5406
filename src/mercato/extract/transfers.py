"""Transfer links: who is said to move from which club to which, how far it has gone, and who says so.

Works sentence by sentence on recognised people and clubs. Each club gets a role from the words
around it (`roles`), each clause a stage from its cues (`cues`); links are then completed from
the rest of the article: a person's current club, the source a move was credited to elsewhere,
and a fee or window stated beside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from mercato.domain import (
    STAGE_STATUS,
    Attribution,
    EntityKind,
    Fee,
    Mention,
    Span,
    Stage,
    Status,
    TransferClaim,
)
from mercato.extract import cues
from mercato.extract.attribution import PunditColumns, in_text_attribution, paragraph_labels
from mercato.extract.context import PERSON_KINDS, ArticleContext
from mercato.extract.coreference import club_label
from mercato.extract.fees import first_fee
from mercato.extract.names import MANAGER_NOUNS, PLAYER_NOUNS
from mercato.extract.references import Salience, references_in
from mercato.extract.roles import (
    ClubRole,
    ClubSlot,
    is_list_continuation,
    role_before_person,
    role_by_context,
)
from mercato.extract.windows import find_window, open_or_next
from mercato.kb.catalogue import load_catalogue

_PAST_STAGES = frozenset({"signed", "announced", "agreement", "medical"})

EXTRACTOR = "transfer.rules.v1"

# A sentence must speak of a move at all before any link is read from it.
TRANSFER_CUE = re.compile(
    r"\b(?:sign\w*|join\w*|move\w*|transfer\w*|bid\w*|offer\w*|interest\w*|target\w*|want\w*|"
    r"keen|loan\w*|deal|fee|switch\w*|swoop|pursu\w+|race|chas\w+|approach\w*|talks|linked|"
    r"links|exit|sell|sold|selling|cash in|buy|bought|arriv\w*|recruit\w*|"
    r"lure|snap up|poach|prise|tempt|acquire|acquisition|valuation|release clause|replace\w*|"
    r"successor|succeed\w*|appoint\w*|sack\w*|axed|depart\w*|here we go|agree\w*|medical|"
    r"earmark\w*|monitor\w*|track\w*|scout\w*|favourite|contact|"
    r"turn\w* down|reject\w*|rule\w* out|snub\w*|opposed|re-sign\w*|"
    r"take over|hire\w*|swap|free agent|resign\w*|step\w* down|"
    r"quit\w*|fired|dismiss\w*|part ways|parted|offload\w*|alternatives?|prefer\w*|"
    r"enquir\w*|inquir\w*|negotiat\w*|step up|close in|closing in|scramble|become|becoming|"
    r"took|taken|brought in|snapped up|landed|"
    r"(?:left|leave|leaving|leaves|quit|quits)\s+(?:the\s+)?[A-Z]\w*|listen\w* to offers|up for sale)\b",
    re.IGNORECASE,
)
_MANAGER_MOVE = re.compile(
    r"\b(?:appoint\w*|sack\w*|fired|new (?:[\w-]+ ){0,2}(?:manager|boss|head coach|coach)|take over|taking over|"
    r"took over|job|role|replace\w*|succeed\w*|successor|step\w* down|resign\w*|quit\w*|"
    r"vacancy|candidate|interview\w*|hire\w*|dismiss\w*|part ways|parted|leave|leaving|left|"
    r"depart\w*|named|in charge|takes charge|took charge|targets?|approach\w*|shortlist|"
    r"become|becoming|available|new club|alerted|linked|candidates?|frontrunner|favourite)\b",
    re.IGNORECASE,
)
# "since arriving from Southampton", "signed from Lincoln": the club named as where he is now
# is the destination of that past move.
_ARRIVAL = re.compile(r"\b(?:arriv\w+|joined|signed|signing|since)\b[^.]{0,40}\bfrom\b")
_NEW_JOB = re.compile(r"\b(?:new|newly[- ]appointed|incoming)\s+(?:\w+\s+){0,2}?(?:boss|manager|head coach|coach|club|job|role)\b")
_RENEWAL = re.compile(
    r"\b(?:new|improved|fresh|long-term|extended)\s+(?:\w+\s+)?(?:contract|deal|terms)|\bextension\b|"
    r"\brenew\w*|\bkeep\b|\bcontract situation\b|\bcoaching role\b|\bretir\w+"
)
_DESCRIBED_BEFORE = re.compile(r"\b[Tt]he\s+(?:\d{1,2}-year-old\s+)?(?:[a-z-]+\s+)?$")
_POSITION_AFTER = re.compile(
    r"^(?:'s)?\s+(?:[a-z-]+\s+)?(?:" + "|".join(sorted(PLAYER_NOUNS | MANAGER_NOUNS)) + r")\b"
)
_STRONG_MOVE_BEFORE = re.compile(
    r"\b(?:to|join\w*|move to|switch to|sign for|signing for|loan (?:to|at|with))\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$"
)
_ON_LOAN_FROM = re.compile(r"\bon-loan\b|\bon loan from\b")
_CONTRAST = re.compile(r"(?:,\s*but\b|\bbut\b|;|\bwhile\b|\bwhereas\b|\bhowever\b|\s[-\u2013]\s)")
# Between two people of one list: "X, 28, and Germany forward Y", "X, Y and Z".
_PERSON_LIST_GAP = re.compile(
    r"^\s*(?:,\s*\d{1,2}\s*)?(?:,|and|or|, and|, or|&)\s*(?:(?!is\b|are\b|has\b|have\b|was\b|were\b|who\b|the\b|to\b|in\b|for\b|with\b)[\w'-]+\s+){0,4}$"
)
@dataclass
class _Link:
    person: Mention
    to_club: ClubSlot | None
    from_club: ClubSlot | None
    stage: Stage
    sentence: Span
    is_loan: bool = False
    loan_option: str | None = None
    fee: Fee | None = None
    attribution: Attribution | None = None
    is_hedged: bool = False
    notes: dict[str, object] = field(default_factory=dict)


def read_rule_links(ctx: ArticleContext) -> list[TransferClaim]:
    """The rules' reading: every transfer link they find, one claim per (person, from, to).

    Not registered as an extractor of its own: the learned decision layer (`learned.py`) takes
    these links as candidates and features, and decides.
    """
    text = ctx.article.text
    labels = paragraph_labels(text)
    person_clubs = _current_clubs(ctx)
    focus = _focus_club(ctx)
    links: list[_Link] = []
    salience = Salience()
    previous_clubs: list[ClubSlot] = []
    item_starts = {item.span.start for item in labels}
    columns = PunditColumns(ctx)
    for _, sentence in ctx.iter_sentences():
        if _starts_item(text, sentence.start, item_starts):
            salience = Salience()  # a gossip item speaks of its own people
        named = [m for m in ctx.mentions_in(sentence, PERSON_KINDS)]
        clubs = _club_slots(ctx, sentence)
        people = named
        if clubs:
            people = sorted(
                named + references_in(sentence, named, salience.most_salient()),
                key=lambda m: m.span.start,
            )
        if people and (TRANSFER_CUE.search(sentence.text) or _is_headline_move(sentence, people, clubs)):
            found = _links_in_sentence(ctx, sentence, people, clubs, person_clubs, previous_clubs, focus)
            attribution = _attribution_for(sentence, labels) or columns.attribution_for(sentence)
            for link in found:
                link.attribution = attribution
            links.extend(found)
        salience.see(named)
        if clubs:
            previous_clubs = clubs
    return _claims(ctx, _merge(links))


def _focus_club(ctx: ArticleContext) -> ClubSlot | None:
    """The club the article is about: the one it names most (the earliest on a tie)."""
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for mention in ctx.mentions:
        if mention.kind is EntityKind.CLUB:
            counts[mention.label] = counts.get(mention.label, 0) + 1
            first.setdefault(mention.label, mention)
    if not counts:
        return None
    label = max(counts, key=lambda name: (counts[name], -first[name].span.start))
    if counts[label] < 2:
        return None
    mention = first[label]
    return ClubSlot(-1, -1, mention.label, mention.entity_id)


def club_by_date(person_id: str, on: date, to_club: ClubSlot | None) -> ClubSlot | None:
    """The club the knowledge base has the person at on the article's date, if another one."""
    catalogue = load_catalogue()
    club_id = catalogue.club_on(person_id, on)
    club = catalogue.get(club_id) if club_id else None
    if club is None or (to_club is not None and to_club.entity_id == club.id):
        return None
    return ClubSlot(-1, -1, club_label(club), club.id)


def _is_headline_move(sentence: Span, people: list[Mention], clubs: list[ClubSlot]) -> bool:
    """"Kerkez to Liverpool": a move told as a headline, with no verb."""
    for person in people:
        end = person.span.end - sentence.start
        if any(sentence.text[end : club.start] in (" to ", " set for ", " joins ") for club in clubs):
            return True
    return False


def _starts_item(text: str, offset: int, item_starts: set[int]) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return line_start in item_starts and not text[line_start:offset].strip()


def _club_slots(ctx: ArticleContext, sentence: Span) -> list[ClubSlot]:
    """Clubs of a sentence, and national teams where they are a manager's job ("England boss")."""
    slots = []
    for m in ctx.mentions_in(sentence, frozenset({EntityKind.CLUB, EntityKind.NATIONAL_TEAM})):
        start, end = m.span.start - sentence.start, m.span.end - sentence.start
        if m.kind is EntityKind.NATIONAL_TEAM and not _is_national_job(sentence.text, start, end):
            continue
        slots.append(ClubSlot(start, end, m.label, m.entity_id))
    return slots


_NATIONAL_JOB_AFTER = re.compile(r"^(?:'s)?\s+(?:national\s+)?(?:team\s+)?(?:manager|boss|head coach|coach|job|hot seat)\b", re.IGNORECASE)
_NATIONAL_JOB_BEFORE = re.compile(r"\b(?:coach|manager|boss|charge) of\s+$|\bas\s+$", re.IGNORECASE)


def _is_national_job(text: str, start: int, end: int) -> bool:
    if not _MANAGER_MOVE.search(text):
        return False
    return bool(_NATIONAL_JOB_AFTER.match(text[end : end + 30]) or _NATIONAL_JOB_BEFORE.search(text[max(0, start - 20) : start]))


def _current_clubs(ctx: ArticleContext) -> dict[str, ClubSlot]:
    """Each person's club as the article describes it ("Leeds winger Jack Harrison")."""
    found: dict[str, ClubSlot] = {}
    for _, sentence in ctx.iter_sentences():
        clubs = _club_slots(ctx, sentence)
        for person in ctx.mentions_in(sentence, PERSON_KINDS):
            start = person.span.start - sentence.start
            for club in reversed([c for c in clubs if c.end <= start]):
                role = role_before_person(sentence.text, club, start)
                if role is ClubRole.ORIGIN:
                    found.setdefault(person.label, club)
                if role is not None:
                    break
    return found


def _links_in_sentence(
    ctx: ArticleContext,
    sentence: Span,
    people: list[Mention],
    clubs: list[ClubSlot],
    person_clubs: dict[str, ClubSlot],
    previous_clubs: list[ClubSlot],
    focus: ClubSlot | None = None,
) -> list[_Link]:
    text = sentence.text
    lower = text.lower()
    movers = [p for p in people if _is_mover(ctx, sentence, p)]
    if not movers:
        return []
    local = [(p, p.span.start - sentence.start) for p in movers]
    roles: dict[int, ClubRole] = {}
    owner: dict[int, Mention] = {}
    for index, club in enumerate(clubs):
        following = [(p, s) for p, s in local if s >= club.end]
        described = role_before_person(text, club, following[0][1]) if following else None
        if described is ClubRole.PAST:
            roles[index] = ClubRole.PAST
            continue
        if described is ClubRole.ORIGIN:
            roles[index] = ClubRole.ORIGIN
            owner[index] = following[0][0]
            continue
        role = role_by_context(text, club)
        if role in (ClubRole.NONE, ClubRole.SUBJECT) and _DESCRIBED_BEFORE.search(text[: club.start]) and _POSITION_AFTER.match(text[club.end :]):
            before_people = [p for p, s in local if s < club.start]
            if before_people:  # "..., but the 25-year-old Barcelona midfielder would ..."
                roles[index] = ClubRole.ORIGIN
                owner[index] = before_people[-1]
                continue
        if role is ClubRole.NONE and index > 0 and is_list_continuation(text, clubs[index - 1], club):
            role = roles.get(index - 1, ClubRole.NONE)
            if index - 1 in owner:
                owner[index] = owner[index - 1]
        roles[index] = role
    groups = _person_groups(text, local)
    links: list[_Link] = []
    for group in groups:
        lead, lead_start = group[0]
        origins = [
            clubs[i]
            for i, r in roles.items()
            if r is ClubRole.ORIGIN
            and (owner.get(i) in [p for p, _ in group] or (i not in owner and _near(clubs[i], lead_start, local, lead, group)))
        ]
        sellers = [clubs[i] for i, r in roles.items() if r is ClubRole.SELLER]
        dests = [
            clubs[i]
            for i, r in roles.items()
            if r is ClubRole.DESTINATION and _near(clubs[i], lead_start, local, lead, group)
        ]
        subjects = [
            clubs[i]
            for i, r in roles.items()
            if r is ClubRole.SUBJECT and _subject_object(clubs[i], lead_start, local, lead, text)
        ]
        partners = [clubs[i] for i, r in roles.items() if r is ClubRole.PARTNER]
        is_renewal = bool(_RENEWAL.search(lower))
        if is_renewal:
            partners = []  # "signs a new deal with Portsmouth": the club he is at
        if partners and subjects:
            origins = origins + partners
        elif partners:
            dests = dests + partners
        if _NEW_JOB.search(lower) and not dests and origins and lead.kind is EntityKind.MANAGER:
            dests, origins = origins[:1], origins[1:]  # "Newcastle boss Eddie Howe ... his new club"
        if is_renewal:
            subjects = []  # a club keeping its own player is no move
            dests = [c for c in dests if _STRONG_MOVE_BEFORE.search(lower[max(0, c.start - 40) : c.start])]
        acting = [clubs[i] for i, r in roles.items() if r is ClubRole.SUBJECT]  # for exits
        origin: ClubSlot | None = (origins or sellers)[0] if (origins or sellers) else None
        if origin is None:
            origin = person_clubs.get(lead.label)
        if not subjects and not dests and origin is not None and _ARRIVAL.search(lower):
            dests = [clubs[i] for i, r in roles.items() if r is ClubRole.CURRENT]
            if not dests and focus is not None and focus.name != origin.name:
                dests = [focus]  # "since he signed from Lincoln": the club the article is about
        on_loan = origin is not None and _ON_LOAN_FROM.search(lower) is not None
        if not subjects and not dests and on_loan and focus is not None and origin and focus.name != origin.name:
            dests = [focus]  # "the on-loan Millwall striker" plays for the article's club
        destinations = [c for c in subjects + dests if origin is None or c.name != origin.name]
        destinations = _unique(destinations)
        relative = _relative_clause_start(text, group)
        group_origin = origin
        for person, _start in group:
            own = [clubs[i] for i, r in roles.items() if r is ClubRole.ORIGIN and owner.get(i) is person]
            if len(group) > 1:
                # "X of Sheffield United and Chelsea midfielder Y": each keeps his own club, and
                # a club that describes another member of the list is not his.
                others = {
                    id(c)
                    for i, c in enumerate(clubs)
                    if owner.get(i) not in (None, person) and owner.get(i) is not group[0][0]
                }
                origin = own[0] if own else (None if group_origin is None or id(group_origin) in others else group_origin)
            if destinations and relative is not None and person is not group[-1][0]:
                destinations = [d for d in destinations if d.start < relative]
            if destinations:
                for dest in destinations:
                    clause = _clause_around(lower, dest.start, dest.end)
                    link = _make_link(ctx, sentence, person, origin, dest, clause, lower)
                    link.is_loan = _is_loan_of(lower, dest, clubs)
                    links.append(link)
            elif _is_exit_of(lower, group, text) and (origin is not None or acting or previous_clubs):
                from_club = origin or (acting[0] if acting else previous_clubs[-1])
                links.append(_make_link(ctx, sentence, person, from_club, None, lower, lower))
    return links


def _is_exit_of(lower: str, group: list[tuple[Mention, int]], text: str) -> bool:
    """An exit cue that concerns this group: in the same clause, close before or after it."""
    first = group[0][1]
    last_person, last_start = group[-1]
    end = last_start + (last_person.span.end - last_person.span.start)
    for match in cues.EXIT.finditer(lower):
        if match.start() >= end:
            between = lower[end : match.start()]
            if len(between) <= 70 and not _CONTRAST.search(between):
                return True
        elif match.end() <= first:
            between = lower[match.end() : first]
            if len(between) <= 40 and not _CONTRAST.search(between) and "," not in between:
                return True
    return False


def _is_mover(ctx: ArticleContext, sentence: Span, person: Mention) -> bool:
    before = ctx.article.text[max(sentence.start, person.span.start - 30) : person.span.start].lower()
    words = re.findall(r"[a-z-]+", before)[-3:]
    is_official = any(w in MANAGER_NOUNS for w in words)
    if is_official:
        return bool(_MANAGER_MOVE.search(sentence.text))
    return True


def _person_groups(text: str, local: list[tuple[Mention, int]]) -> list[list[tuple[Mention, int]]]:
    groups: list[list[tuple[Mention, int]]] = []
    for person, start in local:
        if groups:
            last, last_start = groups[-1][-1]
            gap = text[last.span.end - (last.span.start - last_start) : start]
            if _PERSON_LIST_GAP.match(gap):
                groups[-1].append((person, start))
                continue
        groups.append([(person, start)])
    return groups


def _near(club: ClubSlot, lead_start: int, local: list[tuple[Mention, int]], lead: Mention, group: list[tuple[Mention, int]] | None = None) -> bool:
    """A club belongs to the person (or list of people) nearest before it, else the first one."""
    before = [(p, s) for p, s in local if s <= club.start]
    if not before:
        return local[0][0] is lead  # "join United and Liverpool in the race to sign X"
    nearest = before[-1][0]
    members = {p.label for p, _ in group} if group else {lead.label}
    return nearest is lead or nearest.label in members


def _subject_object(club: ClubSlot, lead_start: int, local: list[tuple[Mention, int]], lead: Mention, text: str = "") -> bool:
    """A subject club acts on the first person after it in its clause, else the one before it."""
    after = [(p, s) for p, s in local if s >= club.end]
    if after and not (text and _CONTRAST.search(text[club.end : after[0][1]].lower())):
        return after[0][0] is lead or after[0][0].label == lead.label
    before = [(p, s) for p, s in local if s < club.start]
    if before:
        return before[-1][0] is lead or before[-1][0].label == lead.label
    return bool(after) and (after[0][0] is lead or after[0][0].label == lead.label)


def _relative_clause_start(text: str, group: list[tuple[Mention, int]]) -> int | None:
    """Where ", who ..." after a list's last person starts: what follows is his alone."""
    if len(group) < 2:
        return None
    last, start = group[-1]
    end = start + (last.span.end - last.span.start)
    match = re.match(r"(?:,\s*\d{1,2})?,\s+who\b", text[end:])
    return end + match.start() if match else None


def _clause_around(lower: str, offset: int, end: int | None = None) -> str:
    """The clause holding a club, cut to the words near it: cues further off speak of other moves."""
    starts = [0] + [m.end() for m in _CONTRAST.finditer(lower) if m.end() <= offset]
    ends = [m.start() for m in _CONTRAST.finditer(lower) if m.start() > offset] + [len(lower)]
    start, stop = max(starts), min(ends)
    if end is not None:
        start, stop = max(start, offset - 110), min(stop, end + 50)
    return lower[start:stop]


_LOAN_ATTACHED = re.compile(r"^\s+(?:spell\s+|stint\s+|deal\s+)?(?:with|at|to|from)\s+(?:the\s+)?$")


def _is_loan_of(lower: str, dest: ClubSlot, clubs: list[ClubSlot]) -> bool:
    """A loan in the sentence is this move's unless it is tied to another club ("loan spell with X")."""
    if re.search(r"\b(?:return|recall)\w*\b", lower):
        return False
    for match in cues.LOAN.finditer(lower):
        tied = next(
            (c for c in clubs if c.start >= match.end() and _LOAN_ATTACHED.match(lower[match.end() : c.start])),
            None,
        )
        if tied is None or tied.name == dest.name:
            return True
    return False


def _make_link(
    ctx: ArticleContext,
    sentence: Span,
    person: Mention,
    origin: ClubSlot | None,
    dest: ClubSlot | None,
    clause: str,
    lower: str,
) -> _Link:
    stage = cues.read_stage(clause)
    if stage is Stage.AGREEMENT and cues.MEDICAL.search(lower):
        stage = Stage.MEDICAL  # "have agreed a fee ... he will have a medical on Monday"
    if stage in (Stage.INTEREST, Stage.MONITORING) and cues.OFF.search(lower) and not _CONTRAST.search(lower):
        stage = Stage.COLLAPSED
    if dest is None and stage is Stage.INTEREST:
        stage = Stage.EXIT
    is_loan = bool(cues.LOAN.search(clause)) and not re.search(r"\b(?:return|recall)\w*\b", clause)
    option = None
    if is_loan and cues.LOAN_OBLIGATION.search(lower):
        option = "obligation"
    elif is_loan and cues.LOAN_OPTION.search(lower):
        option = "option"
    fee = first_fee(sentence.text)
    hedged = bool(re.search(r"\b(?:reportedly|said to|could|may|might|rumoured|claimed)\b", lower))
    return _Link(person, dest, origin, stage, sentence, is_loan, option, fee, None, hedged)


def _attribution_for(sentence: Span, labels: Sequence) -> Attribution | None:  # type: ignore[type-arg]
    for item in labels:
        if item.span.start <= sentence.start < item.span.end:
            return item.attribution
    return in_text_attribution(sentence.text)


def _unique(clubs: list[ClubSlot]) -> list[ClubSlot]:
    seen: set[str] = set()
    out = []
    for club in clubs:
        key = club.entity_id or club.name
        if key not in seen:
            seen.add(key)
            out.append(club)
    return out


_STATUS_RANK = {Status.OFF: 3, Status.DONE: 2, Status.RUMOUR: 1}


def _merge(links: list[_Link]) -> list[_Link]:
    """One link per (person, from, to); the strongest statement wins, details are pooled."""
    by_person_to: dict[tuple[str, str | None], list[_Link]] = {}
    for link in links:
        key = (link.person.label, link.to_club.name if link.to_club else None)
        by_person_to.setdefault(key, []).append(link)
    first_origin: dict[str, ClubSlot] = {}
    for link in links:
        if link.from_club is not None:
            first_origin.setdefault(link.person.label, link.from_club)
    merged: list[_Link] = []
    for (person, to_name), group in by_person_to.items():
        best = max(group, key=lambda l: (_STATUS_RANK[STAGE_STATUS[l.stage]], l.from_club is not None))
        best = replace(best)
        best.from_club = best.from_club or next((l.from_club for l in group if l.from_club), None)
        if best.from_club is None and person in first_origin and first_origin[person].name != to_name:
            best.from_club = first_origin[person]  # the club the article has him at
        best.fee = next((l.fee for l in group if l.fee), None)
        best.attribution = next((l.attribution for l in group if l.attribution), None)
        best.is_loan = any(l.is_loan for l in group if l.stage is best.stage) or best.is_loan
        merged.append(best)
    with_destination = {(l.person.label, l.from_club.name if l.from_club else None) for l in merged if l.to_club}
    # A club the article has the person joining is not one he leaves ("not for sale", said of
    # him after a suitor was named, borrows that suitor as his club otherwise).
    suitors = {
        (l.person.label, l.to_club.name)
        for l in merged
        if l.to_club and STAGE_STATUS[l.stage] is not Status.DONE  # a done move is where he is now
    }
    return [
        l
        for l in merged
        if l.to_club is not None
        or (
            (l.person.label, l.from_club.name if l.from_club else None) not in with_destination
            and (l.person.label, l.from_club.name if l.from_club else None) not in suitors
        )
    ]


def _claims(ctx: ArticleContext, links: list[_Link]) -> list[TransferClaim]:
    claims = []
    for link in links:
        if link.to_club and link.from_club and link.to_club.name == link.from_club.name:
            continue
        if link.from_club is None and link.person.entity_id and ctx.article.published:
            link.from_club = club_by_date(link.person.entity_id, ctx.article.published, link.to_club)
        found = find_window(link.sentence.text, ctx.article.published)
        window = found[2] if found else None
        if window is None and ctx.article.published and link.stage.value not in _PAST_STAGES:
            window = open_or_next(ctx.article.published)
        claims.append(
            TransferClaim(
                person=link.person.label,
                person_id=link.person.entity_id,
                role="manager" if link.person.kind is EntityKind.MANAGER else "player",
                to_club=link.to_club.name if link.to_club else None,
                to_club_id=link.to_club.entity_id if link.to_club else None,
                from_club=link.from_club.name if link.from_club else None,
                from_club_id=link.from_club.entity_id if link.from_club else None,
                status=STAGE_STATUS[link.stage],
                stage=link.stage,
                is_loan=link.is_loan,
                loan_option=link.loan_option,
                fee=link.fee,
                window=window,
                attribution=link.attribution,
                is_hedged=link.is_hedged,
                provenance=ctx.provenance(link.sentence, EXTRACTOR),
            )
        )
    return claims

"""Roles of clubs in a sentence about a person: the club he leaves, or a club he would join.

Rules over the words between a club and the person: a club in the person's descriptor
("Leeds United's 25-year-old English winger Jack Harrison") is where he plays now; "from X",
"leave X" name the origin; "to X", "join X", "by X", "linked with X" a destination; a club that
is a sentence's subject is a suitor unless it is selling ("X have placed a valuation on").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class ClubRole(StrEnum):
    ORIGIN = "origin"  # the club the person leaves (or plays for now)
    DESTINATION = "destination"  # a club he would join or joined
    SUBJECT = "subject"  # the sentence's acting club: a suitor unless it sells
    SELLER = "seller"  # an acting club that sells or values him
    PAST = "past"  # a past employer only ("former Chelsea striker")
    CURRENT = "current"  # the club he plays for in a statistic ("207 games for the Reds")
    PARTNER = "partner"  # the other side of talks: seller when a club buys, else buyer
    NONE = "none"


# One word of a descriptor between a club and a person: "'s", ages, nationalities, positions.
# Words are checked one at a time (a nested pattern over the whole gap backtracks badly).
_DESCRIPTOR_TOKEN = re.compile(
    r"^(?:'s|\u2019s|s'|'|\u2019|-|\u2013|:|and|&|,|/|\d{1,2}|\d{1,2}-year-old|year-old|"
    r"[A-Za-z][\w'-]*)$"
)
_GAP_TOKENS = re.compile(r"'s|\u2019s|[\w'-]+|[^\w\s]")
_GAP_VERBS = re.compile(
    r"\b(?:are|is|was|were|have|has|had|be|been|will|would|could|can|may|might|should|must|"
    r"want|wants|wanted|sign|signed|signing|join|joined|joining|make|made|bid|offer|"
    r"interested|keen|target|targeting|eye|eyeing|set|to|in|on|for|from|of|with|by|at|as|"
    r"after|over|about|that|who|which|while|than|beat|beaten|lost|won|face|faced|against|"
    r"the|a|an|their|his|her|its)\b"
)
_ALLOWED_GAP_WORDS = frozenset({"the", "a", "an"})  # only as "the 23-year-old"-style openers

# "207 games for the Reds": the club he plays for, not a move.
_CURRENT_BEFORE = re.compile(
    r"\b(?:played|plays|playing|appearances|apps|games|goals|scored|debut|starts|caps|matches|"
    r"outings|assists|contributions|minutes|season|seasons|career|time|years)\s+(?:\w+\s+){0,2}"
    r"(?:for|at|with)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$"
)
_ACTS_AFTER = re.compile(r"^\s+to\s+(?:sign|land|bring|buy|recruit|move for|snap up|lure|poach)\b")
_CONTRACT_BEFORE = re.compile(
    r"\b(?:whose|his|her|their|current|existing|present)\s+(?:\w+\s+)?(?:contract|deal)\s+(?:with|at)\s+(?:the\s+)?$"
)
_PAST_BEFORE = re.compile(r"(?:\bformer|\bex-|\bone-time|\bonetime|\bpreviously of)\s*$")
_ORIGIN_BEFORE = re.compile(
    r"\b(?:released from (?:his|her|their) contract by|(?<!competition )(?<!interest )(?<!offers )(?<!offer )(?<!bids )(?<!bid )(?<!approach )(?<!attention )(?<!enquiries )from|leave|leaves|leaving|left|quit|quits|quitting|exit|exits|exiting|depart|departs|"
    r"departing|away from|out of|rejected by|turned down by|snubbed by|sold by|released by|"
    r"sacked by|dismissed by|let go by|axed by|ditch|ditching|stay at|staying at|remain at|"
    r"contract at|future at|deal at|career at|rebuffed by|knocked back by|owned by|parent club)"
    r"\s+(?:the\s+)?(?:(?!with\b|to\b|and\b|for\b|by\b|from\b|in\b|as\b)[A-Za-z']+\s+){0,3}$"
)
# Words between a preposition and the club it introduces: "to Turkish club X", "by Serie A
# giants X". After a bare "to", "for" or "by" only such a descriptor may stand, so that "to
# plunder X's midfield" is not read as a move to X.
_CLUB_DESCRIPTOR = (
    r"(?:(?:[a-z0-9'-]+\s+){0,3}(?:side|club|clubs|giants|champions|rivals|outfit|leaders|"
    r"neighbours|team|strugglers|holders|newcomers|outfits|sides)\s+)?"
)
_DEST_BEFORE = re.compile(
    r"\b(?:join|joins|joined|joining|rejoin|rejoining|sign for|signs for|signed for|"
    r"signing for|move to|switch to|loan to|loan at|loan with|loaned to|spell at|spells at|"
    r"spell with|terms at|stint at|stint with|linked with|links with|contact with|"
    r"interest from|target for|target of|targeted by|wanted by|offer from|bid from|"
    r"approach from|head to|heading to|back to|return to|returning to|moving to|go to|"
    r"going to|switching to|favours|favour|prefer|prefers|consider|considering|choose|chooses|"
    r"to be|to become|as new|as a new|as the new|rival|rivals|rivalling|compete with|"
    r"competing with|competition from|battle with|battling|fight off|fighting off|ahead of|"
    r"interviewed by|shortlisted by|sounded out by|approached by|contacted by|replace|replaces|"
    r"become|becoming|manager of|boss of|coach of|charge of|in charge at|job at|role at)"
    r"\s+(?:the\s+)?(?:(?!with\b|to\b|and\b|for\b|by\b|from\b|in\b|as\b)[A-Za-z']+\s+){0,3}$"
    r"|\b(?:to|by|into|over|than|such as|including|like|or|rather than|instead of|for)\s+"
    r"(?:the\s+)?" + _CLUB_DESCRIPTOR + r"$"
)
_SELLER_AFTER = re.compile(
    r"^\s*(?:are|is|have|has|had|will|would|could|remain|be|were|urged|'s|\u2019s)?\s*(?:(?!bid|offer|sign|want|keen|interest)\w+\s+){0,6}?"
    r"(?:valuation|value|valued|asking price|asking|price tag|want\s+[£€$]|demand\w*|sell|"
    r"selling|sale|cash in|let(?:ting)?\b|offload\w*|accept\w*|reject\w*|release\w*|loan(?:ing)? out|"
    r"keep|keeping|hold on|slapped|place[sd]?\s+a|open to|willing to|stance|extend|contract|"
    r"listen to offers|listen to bids|consider offers|entertain offers|seeking|seek|receiv\w*|"
    r"new deal|renew\w*|part ways|parted)\b"
)
_SUBJECT_AFTER = re.compile(
    r"^\s*(?:,\s*)?(?:are|is|have|has|had|will|would|could|can|may|might|were|was|remain|"
    r"want|wants|lead|leads|join|joins|make|makes|made|plan|plans|prepare|prepares|hope|hopes|"
    r"consider|considers|eye|eyes|target|targets|monitor|monitors|track|tracks|face|faces|"
    r"submit|submits|submitted|launch|launched|table|tabled|opened|open|begin|began|"
    r"agree|agreed|reach|reached|complete|completed|sign|signed|announce|announced|"
    r"confirm|confirmed|also|too|and|remain|see|sees|view|views|rival|lodge|lodged|made|"
    r"reportedly|now|still|already|among|keen|interested|in talks|leading|looking|lead|"
    r"set|ready|poised|eager|favourites|front-runners|linked|monitoring|tracking|chasing|"
    r"hold|held|enquired|asked|contacted|approached|offered|bid|bidding|renewed|should|must|"
    r"need|needs|could|would|advancing|pushing|working|closing|moving|preparing|negotiating|"
    r"eyeing|exploring|considering|insisting|in advanced talks|approaching|planning|"
    r"in the race|in pole position|frontrunners|favourites)\b"
)
_BOSS_AFTER = re.compile(r"^\s*(?:'s\s+)?(?:boss|manager|coach|head coach|president|chairman|director|owner|chief|sporting director|board)\b")
_LIST_GAP = re.compile(r"^\s*(?:,|and|or|&|, and|, or|as well as|plus|and fellow|,? along with)\s*(?:\w+\s+)?$")


@dataclass(frozen=True)
class ClubSlot:
    """One club mention in a sentence, in sentence-local character offsets."""

    start: int
    end: int
    name: str
    entity_id: str | None


def role_before_person(sentence: str, club: ClubSlot, person_start: int) -> ClubRole | None:
    """If the club sits in the person's descriptor, it is his current club."""
    gap = sentence[club.end : person_start]
    if "\n" in gap or len(gap) > 80:
        return None
    if _PAST_BEFORE.search(sentence[max(0, club.start - 20) : club.start].lower()):
        return ClubRole.PAST
    tokens = _GAP_TOKENS.findall(gap)
    if len(tokens) > 9 or not all(_DESCRIPTOR_TOKEN.match(t) for t in tokens):
        return None
    words = re.findall(r"[A-Za-z']+", gap.lower())
    if any(_GAP_VERBS.fullmatch(w) and w not in _ALLOWED_GAP_WORDS for w in words):
        return None
    return ClubRole.ORIGIN


# "talks with X", "an agreement with X": X sells if another club is buying, else X buys.
_PARTNER_BEFORE = re.compile(
    r"\b(?:talks|discussions|negotiations|agreement|deal|terms|contact|fee|price|discussed|negotiating|talking)\s+with\s+(?:the\s+)?$"
)


def role_by_context(sentence: str, club: ClubSlot) -> ClubRole:
    """The role a club's own surroundings give it, whatever person it concerns."""
    before = sentence[max(0, club.start - 60) : club.start].lower()
    after = sentence[club.end : club.end + 90].lower()
    if _PAST_BEFORE.search(before):
        return ClubRole.PAST
    if _ACTS_AFTER.match(after):
        return ClubRole.SUBJECT  # "... open the door for Barcelona to sign Y": X acts on Y
    if _CONTRACT_BEFORE.search(before):
        return ClubRole.ORIGIN  # "whose contract with Barcelona runs out"
    if _CURRENT_BEFORE.search(before):
        return ClubRole.CURRENT
    if _ORIGIN_BEFORE.search(before):
        return ClubRole.ORIGIN
    if _PARTNER_BEFORE.search(before):
        return ClubRole.PARTNER
    if _DEST_BEFORE.search(before):
        return ClubRole.DESTINATION
    if re.search(r"\bas\s+(?:the\s+)?$", before) and _BOSS_AFTER.match(after):
        return ClubRole.ORIGIN  # "step down as City manager": the job he holds
    if _BOSS_AFTER.match(after):
        return ClubRole.SUBJECT
    if _SELLER_AFTER.match(after):
        return ClubRole.SELLER
    if _SUBJECT_AFTER.match(after) or _sentence_initial(before):
        return ClubRole.SUBJECT
    return ClubRole.NONE


def _sentence_initial(before: str) -> bool:
    stripped = before.strip().lower()
    if stripped in ("", "the", "but", "and", "however,", "meanwhile,", "however", "meanwhile"):
        return True
    return bool(re.fullmatch(r"[a-z]+,", stripped))  # "Instead, Villa should sign ..."


def is_list_continuation(sentence: str, previous: ClubSlot, club: ClubSlot) -> bool:
    """True when a club follows another in a list ("Southampton, West Brom and Newcastle")."""
    return bool(_LIST_GAP.match(sentence[previous.end : club.start].lower()))

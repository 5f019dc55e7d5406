"""The words of the code: typed objects that the stages hand each other.

Every stage (ingest, extract, kb, stories, score) takes and returns these frozen dataclasses,
never ORM rows or loose dicts. Only `store` turns them into SQL rows and back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class EntityKind(StrEnum):
    PLAYER = "player"
    MANAGER = "manager"
    PERSON = "person"  # a person whose role is not known yet
    CLUB = "club"
    NATIONAL_TEAM = "national_team"
    OUTLET = "outlet"
    JOURNALIST = "journalist"
    COMPETITION = "competition"


class Status(StrEnum):
    """Status of a transfer link, as `../shared/eval/SPEC.md` defines it."""

    RUMOUR = "rumour"
    DONE = "done"
    OFF = "off"


class Stage(StrEnum):
    """Where a move stands; each stage implies one status (see `STAGE_STATUS`)."""

    INTEREST = "interest"
    MONITORING = "monitoring"
    APPROACH = "approach"
    TALKS = "talks"
    BID = "bid"
    BID_REJECTED = "bid rejected"
    AGREEMENT = "agreement"
    MEDICAL = "medical"
    SIGNED = "signed"
    ANNOUNCED = "announced"
    DENIED = "denied"
    COLLAPSED = "collapsed"
    EXIT = "exit"  # a departure urged or expected, with no named destination


STAGE_STATUS: dict[Stage, Status] = {
    Stage.INTEREST: Status.RUMOUR,
    Stage.MONITORING: Status.RUMOUR,
    Stage.APPROACH: Status.RUMOUR,
    Stage.TALKS: Status.RUMOUR,
    Stage.BID: Status.RUMOUR,
    Stage.BID_REJECTED: Status.RUMOUR,
    Stage.EXIT: Status.RUMOUR,
    Stage.AGREEMENT: Status.DONE,
    Stage.MEDICAL: Status.DONE,
    Stage.SIGNED: Status.DONE,
    Stage.ANNOUNCED: Status.DONE,
    Stage.DENIED: Status.OFF,
    Stage.COLLAPSED: Status.OFF,
}

# Order of progress, used to draw timelines and to pick a story's current stage.
STAGE_ORDER: tuple[Stage, ...] = (
    Stage.EXIT,
    Stage.INTEREST,
    Stage.MONITORING,
    Stage.APPROACH,
    Stage.TALKS,
    Stage.BID,
    Stage.BID_REJECTED,
    Stage.AGREEMENT,
    Stage.MEDICAL,
    Stage.SIGNED,
    Stage.ANNOUNCED,
    Stage.DENIED,
    Stage.COLLAPSED,
)


def article_id_for(text: str) -> str:
    """Content hash that keys an article: the same text is the same article."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Article:
    """One dated piece of news as ingested."""

    id: str
    text: str
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    language: str = "en"
    source_path: str | None = None
    external_id: str | None = None  # the id the input gave it (e.g. a corpus record id)
    kind: str = "article"  # article, gossip_item, tweet, snippet
    meta: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_text(cls, text: str, **fields: object) -> Article:
        """Build an article keyed by the hash of its text."""
        return cls(id=article_id_for(text), text=text, **fields)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Span:
    """A character span of an article's text: [start, end)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """One real thing the knowledge base knows."""

    id: str  # knowledge-base id, e.g. "club:liverpool-fc", "outlet:daily-mail"
    kind: EntityKind
    name: str
    country: str | None = None
    attributes: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Alias:
    """A surface form of an entity ("the Nerazzurri" for Inter)."""

    entity_id: str
    text: str
    kind: str = "name"  # name, alternate, nickname, short, demonym, domain, printed


@dataclass(frozen=True)
class Mention:
    """A span of an article resolved (or not) to an entity."""

    span: Span
    kind: EntityKind
    entity_id: str | None  # None when the mention stays unresolved
    label: str  # canonical name when resolved, else the surface text


@dataclass(frozen=True)
class Fee:
    """A sum of money put on a move, normalised."""

    amount: float
    currency: str  # ISO 4217
    kind: str = "fee"  # fee, bid, valuation, release_clause, salary
    add_ons: float | None = None
    upper: float | None = None  # upper end of a range ("£40m-£50m") or "up to" total
    is_approximate: bool = False


@dataclass(frozen=True)
class Window:
    """A transfer window: a year and a season part."""

    year: int
    part: str  # "summer" or "winter"

    @property
    def label(self) -> str:
        return f"{self.year} {self.part}"


@dataclass(frozen=True)
class Attribution:
    """Who a claim is attributed to; `chain` runs from the original report to the carrier."""

    outlet: str | None = None
    journalist: str | None = None
    chain: tuple[str, ...] = ()

    @property
    def original(self) -> str | None:
        """The original source: the first of the chain, else the journalist or outlet."""
        if self.chain:
            return self.chain[0]
        return self.journalist or self.outlet


@dataclass(frozen=True)
class Provenance:
    """Where a claim was stated: article, span, outlet, date, and what extracted it."""

    article_id: str
    span: Span
    outlet: str | None
    published: date | None
    extractor: str  # registered name with version, e.g. "transfer.rules.v1"


@dataclass(frozen=True)
class TransferClaim:
    person: str
    to_club: str | None
    from_club: str | None
    status: Status
    stage: Stage
    provenance: Provenance
    role: str = "player"  # player or manager
    person_id: str | None = None
    to_club_id: str | None = None
    from_club_id: str | None = None
    is_loan: bool = False
    loan_option: str | None = None  # None, "option", "obligation"
    fee: Fee | None = None
    window: Window | None = None
    attribution: Attribution | None = None
    is_hedged: bool = False
    claim_type: str = "transfer"


@dataclass(frozen=True)
class ContractClaim:
    person: str
    club: str | None
    action: str  # offer, talks, extension, signed, expiry
    provenance: Provenance
    person_id: str | None = None
    club_id: str | None = None
    expires: int | None = None  # year the contract runs to
    attribution: Attribution | None = None
    claim_type: str = "contract"


@dataclass(frozen=True)
class FactClaim:
    person: str
    fact: str  # age, birth_year_range, position, foot, caps, national_team, appearances, goals, assists, market_value
    value: str
    provenance: Provenance
    person_id: str | None = None
    club: str | None = None  # the club the stat is for, where given
    as_of: date | None = None
    claim_type: str = "fact"


@dataclass(frozen=True)
class Quote:
    speaker: str
    text: str
    provenance: Provenance
    about: str | None = None
    outlet: str | None = None  # the outlet that carried it ("In his column for The Times")
    speaker_id: str | None = None
    claim_type: str = "quote"


@dataclass(frozen=True)
class MatchClaim:
    home: str
    away: str
    home_score: int
    away_score: int
    provenance: Provenance
    competition: str | None = None
    round: str | None = None
    claim_type: str = "match"


Claim = TransferClaim | ContractClaim | FactClaim | Quote | MatchClaim


@dataclass(frozen=True)
class Extraction:
    """Everything extraction found in one article."""

    article: Article
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]

    @property
    def transfers(self) -> tuple[TransferClaim, ...]:
        return tuple(c for c in self.claims if isinstance(c, TransferClaim))

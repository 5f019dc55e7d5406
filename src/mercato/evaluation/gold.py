"""Gold and prediction files in the format of `../shared/eval/SPEC.md`: read, check, write.

One JSON object per line and per article: `id`, `date`, `outlet`, `text` and `links`. Gold
files may give a list for `fee` or `source` ("any entry is right"); prediction files may not.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from mercato.domain import Status, TransferClaim
from mercato.errors import GoldFormatError

ROLES = frozenset({"player", "manager"})
STATUSES = frozenset(s.value for s in Status)
_CURRENCY = re.compile(r"^[A-Z]{3}$")

# When several claims state one (person, from, to), the strongest statement wins: a move called
# off or done says more about the article's final word than one that is only rumoured.
STATUS_STRENGTH: dict[str, int] = {"rumour": 0, "done": 1, "off": 2}


@dataclass(frozen=True)
class Money:
    """A figure put on a move."""

    amount: float
    currency: str


@dataclass(frozen=True)
class GoldLink:
    """One transfer link of the SPEC; empty `fees`/`sources` mean null, several mean any."""

    person: str
    to_club: str | None
    from_club: str | None
    status: str
    role: str = "player"
    loan: bool = False
    fees: tuple[Money, ...] = ()
    sources: tuple[str, ...] = ()
    evidence: str = ""


@dataclass(frozen=True)
class GoldRecord:
    """One article with its links (gold or predicted)."""

    id: str
    text: str
    links: tuple[GoldLink, ...]
    date: date | None = None
    outlet: str | None = None
    kind: str | None = None  # optional hint for extraction: article, gossip_item, tweet
    date_text: str | None = None  # the date as the file gave it (may carry a time)


def family_of(record_id: str) -> str:
    """The dataset family of a record: its id before ':' ("bbcsport"), else the id's stem."""
    if ":" in record_id:
        return record_id.split(":", 1)[0]
    return re.sub(r"[-_]?\d+$", "", record_id) or record_id


def group_of(family: str) -> str:
    """Coarse group of a family: gossip, tweets or full articles."""
    lowered = family.lower()
    if "gossip" in lowered:
        return "gossip"
    if "tweet" in lowered:
        return "tweets"
    return "full articles"


def kind_for(record: GoldRecord) -> str:
    """The article kind to extract a record as: its own hint, else guessed from its family."""
    if record.kind:
        return record.kind
    family = family_of(record.id).lower()
    if "tweet" in family:
        return "tweet"
    # Gossip datasets hold one item per record, except whole gossip pages.
    if "gossip" in family and "page" not in family:
        return "gossip_item"
    return "article"


class _Checker:
    """Checks one decoded line and names the file, line and reason on failure."""

    def __init__(self, source: str, line: int, *, is_gold: bool) -> None:
        self.source = source
        self.line = line
        self.is_gold = is_gold

    def fail(self, reason: str) -> GoldFormatError:
        """The error for this line, naming the file, the line and the reason."""
        return GoldFormatError(f"{self.source}, line {self.line}: {reason}")

    def optional_str(self, obj: Mapping[str, Any], key: str, where: str) -> str | None:
        """A field that is a non-empty string or null."""
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}{key!r} must be a non-empty string or null")
        return value

    def record(self, obj: object) -> GoldRecord:
        """Check one line's object and build its record."""
        if not isinstance(obj, dict):
            raise self.fail("a line must be a JSON object")
        record_id = obj.get("id")
        if not isinstance(record_id, str) or not record_id:
            raise self.fail("'id' must be a non-empty string")
        text = obj.get("text", "")
        if self.is_gold and "text" not in obj:
            raise self.fail("'text' is missing")
        if not isinstance(text, str):
            raise self.fail("'text' must be a string")
        published: date | None = None
        raw_date = obj.get("date")
        if raw_date is not None:
            published = parse_date(raw_date)
            if published is None:
                raise self.fail(f"'date' {raw_date!r} is not YYYY-MM-DD (or an ISO timestamp)")
        links = obj.get("links")
        if not isinstance(links, list):
            raise self.fail("'links' must be a list")
        return GoldRecord(
            id=record_id,
            text=text,
            links=tuple(self.link(link, n) for n, link in enumerate(links)),
            date=published,
            outlet=self.optional_str(obj, "outlet", ""),
            kind=self.optional_str(obj, "kind", ""),
            date_text=str(raw_date) if raw_date is not None else None,
        )

    def link(self, obj: object, index: int) -> GoldLink:
        """Check one link and build it."""
        where = f"link {index}: "
        if not isinstance(obj, dict):
            raise self.fail(f"{where}must be a JSON object")
        person = obj.get("person")
        if not isinstance(person, str) or not person.strip():
            raise self.fail(f"{where}'person' must be a non-empty string")
        for key in ("to", "from", "status"):
            if key not in obj:
                raise self.fail(f"{where}{key!r} is missing")
        role = obj.get("role", "player")
        if role not in ROLES:
            raise self.fail(f"{where}'role' must be one of {sorted(ROLES)}, not {role!r}")
        status = obj["status"]
        if status not in STATUSES:
            raise self.fail(f"{where}'status' must be one of {sorted(STATUSES)}, not {status!r}")
        loan = obj.get("loan", False)
        if not isinstance(loan, bool):
            raise self.fail(f"{where}'loan' must be true or false")
        evidence = obj.get("evidence") or ""
        if not isinstance(evidence, str):
            raise self.fail(f"{where}'evidence' must be a string")
        return GoldLink(
            person=person,
            to_club=self.optional_str(obj, "to", where),
            from_club=self.optional_str(obj, "from", where),
            status=status,
            role=role,
            loan=loan,
            fees=self.fees(obj.get("fee"), where),
            sources=self.sources(obj.get("source"), where),
            evidence=evidence,
        )

    def fees(self, value: object, where: str) -> tuple[Money, ...]:
        """A fee: null, one figure, or (gold only) a list of acceptable figures."""
        if value is None:
            return ()
        if isinstance(value, list):
            if not self.is_gold:
                raise self.fail(f"{where}a list of fees is allowed in gold files only")
            if not value:
                raise self.fail(f"{where}'fee' list is empty (use null)")
            return tuple(self.money(item, where) for item in value)
        return (self.money(value, where),)

    def money(self, value: object, where: str) -> Money:
        """One `{"amount", "currency"}` figure."""
        if not isinstance(value, dict):
            raise self.fail(f"{where}'fee' must be null or {{'amount', 'currency'}}")
        amount, currency = value.get("amount"), value.get("currency")
        if isinstance(amount, bool) or not isinstance(amount, int | float) or amount <= 0:
            raise self.fail(f"{where}fee 'amount' must be a positive number")
        if not isinstance(currency, str) or not _CURRENCY.match(currency):
            raise self.fail(f"{where}fee 'currency' must be an ISO 4217 code such as 'GBP'")
        return Money(float(amount), currency)

    def sources(self, value: object, where: str) -> tuple[str, ...]:
        """A source: null, a name, or (gold only) a list of acceptable names."""
        if value is None:
            return ()
        if isinstance(value, list):
            if not self.is_gold:
                raise self.fail(f"{where}a list of sources is allowed in gold files only")
            if not value or not all(isinstance(v, str) and v.strip() for v in value):
                raise self.fail(f"{where}'source' list must hold non-empty strings")
            return tuple(value)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}'source' must be a non-empty string or null")
        return (value,)


def parse_lines(lines: Iterable[str], source: str, *, is_gold: bool = True) -> Iterator[GoldRecord]:
    """Parse SPEC lines (blank lines skipped); a bad line raises GoldFormatError."""
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        checker = _Checker(source, number, is_gold=is_gold)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise checker.fail(f"not valid JSON ({exc.msg})") from None
        record = checker.record(obj)
        if record.id in seen:
            raise checker.fail(f"id {record.id!r} appears twice")
        seen.add(record.id)
        yield record


def read_records(path: Path, *, is_gold: bool = True) -> list[GoldRecord]:
    """Read a gold (or, with is_gold=False, a prediction) JSONL file."""
    try:
        with path.open(encoding="utf-8") as handle:
            return list(parse_lines(handle, str(path), is_gold=is_gold))
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise GoldFormatError(f"{path}: not UTF-8 text") from None


def read_gold(path: Path) -> list[GoldRecord]:
    """Read a gold file."""
    return read_records(path, is_gold=True)


def read_predictions(path: Path) -> list[GoldRecord]:
    """Read a prediction file (no lists for fee or source)."""
    return read_records(path, is_gold=False)


def link_to_dict(link: GoldLink) -> dict[str, Any]:
    """The SPEC dict of a link (lists only where a gold link has several options)."""
    fees = [{"amount": _plain(m.amount), "currency": m.currency} for m in link.fees]
    return {
        "person": link.person,
        "role": link.role,
        "from": link.from_club,
        "to": link.to_club,
        "status": link.status,
        "loan": link.loan,
        "fee": None if not fees else fees[0] if len(fees) == 1 else fees,
        "source": (
            None
            if not link.sources
            else link.sources[0]
            if len(link.sources) == 1
            else list(link.sources)
        ),
        "evidence": link.evidence,
    }


def record_to_dict(
    record: GoldRecord, links: Sequence[Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """The SPEC line of a record, optionally with other links (e.g. predictions)."""
    return {
        "id": record.id,
        "date": record.date_text or (record.date.isoformat() if record.date else None),
        "outlet": record.outlet,
        "text": record.text,
        "links": list(links) if links is not None else [link_to_dict(l) for l in record.links],
    }


def write_records(records: Iterable[Mapping[str, Any]], stream: IO[str]) -> None:
    """Write SPEC lines, one JSON object per line."""
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def parse_date(value: object) -> date | None:
    """A date from YYYY-MM-DD or an ISO timestamp (whose day is kept)."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _plain(amount: float) -> int | float:
    return int(amount) if float(amount).is_integer() else amount


def links_from_claims(claims: Iterable[TransferClaim]) -> list[dict[str, Any]]:
    """SPEC link dicts for an article's transfer claims, one per (person, from, to)."""
    candidates = [_claim_to_dict(c) for c in claims]
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for link in candidates:
        groups.setdefault(_dedupe_key(link, candidates), []).append(link)
    return [_merge(group) for group in groups.values()]


def _claim_to_dict(claim: TransferClaim) -> dict[str, Any]:
    fee = claim.fee
    # A salary is what the player earns, never what the move costs.
    has_fee = fee is not None and fee.kind != "salary"
    return {
        "person": claim.person,
        "role": claim.role if claim.role in ROLES else "player",
        "from": claim.from_club,
        "to": claim.to_club,
        "status": claim.status.value,
        "loan": claim.is_loan,
        "fee": (
            {"amount": _plain(fee.amount), "currency": fee.currency}
            if has_fee and fee is not None
            else None
        ),
        "source": claim.attribution.original if claim.attribution else None,
        "evidence": claim.provenance.span.text,
    }


def _key_text(value: str | None) -> str:
    return " ".join((value or "").casefold().split())


def _dedupe_key(
    link: Mapping[str, Any], others: Sequence[Mapping[str, Any]]
) -> tuple[str, str, str]:
    """Key by person, from, to; a surname alone joins the one fuller name that ends with it."""
    person = _key_text(link["person"])
    fuller = {
        _key_text(o["person"])
        for o in others
        if _key_text(o["person"]).endswith(" " + person)
        and _key_text(o["from"]) == _key_text(link["from"])
        and _key_text(o["to"]) == _key_text(link["to"])
    }
    if len(fuller) == 1:
        person = fuller.pop()
    return person, _key_text(link["from"]), _key_text(link["to"])


def _merge(group: list[dict[str, Any]]) -> dict[str, Any]:
    """The most informative link of a group, its missing source and fee filled from the rest."""

    def rank(link: dict[str, Any]) -> tuple[int, int, int, int]:
        return (
            STATUS_STRENGTH[link["status"]],
            link["source"] is not None,
            link["fee"] is not None,
            len(link["person"]),
        )

    chosen = max(group, key=rank)  # max keeps the first of equals: text order
    best = dict(chosen)
    longest = max(group, key=lambda link: len(link["person"]))
    best["person"] = longest["person"]
    for key in ("source", "fee"):
        if best[key] is None:
            best[key] = next((link[key] for link in group if link[key] is not None), None)
    return best

"""Turning domain objects into rows and back: the only place that knows both shapes.

Claims are encoded generically from their dataclass fields and type hints, so a field added to
a domain class (with a default) is stored and read back without touching this module.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from mercato.domain import (
    Article,
    Claim,
    ContractClaim,
    EntityKind,
    FactClaim,
    MatchClaim,
    Mention,
    Provenance,
    Quote,
    Span,
    TransferClaim,
)
from mercato.errors import StoreError
from mercato.kb.normalise import strip_accents

CLAIM_CLASSES: dict[str, type] = {
    "transfer": TransferClaim,
    "contract": ContractClaim,
    "fact": FactClaim,
    "quote": Quote,
    "match": MatchClaim,
}


def fold_key(text: str | None) -> str | None:
    """Search key for a name: accents folded, casefolded, spaces collapsed."""
    if text is None:
        return None
    return " ".join(strip_accents(text).casefold().split())


def to_jsonable(value: object) -> object:
    """Encode a domain value (dataclass, enum, date, tuple) as plain JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_jsonable(tp: Any, value: object) -> Any:
    """Decode plain JSON data into the type `tp` (the inverse of `to_jsonable`)."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        for option in options:
            try:
                return from_jsonable(option, value)
            except (TypeError, ValueError, KeyError):
                continue
        raise ValueError(f"{value!r} fits none of {tp}")
    if origin is tuple:
        args = typing.get_args(tp)
        item = args[0] if args else Any
        return tuple(from_jsonable(item, v) for v in value)  # type: ignore[attr-defined]
    if origin in (list, dict) or tp in (dict, list) or tp is Any or tp is object:
        return value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, Mapping):
            raise TypeError(f"{tp.__name__} needs an object, got {value!r}")
        return decode_dataclass(tp, value)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if tp is date:
        return date.fromisoformat(str(value))
    if tp is float and isinstance(value, int | float):
        return float(value)
    if isinstance(tp, type) and not isinstance(value, tp):
        raise TypeError(f"expected {tp.__name__}, got {value!r}")
    return value


def decode_dataclass(cls: type, data: Mapping[str, object], **given: object) -> Any:
    """Build a dataclass from its encoded fields; unknown keys are ignored, `given` wins."""
    hints = _hints(cls)
    kwargs: dict[str, object] = dict(given)
    for f in dataclasses.fields(cls):
        if f.name in kwargs or f.name not in data:
            continue
        kwargs[f.name] = from_jsonable(hints[f.name], data[f.name])
    return cls(**kwargs)


def article_to_row(article: Article, ingested_at: datetime) -> dict[str, object]:
    """The `articles` row of an article."""
    return {
        "id": article.id,
        "external_id": article.external_id,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published,
        "title": article.title,
        "text": article.text,
        "language": article.language,
        "kind": article.kind,
        "source_path": article.source_path,
        "meta": to_jsonable(article.meta),
        "ingested_at": ingested_at,
    }


def row_to_article(row: Mapping[str, Any]) -> Article:
    """The article of an `articles` row."""
    return Article(
        id=row["id"],
        text=row["text"],
        published=row["published"],
        outlet=row["outlet"],
        url=row["url"],
        title=row["title"],
        language=row["language"],
        source_path=row["source_path"],
        external_id=row["external_id"],
        kind=row["kind"],
        meta=dict(row["meta"] or {}),
    )


def mention_to_row(article_id: str, mention: Mention) -> dict[str, object]:
    """The `mentions` row of a mention."""
    return {
        "article_id": article_id,
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.span.text,
        "kind": str(mention.kind),
        "entity_id": mention.entity_id,
        "label": mention.label,
    }


def row_to_mention(row: Mapping[str, Any]) -> Mention:
    """The mention of a `mentions` row."""
    return Mention(
        span=Span(row["start"], row["end"], row["text"]),
        kind=EntityKind(row["kind"]),
        entity_id=row["entity_id"],
        label=row["label"],
    )


def _claim_columns(claim: Claim) -> dict[str, object]:
    """The flat, queryable columns a claim fills beyond its provenance."""
    columns: dict[str, object] = {}
    if isinstance(claim, TransferClaim):
        attribution = claim.attribution
        columns.update(
            person=claim.person,
            person_id=claim.person_id,
            from_club=claim.from_club,
            from_club_id=claim.from_club_id,
            to_club=claim.to_club,
            to_club_id=claim.to_club_id,
            status=str(claim.status),
            stage=str(claim.stage),
            is_loan=claim.is_loan,
            fee_amount=claim.fee.amount if claim.fee else None,
            fee_currency=claim.fee.currency if claim.fee else None,
            window=claim.window.label if claim.window else None,
            source=attribution.original if attribution else None,
        )
    elif isinstance(claim, ContractClaim):
        source = claim.attribution.original if claim.attribution else None
        columns.update(
            person=claim.person,
            person_id=claim.person_id,
            to_club=claim.club,
            to_club_id=claim.club_id,
            source=source,
        )
    elif isinstance(claim, FactClaim):
        columns.update(person=claim.person, person_id=claim.person_id, to_club=claim.club)
    elif isinstance(claim, Quote):
        columns.update(person=claim.speaker, person_id=claim.speaker_id, source=claim.outlet)
    elif isinstance(claim, MatchClaim):
        columns.update(from_club=claim.home, to_club=claim.away)
    return columns


def claim_to_row(claim: Claim) -> dict[str, object]:
    """The `claims` row of a claim: provenance and filters flat, the whole claim in `payload`."""
    if claim.claim_type not in CLAIM_CLASSES:
        raise StoreError(f"unknown claim type {claim.claim_type!r}")
    prov = claim.provenance
    row: dict[str, object] = {
        "article_id": prov.article_id,
        "claim_type": claim.claim_type,
        "extractor": prov.extractor,
        "span_start": prov.span.start,
        "span_end": prov.span.end,
        "span_text": prov.span.text,
        "outlet": prov.outlet,
        "published": prov.published,
        "person": None, "person_id": None, "from_club": None, "from_club_id": None,
        "to_club": None, "to_club_id": None, "status": None, "stage": None, "is_loan": None,
        "fee_amount": None, "fee_currency": None, "window": None, "source": None,
    }  # fmt: skip
    row.update(_claim_columns(claim))
    for name in ("person", "from_club", "to_club", "source", "outlet"):
        row[f"{name}_key"] = fold_key(row[name])  # type: ignore[arg-type]
    payload = to_jsonable(claim)
    assert isinstance(payload, dict)
    payload.pop("provenance", None)
    row["payload"] = payload
    return row


def row_to_claim(row: Mapping[str, Any]) -> Claim:
    """The claim of a `claims` row, with its provenance rebuilt from the flat columns."""
    cls = CLAIM_CLASSES.get(row["claim_type"])
    if cls is None:
        raise StoreError(f"claim {row['id']} has unknown type {row['claim_type']!r}")
    provenance = Provenance(
        article_id=row["article_id"],
        span=Span(row["span_start"], row["span_end"], row["span_text"]),
        outlet=row["outlet"],
        published=row["published"],
        extractor=row["extractor"],
    )
    try:
        claim: Claim = decode_dataclass(cls, row["payload"], provenance=provenance)
    except (TypeError, ValueError, KeyError) as exc:
        raise StoreError(f"claim {row['id']} cannot be decoded: {exc}") from exc
    return claim

"""Make predictions: read articles to score, run extraction on them, shape the output.

Nothing here touches the store: `mercato extract` and `mercato eval` only read and print.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from mercato.domain import Article, Extraction
from mercato.errors import IngestError
from mercato.evaluation.gold import (
    GoldRecord,
    kind_for,
    links_from_claims,
    parse_date,
    parse_lines,
)

_SEED_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s")


def read_inputs(
    path: Path, *, published: date | None = None, outlet: str | None = None
) -> list[GoldRecord]:
    """Articles to extract from a seed-format file, a plain text file or a JSONL of records.

    A JSONL record keeps its own id, date, outlet and kind; `published` and `outlet` fill in
    what a record or a text file does not say.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), f"cannot read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IngestError(str(path), "not UTF-8 text") from None
    if path.suffix.lower() in {".jsonl", ".ndjson"}:
        return list(_jsonl_records(text, path, published, outlet))
    seed = _SEED_DATE.match(text)
    if seed:
        published = date.fromisoformat(seed.group(1))
        text = text[seed.end() :]
    text = text.strip()
    if not text:
        raise IngestError(str(path), "no text")
    return [GoldRecord(id=path.stem, text=text, links=(), date=published, outlet=outlet)]


def _jsonl_records(
    text: str, path: Path, published: date | None, outlet: str | None
) -> Iterator[GoldRecord]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise IngestError(where, f"not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise IngestError(where, "a record must be a JSON object with a 'text' string")
        raw_date = obj.get("date")
        record_date = parse_date(raw_date) if raw_date is not None else None
        if raw_date is not None and record_date is None:
            raise IngestError(where, f"'date' {raw_date!r} is not YYYY-MM-DD")
        yield GoldRecord(
            id=str(obj.get("id") or f"{path.stem}:{number}"),
            text=obj["text"],
            links=(),
            date=record_date or published,
            outlet=obj.get("outlet") if isinstance(obj.get("outlet"), str) else outlet,
            kind=obj.get("kind") if isinstance(obj.get("kind"), str) else None,
            date_text=str(raw_date) if record_date is not None else None,
        )


def article_for(record: GoldRecord) -> Article:
    """The article extraction sees for a record: its text, date, outlet and kind."""
    return Article.from_text(
        record.text,
        published=record.date,
        outlet=record.outlet,
        external_id=record.id,
        kind=kind_for(record),
    )


def extract_record(record: GoldRecord) -> Extraction:
    """Run Mercato's extraction on one record."""
    # Imported here so that reading and scoring files never loads the NLP pipeline.
    from mercato.extract.pipeline import extract_article

    return extract_article(article_for(record))


@dataclass(frozen=True)
class Prediction:
    """Predicted SPEC links for one record, or why extraction failed on it."""

    record_id: str
    links: tuple[dict[str, Any], ...]
    error: str | None = None

    def to_record(self) -> GoldRecord:
        """The prediction as a checked SPEC record, ready to score."""
        line = json.dumps({"id": self.record_id, "links": list(self.links)})
        return next(parse_lines([line], f"prediction for {self.record_id}", is_gold=False))


def predict_record(record: GoldRecord) -> Prediction:
    """Predicted links for one record; an extraction failure is reported, not raised."""
    try:
        extraction = extract_record(record)
    except ImportError:
        raise  # a broken installation, not a bad article: stop at once
    except Exception as exc:  # noqa: BLE001  (one bad article must not stop the batch)
        return Prediction(record.id, (), f"{type(exc).__name__}: {exc}")
    return Prediction(record.id, tuple(links_from_claims(extraction.transfers)))


def predict_all(
    records: Sequence[GoldRecord],
    *,
    workers: int = 1,
    on_done: Callable[[Prediction], None] | None = None,
) -> list[Prediction]:
    """Predictions for every record, in input order, on `workers` processes."""
    results: list[Prediction] = []
    if workers <= 1:
        for record in records:
            results.append(predict_record(record))
            if on_done:
                on_done(results[-1])
        return results
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for prediction in pool.map(predict_record, records, chunksize=4):
            results.append(prediction)
            if on_done:
                on_done(prediction)
    return results


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    """Every claim of an article, of every kind, with its provenance, as plain data."""
    article = extraction.article
    claims = []
    for claim in extraction.claims:
        data = _plain(dataclasses.asdict(claim))
        assert isinstance(data, dict)
        data["kind"] = claim.claim_type
        claims.append(data)
    return {
        "article": {
            "id": article.id,
            "external_id": article.external_id,
            "date": article.published.isoformat() if article.published else None,
            "outlet": article.outlet,
            "kind": article.kind,
        },
        "claims": claims,
    }

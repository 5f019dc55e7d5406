"""All the gold Mercato learns from and is judged on, and the frozen slice it never sees.

Three sources, all in the format of `../shared/eval/SPEC.md` once loaded:

- the shared gold files (`dev.jsonl`, `train.jsonl`), which carry their texts;
- the project's own annotations (`annotations/records/*.jsonl`): ids and links with evidence as
  character spans, joined at run time with their texts from `../shared/corpus/articles.jsonl`
  (the repository keeps no article text).

A fixed share of the project's own records, chosen by a hash of the id, is the *frozen slice*:
never trained or tuned on, scored only to report how the model does on text nobody fitted to.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from mercato.errors import GoldFormatError
from mercato.evaluation.gold import GoldRecord, parse_lines, read_gold

FROZEN_SHARE = 0.15
SHARED_GOLD_FILES = ("dev.jsonl", "train.jsonl")


def is_frozen(record_id: str) -> bool:
    """Whether a project-annotated record belongs to the frozen slice (stable, by hash)."""
    digest = hashlib.sha256(record_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < FROZEN_SHARE


@dataclass(frozen=True)
class GoldSet:
    """Gold records for training and cross-validation, and the frozen slice apart."""

    records: tuple[GoldRecord, ...]  # trainable: shared gold and the unfrozen annotations
    frozen: tuple[GoldRecord, ...]
    digest: str  # sha256 over the gold files read, in order

    @property
    def all_records(self) -> tuple[GoldRecord, ...]:
        return self.records + self.frozen


def read_annotations(path: Path, corpus: dict[str, dict[str, object]]) -> list[GoldRecord]:
    """One file of the project's annotations, joined with the texts of the corpus."""
    lines = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}, line {number}: not JSON ({exc.msg})") from None
        record = corpus.get(row.get("id"))
        if record is None:
            raise GoldFormatError(f"{path}, line {number}: {row.get('id')!r} is not in the corpus")
        text = str(record["text"])
        links = []
        for link in row.get("links", []):
            start, end = link.get("evidence_span", (0, 0))
            if not (0 <= start <= end <= len(text)):
                raise GoldFormatError(f"{path}, line {number}: evidence span {start}-{end} is outside the text")
            links.append({k: v for k, v in link.items() if k != "evidence_span"} | {"evidence": text[start:end]})
        lines.append(
            json.dumps(
                {
                    "id": row["id"],
                    "date": record.get("date"),
                    "outlet": record.get("outlet"),
                    "kind": record.get("kind"),
                    "text": text,
                    "links": links,
                },
                ensure_ascii=False,
            )
        )
    return list(parse_lines(lines, str(path), is_gold=True))


def read_corpus(path: Path) -> dict[str, dict[str, object]]:
    """The corpus records by id."""
    with path.open(encoding="utf-8") as handle:
        return {row["id"]: row for row in map(json.loads, handle) if row.get("id")}


def load_gold_set(
    shared_dir: Path,
    annotations_dir: Path | None,
    *,
    extra_files: Sequence[Path] = (),
) -> GoldSet:
    """Every gold record: shared files, the project's annotations, and any extra gold files."""
    digest = hashlib.sha256()
    records: list[GoldRecord] = []
    frozen: list[GoldRecord] = []
    heldout = read_heldout(shared_dir)
    eval_dir = shared_dir / "eval"
    for path in [eval_dir / name for name in SHARED_GOLD_FILES] + list(extra_files):
        if not path.exists():
            raise GoldFormatError(f"{path}: gold file not found")
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
        records.extend(_without_kind(read_gold(path)))
    if annotations_dir is not None and annotations_dir.exists():
        files = sorted(annotations_dir.glob("*.jsonl"))
        if files:
            corpus = read_corpus(shared_dir / "corpus" / "articles.jsonl")
            for path in files:
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
                for record in read_annotations(path, corpus):
                    (frozen if is_frozen(record.id) else records).append(record)
    _refuse_heldout(records + frozen, heldout)
    return GoldSet(tuple(_unique(records)), tuple(_unique(frozen)), digest.hexdigest())


def _without_kind(records: Iterable[GoldRecord]) -> list[GoldRecord]:
    return [replace(r, kind=None) if r.kind is None else r for r in records]


def _unique(records: Iterable[GoldRecord]) -> list[GoldRecord]:
    seen: dict[str, GoldRecord] = {}
    for record in records:
        seen.setdefault(record.id, record)
    return sorted(seen.values(), key=lambda r: r.id)


def read_heldout(shared_dir: Path) -> set[str]:
    """The ids of the records held out for the hidden evaluation: never read, never annotated."""
    path = shared_dir / "eval" / "heldout_ids.txt"
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def _refuse_heldout(records: Iterable[GoldRecord], heldout: set[str]) -> None:
    leaked = sorted(r.id for r in records if r.id in heldout)
    if leaked:
        raise GoldFormatError(f"held-out records must never be trained on: {', '.join(leaked[:5])}")

"""The mention-linking gold set and its scoring.

Gold lines are either the project's own sample articles (text included) or references into
`../shared/eval/dev.jsonl` by record id and character span (the text is read from there at
scoring time and never copied into the repository).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mercato.domain import EntityKind, Mention, Span
from mercato.kb.catalogue import Catalogue
from mercato.kb.linking import link_mentions
from mercato.kb.normalise import normalise_alias

GROUPS = {
    "club": "clubs",
    "national_team": "clubs",
    "outlet": "outlets",
    "journalist": "outlets",
    "player": "people",
    "manager": "people",
    "person": "people",
}


@dataclass(frozen=True)
class GoldMention:
    """One gold mention: span, kind, the entity it names (None: must stay unresolved), label."""

    start: int
    end: int
    kind: str
    entity: str | None
    label: str | None


@dataclass(frozen=True)
class GoldArticle:
    """A gold article: its text and date, and its mentions."""

    id: str
    text: str
    published: date | None
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True)
class LinkingScore:
    """Accuracy per group and how often an ambiguous or unresolvable form was forced wrong."""

    total: Counter[str]
    correct: Counter[str]
    ambiguous: int
    forced_wrong: int
    errors: tuple[str, ...]

    def accuracy(self, group: str) -> float:
        """Share of correct links in a group (clubs, outlets, people) or "all"."""
        if group == "all":
            return sum(self.correct.values()) / max(sum(self.total.values()), 1)
        return self.correct[group] / max(self.total[group], 1)


def load_gold(path: Path, dev_path: Path | None) -> Iterator[GoldArticle]:
    """Gold articles; dev references are skipped when the dev file is not available."""
    dev: dict[str, dict[str, object]] = {}
    if dev_path is not None and dev_path.is_file():
        for line in dev_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                dev[record["id"]] = record
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if "record" in row:
            record = dev.get(row["record"])
            if record is None:
                continue
            text, day = str(record["text"]), record.get("date")
        else:
            text, day = row["text"], row.get("date")
        mentions = tuple(
            GoldMention(m["start"], m["end"], m["kind"], m.get("entity"), m.get("label"))
            for m in row["mentions"]
        )
        yield GoldArticle(
            row["id"], text, date.fromisoformat(str(day)[:10]) if day else None, mentions
        )


def score_linking(articles: list[GoldArticle], catalogue: Catalogue) -> LinkingScore:
    """Run the linker on gold spans (entities withheld) and compare with gold."""
    total: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    ambiguous = forced_wrong = 0
    errors: list[str] = []
    for article in articles:
        given = [
            Mention(
                Span(m.start, m.end, article.text[m.start : m.end]),
                EntityKind(m.kind),
                None,
                article.text[m.start : m.end],
            )
            for m in article.mentions
        ]
        linked = link_mentions(article.text, given, article.published, catalogue)
        for gold, got in zip(article.mentions, linked, strict=True):
            group = GROUPS[gold.kind]
            total[group] += 1
            surface = article.text[gold.start : gold.end]
            is_hard = gold.entity is None or catalogue.is_ambiguous(surface)
            ok = _agrees(gold, got)
            correct[group] += ok
            ambiguous += is_hard
            if is_hard and got.entity_id is not None and got.entity_id != gold.entity:
                forced_wrong += 1
            if not ok:
                errors.append(
                    f"{article.id} [{gold.start}:{gold.end}] {surface!r} {gold.kind}: "
                    f"gold {gold.entity or gold.label!r} got {got.entity_id or got.label!r}"
                )
    return LinkingScore(total, correct, ambiguous, forced_wrong, tuple(errors))


def _agrees(gold: GoldMention, got: Mention) -> bool:
    if gold.entity is not None:
        return got.entity_id == gold.entity
    if got.entity_id is not None:
        return False
    return gold.label is None or normalise_alias(got.label) == normalise_alias(gold.label)

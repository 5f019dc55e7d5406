"""A stand-in for extraction in ingest, pipeline and query tests: deterministic and tiny.

It knows the moves of the project's own sample articles (`samples/`) from a table and reads the
stage from a few keywords, so that tests of ingest and storage do not depend on the quality of
the real extractor. Module-level functions only: worker processes must be able to import it.
"""

from __future__ import annotations

import os
import re

from mercato.domain import (
    STAGE_STATUS,
    Article,
    Attribution,
    EntityKind,
    Extraction,
    Fee,
    Mention,
    Provenance,
    Span,
    Stage,
    TransferClaim,
)

EXTRACTOR = "transfer.toy.v1"

# person -> (from club, to club)
MOVES: dict[str, tuple[str | None, str]] = {
    "Mateo Lindqvist": ("Brighton", "Newcastle United"),
    "Luca Ferrante": ("Juventus", "Arsenal"),
    "Bastien Morel": ("Lyon", "Aston Villa"),
    "Kofi Mensah": ("Chelsea", "Southampton"),
    "Emil Rasmussen": ("Wolfsburg", "West Ham United"),
    "Rui Carvalhal": ("Benfica", "Tottenham Hotspur"),
    "Pablo Iriarte": ("Aston Villa", "Real Betis"),
}

# First keyword found wins, so the most telling come first.
STAGE_WORDS: tuple[tuple[str, Stage], ...] = (
    ("denied", Stage.DENIED),
    ("collapsed", Stage.COLLAPSED),
    ("announced", Stage.ANNOUNCED),
    ("completed", Stage.SIGNED),
    ("have signed", Stage.SIGNED),
    ("medical", Stage.MEDICAL),
    ("agreed", Stage.AGREEMENT),
    ("rejected", Stage.BID_REJECTED),
    ("talks", Stage.TALKS),
    ("approach", Stage.APPROACH),
    ("monitoring", Stage.MONITORING),
)

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?(?:\s*\([^)]*\))?")
_FEE = re.compile(r"[£€](\d+)(?:m|million)\b")
_LABEL = re.compile(r"\(([^)]+)\)\s*$")
_ACCORDING = re.compile(r"(?:according to|per|understands|reports)\s*(?:the\s)?([A-Z][\w ]+)")


def toy_extract(article: Article) -> Extraction:
    """One transfer claim per sentence that names a known mover."""
    if "FAIL-EXTRACTION" in article.text:
        raise RuntimeError("the toy extractor was told to fail")
    claims: list[TransferClaim] = []
    mentions: list[Mention] = []
    for match in _SENTENCE.finditer(article.text):
        sentence = match.group().strip()
        start = article.text.index(sentence, match.start())
        span = Span(start, start + len(sentence), sentence)
        for person, (from_club, to_club) in MOVES.items():
            if person not in sentence:
                continue
            at = article.text.index(person, start)
            mentions.append(
                Mention(Span(at, at + len(person), person), EntityKind.PLAYER, None, person)
            )
            stage = next((s for w, s in STAGE_WORDS if w in sentence), Stage.INTEREST)
            fee = _FEE.search(sentence)
            label = _LABEL.search(sentence)
            source = label.group(1) if label else None
            claims.append(
                TransferClaim(
                    person=person,
                    to_club=to_club,
                    from_club=from_club,
                    status=STAGE_STATUS[stage],
                    stage=stage,
                    provenance=Provenance(
                        article.id, span, article.outlet, article.published, EXTRACTOR
                    ),
                    is_loan="loan" in sentence,
                    fee=Fee(float(fee.group(1)) * 1e6, "GBP" if "£" in fee.group() else "EUR")
                    if fee
                    else None,
                    attribution=Attribution(outlet=source) if source else None,
                )
            )
    return Extraction(article, tuple(mentions), tuple(claims))


def toy_extract_recording_pid(article: Article) -> Extraction:
    """Like `toy_extract`, but stamps the worker's process id into each mention's label."""
    extraction = toy_extract(article)
    pid = str(os.getpid())
    mentions = tuple(Mention(m.span, m.kind, m.entity_id, pid) for m in extraction.mentions)
    return Extraction(extraction.article, mentions, extraction.claims)

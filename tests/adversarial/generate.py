"""Inputs the adversarial tests generate: invented transfer stories, never corpus text."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import create_engine, text

from mercato.domain import Article, Extraction

CLUBS = ["Northfield Rovers", "Lakeside", "Harbour Town", "Eastgate", "Westbury Athletic",
         "Kingsmoor", "Ashcombe United", "Riverside"]  # fmt: skip
FIRST = ["Tomas", "Jamal", "Pietro", "Lars", "Kofi", "Mateo", "Ivan", "Oscar", "Rui", "Yusuf"]
LAST = ["Varga", "Okafor", "Lindholm", "Serrano", "Duarte", "Kowal", "Brandt", "Ferreira"]
MOVES = [
    "are interested in signing {p} from {a}",
    "have opened talks with {a} over a move for {p}",
    "have had a bid rejected by {a} for {p}",
    "have agreed a fee with {a} for {p}",
]


def person(i: int) -> str:
    """The i-th invented player."""
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"


WORDS = ["pace", "vision", "grit", "flair", "press", "tempo", "width", "depth", "touch", "range", "poise", "drive", "craft", "nerve", "guile", "power", "stamina", "balance", "timing", "reach", "calm", "spark", "steel", "rhythm"]
PLACES = ["north", "south", "east", "west", "harbour", "valley", "ridge", "meadow", "forest", "river"]


def colour(i: int) -> str:
    """A sentence of its own for report i, so that two reports share few word triples."""
    draw = random.Random(i)
    words = [draw.choice(WORDS + PLACES) for _ in range(24)]
    return "Scouts noted his " + " ".join(words) + "."


def story(i: int) -> str:
    """The i-th invented report: a distinct text naming a player and two clubs."""
    buyer, seller = CLUBS[i % len(CLUBS)], CLUBS[(i * 3 + 1) % len(CLUBS)]
    if buyer == seller:
        seller = CLUBS[(i + 1) % len(CLUBS)]
    move = MOVES[i % len(MOVES)].format(p=person(i), a=seller)
    return (
        f"{buyer} {move}, according to reports on matchday {i}. The player has made {i % 40} "
        f"appearances this season and has {1 + i % 4} years left on his contract. {colour(i)}"
    )


def without_extraction(article: Article) -> Extraction:
    """An extractor that finds nothing: for tests about reading and storing only."""
    return Extraction(article, (), ())


def report(i: int) -> dict[str, object]:
    """The i-th generated JSON Lines record: a story with a date in early 2023."""
    day = 1 + i % 28
    return {"id": f"gen-{i}", "text": story(i), "date": f"2023-02-{day:02d}", "outlet": "Generated"}


def syndicated(i: int) -> dict[str, object]:
    """A later copy of report i with a new byline: a near-duplicate that must link to it."""
    original = report(i)
    return {
        "id": f"copy-{i}",
        "text": f"By a staff reporter at the Wire. {original['text']}",
        "date": "2023-03-15",
        "outlet": "Wire",
    }


def write_jsonl(path: Path, records: Iterable[dict[str, object]]) -> Path:
    """Write records as JSON Lines."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def start_ingest(inputs: Path, db: str, *extra: str) -> subprocess.Popen[bytes]:
    """`mercato ingest` in its own process (so that it can be killed, or run beside another)."""
    code = "import sys; from mercato.cli import main; sys.argv[0] = 'mercato'; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "ingest", str(inputs), "--db", db, "--quiet-warnings", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def snapshot(url: str) -> dict[str, set[tuple[object, ...]]]:
    """Everything an ingest writes, as comparable sets (store-given ids left out)."""
    from mercato.store.copy_tables import article_copies, copy_signatures

    queries = {
        "articles": "SELECT id, external_id, published, text FROM articles",
        "claims": "SELECT article_id, claim_type, extractor, span_start, span_end, person, "
        "from_club, to_club, status, stage FROM claims",
        "mentions": 'SELECT article_id, start, "end", kind, entity_id, label FROM mentions',
        "entities": "SELECT id, kind, name FROM entities",
        "aliases": "SELECT entity_id, normalised, kind FROM aliases",
        "signatures": f"SELECT article_id FROM {copy_signatures.name}",
        "copy_links": f"SELECT article_id, original_id FROM {article_copies.name}",
    }
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found: dict[str, set[tuple[object, ...]]] = {}
            for name, query in queries.items():
                rows = [tuple(r) for r in conn.execute(text(query))]
                assert len(rows) == len(set(rows)), f"{name}: a row is stored twice"
                found[name] = set(rows)
            return found
    finally:
        engine.dispose()


def long_text(size: int, *, repeat_one: bool = False) -> str:
    """An article of about `size` characters: invented reports in paragraphs, or one sentence
    repeated on one line (the shape that once made extraction quadratic)."""
    if repeat_one:
        sentence = story(1).split(". ")[0] + ". "
        return (sentence * (size // len(sentence) + 1))[:size].rstrip()
    parts: list[str] = []
    total, i = 0, 0
    while total < size:
        parts.append(story(i))
        total += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts)[:size].rstrip()

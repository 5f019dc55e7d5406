"""Where each shipped table comes from: source lines for the `#` headers, read from MANIFEST.tsv."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceNote:
    """One upstream source of a shipped table: folder, origin, licence."""

    path: str
    origin: str
    licence: str

    def line(self) -> str:
        """The header line naming this source."""
        return f"source: {self.path} -- {self.origin} -- licence {self.licence}"


PROJECT = SourceNote(
    "src/mercato/data/curated/", "written by the Mercato project", "MIT (the project's own)"
)
CORPUS_COUNTS = SourceNote(
    "media/outlets_in_corpus.tsv",
    "labels and domains counted in Mercato's shared corpus",
    "facts counted from the corpus",
)


def read_manifest(kb_dir: Path) -> dict[str, SourceNote]:
    """Manifest rows keyed by their folder ("openfootball/clubs/")."""
    notes: dict[str, SourceNote] = {}
    with (kb_dir / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            path = row["path"].strip()
            origin = row["upstream (repo@commit or package)"].strip()
            notes[path] = SourceNote(path, origin, row["licence"].strip())
    return notes


def note(manifest: dict[str, SourceNote], path: str, licence: str) -> SourceNote:
    """The manifest's note for a folder, or a plain one when the manifest does not list it."""
    found = manifest.get(path)
    if found is not None:
        return found
    return SourceNote(path, "Mercato shared knowledge-base folder", licence)

"""Reading and writing the shipped TSV tables: `#` header lines, a column line, then rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

LIST_SEP = "|"


@dataclass(frozen=True)
class Table:
    """A parsed TSV table: its header comments, column names and rows as dicts."""

    comments: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]


def _clean(value: object) -> str:
    # Tabs and newlines would break the row structure; sources occasionally contain them.
    text = "" if value is None else str(value)
    return " ".join(text.replace("\t", " ").split()) if ("\t" in text or "\n" in text) else text


def write_table(
    path: Path,
    comments: Sequence[str],
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
) -> int:
    """Write rows (already in their final order) under `#` comments; return the row count."""
    lines = [f"# {c}".rstrip() for c in comments]
    lines.append("\t".join(columns))
    count = 0
    for row in rows:
        if len(row) != len(columns):
            raise ValueError(f"{path.name}: row has {len(row)} fields, expected {len(columns)}")
        lines.append("\t".join(_clean(v) for v in row))
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return count


def parse_table(text: str) -> Table:
    """Parse a table written by `write_table` (or a curated table in the same format)."""
    comments: list[str] = []
    columns: tuple[str, ...] | None = None
    rows: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if columns is None:
            if line.startswith("#"):
                comments.append(line[1:].strip())
                continue
            columns = tuple(line.split("\t"))
            continue
        if line.startswith("#"):
            continue
        values = line.split("\t")
        values += [""] * (len(columns) - len(values))
        rows.append(dict(zip(columns, values, strict=False)))
    return Table(tuple(comments), columns or (), tuple(rows))


def read_table(path: Path) -> Table:
    """Read and parse a TSV table from a file."""
    return parse_table(path.read_text(encoding="utf-8"))


def split_list(value: str) -> list[str]:
    """Split a `|`-separated cell into its non-empty parts."""
    return [part.strip() for part in value.split(LIST_SEP) if part.strip()]


def iter_pairs(value: str) -> Iterator[tuple[str, str]]:
    """Split a `key:value|key:value` cell into pairs."""
    for part in split_list(value):
        key, _, rest = part.partition(":")
        yield key, rest

"""A user's own aliases ("the Toon Army" for Newcastle), kept in a small TSV under MERCATO_HOME."""

from __future__ import annotations

from pathlib import Path

from mercato.domain import Alias
from mercato.errors import KnowledgeBaseError
from mercato.kb.catalogue import Catalogue
from mercato.kb.tables import parse_table

FILE_NAME = "aliases.tsv"
_COLUMNS = ("entity_id", "alias", "kind")


def user_aliases_path(home: Path) -> Path:
    """Where the user's aliases live: `<home>/aliases.tsv` (home is `Settings.home`)."""
    return home / FILE_NAME


def read_user_aliases(path: Path) -> list[Alias]:
    """The aliases a user added, in the order added; none when the file does not exist."""
    if not path.is_file():
        return []
    table = parse_table(path.read_text(encoding="utf-8"))
    return [Alias(row["entity_id"], row["alias"], row["kind"] or "alternate") for row in table.rows]


def add_user_alias(
    path: Path, catalogue: Catalogue, entity_id: str, text: str, kind: str = "alternate"
) -> Alias:
    """Append an alias for a known entity (idempotent: the same alias twice is stored once)."""
    if catalogue.get(entity_id) is None:
        raise KnowledgeBaseError(f"no entity with id {entity_id!r}")
    text = " ".join(text.split())
    if not text or "\t" in text:
        raise KnowledgeBaseError("an alias must be non-empty text without tabs")
    alias = Alias(entity_id, text, kind)
    if alias in read_user_aliases(path):
        return alias
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file():
        path.write_text(
            "# mercato user aliases (added with `mercato kb alias`)\n" + "\t".join(_COLUMNS) + "\n",
            encoding="utf-8",
        )
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"{entity_id}\t{text}\t{kind}\n")
    return alias


def with_user_aliases(catalogue: Catalogue, home: Path) -> Catalogue:
    """The catalogue plus the user's aliases (the shipped one when there are none)."""
    extra = read_user_aliases(user_aliases_path(home))
    return catalogue.with_aliases(extra) if extra else catalogue

"""`mercato kb`: build the knowledge base, look entities up, and add your own aliases."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import click

from mercato.cli.entity_text import attribute_lines
from mercato.cli.options import current_settings, existing_store_url, is_new_store, store_url
from mercato.domain import Entity, EntityKind
from mercato.errors import KnowledgeBaseError, NotFound
from mercato.kb.build import build_knowledge_base
from mercato.kb.catalogue import Catalogue, load_catalogue
from mercato.kb.user_aliases import add_user_alias, user_aliases_path, with_user_aliases

_KINDS = [k.value for k in EntityKind]
_PACKAGE_DATA = Path(__file__).resolve().parents[1] / "data"


def _default_kb_dir() -> Path:
    shared = os.environ.get("MERCATO_SHARED_DIR")
    if shared:
        return Path(shared) / "kb"
    # The repository's layout: src/mercato/cli/kb.py -> <repo>/../shared/kb
    return Path(__file__).resolve().parents[3] / ".." / "shared" / "kb"


def _catalogue() -> Catalogue:
    return with_user_aliases(load_catalogue(), current_settings().home)


def _kinds(kind: str | None) -> set[EntityKind] | None:
    return {EntityKind(kind)} if kind else None


def _resolve(catalogue: Catalogue, name: str, kind: str | None) -> Entity:
    entity = catalogue.get(name)
    if entity is not None:
        return entity
    found = catalogue.candidates(name, _kinds(kind))
    if not found:
        raise NotFound(f"no knowledge-base entity called {name!r} (try `mercato kb search`)")
    return found[0]


def _as_dict(entity: Entity, catalogue: Catalogue) -> dict[str, object]:
    aliases = sorted({(a.text, a.kind) for a in catalogue.aliases if a.entity_id == entity.id})
    attributes = {k: v for k, v in entity.attributes.items() if k != "clubs"}
    clubs = entity.attributes.get("clubs")
    if clubs:
        attributes["moves"] = [
            {
                "date": m["date"],
                "from": m["from_club_id"] or m["from_name"],
                "to": m["to_club_id"] or m["to_name"],
            }
            for m in clubs  # type: ignore[attr-defined]
        ]
    return {
        "id": entity.id,
        "kind": entity.kind.value,
        "name": entity.name,
        "country": entity.country,
        "attributes": attributes,
        "aliases": [{"text": t, "kind": k} for t, k in aliases],
    }


@click.group("kb")
def kb_group() -> None:
    """Knowledge base: clubs, national teams, outlets, journalists and players, with their aliases."""


@kb_group.command("build")
@click.option(
    "--kb-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Open data to build from (default: ../shared/kb beside the repository, or $MERCATO_SHARED_DIR/kb).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=_PACKAGE_DATA,
    show_default="the package's data folder, mercato/data",
    help="Folder to write the TSV tables into.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON.")
def build_command(kb_dir: Path | None, out_dir: Path, as_json: bool) -> None:
    """Rebuild the shipped knowledge-base tables from the open data (deterministic)."""
    source = kb_dir or _default_kb_dir()
    if not (source / "MANIFEST.tsv").is_file():
        raise KnowledgeBaseError(
            f"{source} does not look like the shared kb folder (no MANIFEST.tsv)"
        )
    report = build_knowledge_base(source, out_dir)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "files": [{"name": n, "rows": r, "sha256": h} for n, r, h in report.files],
                    "counts": dict(report.counts),
                    "warnings": list(report.warnings),
                },
                indent=2,
            )
        )
    else:
        click.echo(report.summary())


@kb_group.command("show")
@click.argument("name")
@click.option("--kind", type=click.Choice(_KINDS), default=None, help="Only entities of this kind.")
@click.option(
    "--db", "db", metavar="URL",
    help="Also list what the articles in this store claim about it (default: the configured store).",
)  # fmt: skip
@click.option("--claims", "claim_limit", type=click.IntRange(0, 500), default=10, show_default=True,
              help="Most stored claims to list.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the entity as JSON.")
def show_command(name: str, kind: str | None, db: str | None, claim_limit: int, as_json: bool) -> None:
    """Show all Mercato knows of one entity: ids, aliases, facts, and the claims made about it.

    NAME is an id ("club:arsenal-fc"), any alias ("the Gunners"), or a person met only in
    ingested articles.
    """
    if db is not None:
        existing_store_url(db)  # a named store that does not exist is an error, not an empty one
    catalogue = _catalogue()
    data = _entity_data(catalogue, name, kind, db)
    data["claims"] = stored_claims(db, str(data["name"]), str(data["kind"]), claim_limit)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=list))
        return
    click.echo(f"{data['name']}  [{data['kind']}]  {data['id']}")
    attributes: dict[str, object] = data["attributes"]  # type: ignore[assignment]
    for line in attribute_lines(attributes, lambda id_: _name_of(catalogue, id_)):
        click.echo(line)
    alias_rows: list[dict[str, str]] = data["aliases"]  # type: ignore[assignment]
    aliases = ", ".join(f"{a['text']} ({a['kind']})" for a in alias_rows)
    click.echo(f"  aliases: {aliases}")
    if catalogue.is_ambiguous(name) and catalogue.get(name) is None:
        others = [e.id for e in catalogue.candidates(name, _kinds(kind))[1:6]]
        click.echo(f"  note: {name!r} is ambiguous; also: {', '.join(others)}")
    claims: list[str] = data["claims"]  # type: ignore[assignment]
    if claims:
        click.echo("  claims in the store:")
        for line in claims:
            click.echo(f"    {line}")


def _name_of(catalogue: Catalogue, entity_id: str) -> str:
    """The name of a knowledge-base id, or the id itself when the catalogue does not know it."""
    entity = catalogue.get(entity_id)
    return entity.name if entity is not None else entity_id


def _entity_data(catalogue: Catalogue, name: str, kind: str | None, db: str | None) -> dict[str, object]:
    """The knowledge base's entry, else a person the store met in articles."""
    try:
        return _as_dict(_resolve(catalogue, name, kind), catalogue)
    except NotFound:
        met = _met_in_store(db, name)
        if met is None:
            raise
        return met


def _store_url(db: str | None) -> str:
    return store_url(db)


def _met_in_store(db: str | None, name: str) -> dict[str, object] | None:
    from mercato.kb.met import met_entity_id
    from mercato.store import Store

    url = _store_url(db)
    if is_new_store(url):
        return None  # no store yet: nobody met in articles
    with Store.open(url) as store:
        try:
            entity = store.get_entity(name if ":" in name else met_entity_id(name))
        except NotFound:
            return None
        aliases = [{"text": a.text, "kind": a.kind} for a in store.aliases_for(entity.id)]
    return {"id": entity.id, "kind": str(entity.kind), "name": entity.name,
            "attributes": dict(entity.attributes), "aliases": aliases}  # fmt: skip


def stored_claims(db: str | None, name: str, kind: str, limit: int) -> list[str]:
    """One line per stored claim about a person or club, newest first."""
    from mercato.store import Store

    if limit == 0:
        return []
    url = _store_url(db)
    if is_new_store(url):
        return []  # no store yet: nothing ingested to report
    with Store.open(url) as store:
        if kind == EntityKind.CLUB.value:
            from mercato.extract.coreference import display_club_name

            found = store.transfer_claims(club=display_club_name(name))
        else:
            found = [*store.transfer_claims(person=name), *_facts_about(store, name)]
    found.sort(key=lambda s: (s.claim.provenance.published or date.min), reverse=True)
    return [_claim_line(s.claim) for s in found[:limit]]


def _facts_about(store: object, name: str) -> list[Any]:
    from mercato.domain import FactClaim

    key = name.casefold()
    return [
        s for s in store.claims(claim_type="fact")  # type: ignore[attr-defined]
        if isinstance(s.claim, FactClaim) and s.claim.person.casefold() == key
    ]


def _claim_line(claim: Any) -> str:
    p = claim.provenance
    when = p.published.isoformat() if p.published else "undated"
    if claim.claim_type == "transfer":
        what = f"{claim.person}: {claim.from_club or '?'} -> {claim.to_club or '(exit)'} [{claim.stage.value}]"
    else:
        what = f"{claim.person}: {claim.fact} = {claim.value}"
    return f"{when}  {what}  ({p.outlet or 'no outlet'}; {p.extractor})"


@kb_group.command("search")
@click.argument("text")
@click.option("--kind", type=click.Choice(_KINDS), default=None, help="Only entities of this kind.")
@click.option(
    "--limit",
    type=click.IntRange(1, 500),
    default=20,
    show_default=True,
    help="Most results to list.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def search_command(text: str, kind: str | None, limit: int, as_json: bool) -> None:
    """List entities whose names or aliases contain TEXT, exact matches first."""
    catalogue = _catalogue()
    found = catalogue.search(text, _kinds(kind), limit)
    if as_json:
        click.echo(
            json.dumps(
                [{"id": e.id, "kind": e.kind.value, "name": e.name} for e in found],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if not found:
        raise NotFound(f"nothing in the knowledge base matches {text!r}")
    for entity in found:
        click.echo(f"{entity.id}\t{entity.kind.value}\t{entity.name}")


@kb_group.command("alias")
@click.argument("entity")
@click.argument("alias")
@click.option(
    "--kind",
    "alias_kind",
    type=click.Choice(["alternate", "nickname", "short", "printed"]),
    default="nickname",
    show_default=True,
    help="What sort of surface form the alias is.",
)
def alias_command(entity: str, alias: str, alias_kind: str) -> None:
    """Add your own ALIAS for ENTITY (an id or a known name); kept in $MERCATO_HOME/aliases.tsv."""
    catalogue = _catalogue()
    target = _resolve(catalogue, entity, None)
    path = user_aliases_path(current_settings().home)
    added = add_user_alias(path, catalogue, target.id, alias, alias_kind)
    click.echo(f"{added.text!r} -> {target.id} ({target.name}), saved in {path}")

"""Outlets and journalists: the project's curated tables, barca-reddit tiers, corpus labels."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from mercato.kb.labels import clean_domain, country_of_domain, parse_source_label
from mercato.kb.normalise import normalise_alias, slugify
from mercato.kb.tables import read_table, split_list

# The language a country's outlets write in, where the country has one main language.
_COUNTRY_LANGUAGE = {
    "GB": "en",
    "IE": "en",
    "US": "en",
    "AU": "en",
    "ES": "es",
    "AR": "es",
    "MX": "es",
    "CO": "es",
    "CL": "es",
    "IT": "it",
    "DE": "de",
    "AT": "de",
    "FR": "fr",
    "PT": "pt",
    "BR": "pt",
    "NL": "nl",
    "TR": "tr",
    "DK": "da",
    "SE": "sv",
    "NO": "no",
    "PL": "pl",
    "RU": "ru",
    "RO": "ro",
    "GR": "el",
}
# barca-reddit "orgs" that are not outlets a claim can be attributed to.
_NOT_OUTLETS = {"itk", "fc barcelona"}


@dataclass(eq=False)
class Source:
    """An outlet or journalist while the build merges its sources (mutable on purpose)."""

    id: str
    name: str
    kind: str  # "outlet" or "journalist"
    aliases: dict[str, str] = field(default_factory=dict)  # alias text -> alias kind
    domains: list[str] = field(default_factory=list)
    language: str = ""
    country: str = ""
    category: str = ""  # newspaper, broadcaster, website, platform, aggregator...
    tier: str = ""
    handle: str = ""
    employers: list[str] = field(default_factory=list)
    corpus_items: int = 0
    provenance: set[str] = field(default_factory=set)
    removed: bool = False
    name_is_common: bool = False  # the name is also an everyday word ("Sport", "Express")

    def add_alias(self, text: str, kind: str) -> None:
        """Record a surface form, keeping the first (most specific) kind given for it."""
        text = " ".join(text.split())
        if text and text != self.name and normalise_alias(text):
            self.aliases.setdefault(text, kind)


@dataclass
class MediaTables:
    """Everything the media step produces."""

    outlets: dict[str, Source]
    journalists: dict[str, Source]
    labels: list[tuple[str, tuple[str, ...], int]]  # printed label, chain of ids, corpus items
    tier_events: list[tuple[str, str, str, str, str]]  # id, date, type, previous, next


class _Index:
    """Lookup of sources by normalised name/alias, domain and handle."""

    def __init__(self) -> None:
        self.names: dict[str, list[Source]] = defaultdict(list)
        self.domains: dict[str, Source] = {}
        self.handles: dict[str, Source] = {}

    def add(self, source: Source) -> None:
        for text in (source.name, *source.aliases):
            key = normalise_alias(text)
            if key and source not in self.names[key]:
                self.names[key].append(source)
        for domain in source.domains:
            self.domains.setdefault(domain, source)
        if source.handle:
            self.handles.setdefault(source.handle.casefold(), source)

    def by_name(self, text: str) -> Source | None:
        found = self.names.get(normalise_alias(text), [])
        return found[0] if found else None


def _load_curated(curated_dir: Path) -> tuple[dict[str, Source], dict[str, Source]]:
    outlets: dict[str, Source] = {}
    for row in read_table(curated_dir / "outlets.tsv").rows:
        source = Source(
            row["id"],
            row["name"],
            "outlet",
            language=row["language"],
            country=row["country"],
            category=row["kind"],
        )
        source.domains = [clean_domain(d) for d in split_list(row["domains"])]
        for alias in split_list(row["aliases"]):
            source.add_alias(alias, "alternate")
        source.provenance.add("curated")
        outlets[source.id] = source
    journalists: dict[str, Source] = {}
    for row in read_table(curated_dir / "journalists.tsv").rows:
        source = Source(
            row["id"],
            row["name"],
            "journalist",
            language=row["language"],
            country=row["country"],
            handle=row["handle"],
            category="journalist",
        )
        source.employers = [row["employer"]] if row["employer"] else []
        for alias in split_list(row["aliases"]):
            source.add_alias(alias, "short" if " " not in alias else "alternate")
        source.provenance.add("curated")
        journalists[source.id] = source
    return outlets, journalists


def build_media(curated_dir: Path, media_dir: Path) -> MediaTables:
    """Merge curated outlets/journalists with barca-reddit and every corpus source label."""
    outlets, journalists = _load_curated(curated_dir)
    outlet_index, journalist_index = _Index(), _Index()
    for source in outlets.values():
        outlet_index.add(source)
    for source in journalists.values():
        journalist_index.add(source)
    data = json.loads((media_dir / "barca-reddit" / "sources.json").read_text(encoding="utf-8"))
    reddit_ids: dict[str, str] = {}
    for entry in sorted(data["sources"], key=lambda e: (e["name"], e["id"])):
        merged = _merge_reddit(entry, outlets, journalists, outlet_index, journalist_index)
        if merged is not None:
            reddit_ids[entry["id"]] = merged.id
    tier_events = sorted(
        (
            reddit_ids[u["source_id"]],
            u["update_date"],
            u["type"],
            u["prev_tier"] or "",
            u["next_tier"] or "",
        )
        for u in data.get("updates", [])
        if u["source_id"] in reddit_ids
    )
    labels = _read_labels(
        media_dir / "outlets_in_corpus.tsv", outlets, journalists, outlet_index, journalist_index
    )
    for outlet in outlets.values():
        if not outlet.country:
            # Only a country-code domain says where an outlet is ("sport.es"); ".com" says nothing.
            found = {c for c in map(country_of_domain, outlet.domains) if c}
            outlet.country = found.pop() if len(found) == 1 else ""
        if not outlet.language and outlet.category != "platform":
            outlet.language = _COUNTRY_LANGUAGE.get(outlet.country, "")
    return MediaTables(outlets, journalists, labels, tier_events)


def _merge_reddit(
    entry: dict[str, object],
    outlets: dict[str, Source],
    journalists: dict[str, Source],
    outlet_index: _Index,
    journalist_index: _Index,
) -> Source | None:
    name = str(entry["name"]).strip()
    handles = [str(h["handle"]) for h in entry.get("handles") or []]  # type: ignore[attr-defined]
    domains = [clean_domain(str(d)) for d in entry.get("domains") or []]  # type: ignore[attr-defined]
    kind = str(entry["type"])
    if kind == "media" and not handles and not domains:
        return None  # a category ("Twitter ITKs"), not a source
    is_outlet = kind == "media"
    index = outlet_index if is_outlet else journalist_index
    table = outlets if is_outlet else journalists
    source = index.by_name(name) or next(
        (index.handles[h.casefold()] for h in handles if h.casefold() in index.handles), None
    )
    if source is None and is_outlet:
        owned = [outlet_index.domains[d] for d in domains if d in outlet_index.domains]
        if owned and normalise_alias(owned[0].name) in normalise_alias(name):
            source = owned[0]
    if source is None:
        prefix = "outlet" if is_outlet else "journalist"
        source = Source(
            f"{prefix}:{slugify(name)}",
            name,
            prefix,
            category="aggregator" if kind == "aggregator" else "",
        )
        table[source.id] = source
    elif name != source.name:
        source.add_alias(name, "alternate")
    source.tier = source.tier or str(entry["tier"])
    source.removed = bool(entry.get("removed"))
    source.name_is_common = bool(entry.get("name_is_common"))
    source.provenance.add("barca-reddit")
    if handles and not source.handle:
        source.handle = handles[0]
    for alias in entry.get("aliases") or []:  # type: ignore[attr-defined]
        source.add_alias(str(alias["alias"]), "short")
    for domain in domains:
        if domain not in outlet_index.domains and domain not in source.domains:
            source.domains.append(domain)
    for org in entry.get("orgs") or []:  # type: ignore[attr-defined]
        org_name = str(org).strip()
        if normalise_alias(org_name) in _NOT_OUTLETS:
            continue
        employer = outlet_index.by_name(org_name)
        if employer is None:
            employer = Source(f"outlet:{slugify(org_name)}", org_name, "outlet")
            employer.provenance.add("barca-reddit")
            outlets.setdefault(employer.id, employer)
            employer = outlets[employer.id]
            outlet_index.add(employer)
        if employer.id not in source.employers:
            source.employers.append(employer.id)
    index.add(source)
    return source


def _read_labels(
    path: Path,
    outlets: dict[str, Source],
    journalists: dict[str, Source],
    outlet_index: _Index,
    journalist_index: _Index,
) -> list[tuple[str, tuple[str, ...], int]]:
    table = read_table(path)
    labels: list[tuple[str, tuple[str, ...], int]] = []
    for row in table.rows:
        label = row["label_as_printed"].strip()
        domains = [clean_domain(d) for d in split_list(row["web_domains"].replace(",", "|"))]
        items = int(row["items_in_corpus"] or 0)
        chain: list[Source] = []
        if not label:
            for domain in domains:
                chain.append(_outlet_for_domain(domain, outlets, outlet_index))
        else:
            parts = parse_source_label(label)
            for part in parts:
                only_domain = domains[0] if len(parts) == 1 and len(domains) == 1 else None
                source = _resolve_part(
                    part.text,
                    part.is_handle,
                    part.is_domain,
                    only_domain,
                    outlets,
                    journalists,
                    outlet_index,
                    journalist_index,
                )
                source.add_alias(part.raw, "printed")
                if part.language and not source.language and source.kind == "outlet":
                    source.language = part.language
                if part.text != part.raw:
                    source.add_alias(part.text, "printed")
                chain.append(source)
            if len(parts) == 1 and chain:
                chain[0].add_alias(label, "printed")
        for source in dict.fromkeys(chain):
            source.corpus_items += items
        if chain:
            labels.append((label or "|".join(domains), tuple(s.id for s in chain), items))
    return sorted(labels)


def _outlet_for_domain(domain: str, outlets: dict[str, Source], index: _Index) -> Source:
    if domain in index.domains:
        return index.domains[domain]
    source = Source(
        f"outlet:{slugify(domain)}", domain, "outlet", domains=[domain], category="website"
    )
    source.provenance.add("corpus")
    outlets[source.id] = source
    index.add(source)
    return source


def _resolve_part(
    text: str,
    is_handle: bool,
    is_domain: bool,
    only_domain: str | None,
    outlets: dict[str, Source],
    journalists: dict[str, Source],
    outlet_index: _Index,
    journalist_index: _Index,
) -> Source:
    if is_handle:
        key = text.casefold()
        found = journalist_index.handles.get(key) or outlet_index.handles.get(key)
        found = found or journalist_index.by_name(text) or outlet_index.by_name(text)
        found = found or _name_inside(text, journalist_index)
        if found is None:
            found = Source(
                f"journalist:x-{slugify(text)}", text, "journalist", handle=text, category="account"
            )
            found.provenance.add("corpus")
            journalists[found.id] = found
            journalist_index.add(found)
        return found
    if is_domain:
        domain = clean_domain(only_domain or text)
        return _outlet_for_domain(domain, outlets, outlet_index)
    found = outlet_index.by_name(text) or journalist_index.by_name(text)
    # "Christian Falk, head of football at Bild": a known name inside a descriptive label.
    found = found or _name_inside(text, journalist_index) or _name_inside(text, outlet_index)
    if found is None and only_domain and only_domain in outlet_index.domains:
        found = outlet_index.domains[only_domain]
    if found is None:
        found = Source(f"outlet:{slugify(text)}", text, "outlet", category="")
        found.provenance.add("corpus")
        if only_domain and only_domain not in outlet_index.domains:
            found.domains.append(only_domain)
        outlets.setdefault(found.id, found)
        found = outlets[found.id]
        outlet_index.add(found)
    return found


def _name_inside(text: str, index: _Index) -> Source | None:
    """The longest known multi-word name inside a descriptive label ("Italian journalist X")."""
    padded = f" {normalise_alias(text)} "
    best: tuple[int, str] | None = None
    for key in index.names:
        if " " in key and f" {key} " in padded and (best is None or len(key) > best[0]):
            best = (len(key), key)
    return index.names[best[1]][0] if best else None

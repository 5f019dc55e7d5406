"""An entity's attributes as lines people read (`mercato kb show`), not Python values."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

# Attribute names as a reader would write them; the rest lose their underscores.
_LABELS = {
    "country_code": "country code",
    "transfermarkt_id": "Transfermarkt id",
    "wikidata": "Wikidata",
    "worldcup_id": "World Cup id",
    "world_cups": "World Cups",
    "national_teams": "national teams",
    "birth_date": "born",
}
_INDENT = "  "


def attribute_lines(
    attributes: Mapping[str, object], name_of: Callable[[str], str] = str
) -> Iterator[str]:
    """One line per attribute ("prominence: 68", "national teams: Belgium"), nested values below.

    `name_of` turns a knowledge-base id ("club:arsenal-fc") into its name; empty values are left out.
    """
    for key, value in attributes.items():
        if value in (None, "", (), [], {}):
            continue
        label = _LABELS.get(key, key.replace("_", " "))
        if key == "moves" and isinstance(value, list):
            yield f"{_INDENT}{label}:"
            for move in value:
                yield f"{_INDENT * 2}{_move_text(move, name_of)}"
        elif isinstance(value, Mapping):
            yield f"{_INDENT}{label}:"
            for sub_key, sub_value in value.items():
                yield f"{_INDENT * 2}{sub_key}: {value_text(sub_value, name_of)}"
        else:
            yield f"{_INDENT}{label}: {value_text(value, name_of)}"


def value_text(value: object, name_of: Callable[[str], str] = str) -> str:
    """One value as text: numbers rounded, lists joined with commas, ids replaced by names."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.1f}".removesuffix(".0")
    if isinstance(value, str):
        return name_of(value) if _is_entity_id(value) else value
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(value_text(item, name_of) for item in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {value_text(v, name_of)}" for k, v in value.items())
    return str(value)


def _move_text(move: object, name_of: Callable[[str], str]) -> str:
    if not isinstance(move, Mapping):
        return value_text(move, name_of)
    origin = value_text(move.get("from") or "?", name_of)
    destination = value_text(move.get("to") or "?", name_of)
    return f"{move.get('date') or 'undated'}  {origin} -> {destination}"


def _is_entity_id(text: str) -> bool:
    kind, _, rest = text.partition(":")
    return bool(rest) and kind.isalpha() and kind.islower() and " " not in text

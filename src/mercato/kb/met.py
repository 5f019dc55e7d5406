"""People Mercato meets in articles: each becomes an entity the store keeps.

A person the knowledge base already knows keeps its id; one it does not know gets an id from
his fullest name ("person:theo-marchand"), with the forms the articles used as aliases and the
first date he was met. What the articles say about him stays in the claims that name him.
"""

from __future__ import annotations

from collections.abc import Iterable

from mercato.domain import Alias, Entity, EntityKind, Extraction
from mercato.kb.normalise import slugify

# The kinds of mention that name a person (the knowledge base sits below extraction, so it keeps
# its own list rather than importing extraction's).
PERSON_KINDS = frozenset({EntityKind.PLAYER, EntityKind.MANAGER, EntityKind.PERSON})


def met_entity_id(label: str) -> str:
    """The id of a person known only from articles."""
    return f"person:{slugify(label)}"


def people_met(extractions: Iterable[Extraction]) -> tuple[list[Entity], list[Alias]]:
    """Entities and aliases for every person the extractions name."""
    entities: dict[str, Entity] = {}
    aliases: set[Alias] = set()
    for extraction in extractions:
        published = extraction.article.published
        for mention in extraction.mentions:
            if mention.kind not in PERSON_KINDS or not mention.label.strip():
                continue
            entity_id = mention.entity_id or met_entity_id(mention.label)
            if entity_id not in entities:
                entities[entity_id] = Entity(
                    id=entity_id,
                    kind=mention.kind,
                    name=mention.label,
                    attributes={
                        "met_in_articles": True,
                        "first_met": published.isoformat() if published else None,
                    },
                )
            if mention.span.text != mention.label:
                aliases.add(Alias(entity_id, mention.span.text, "printed"))
            aliases.add(Alias(entity_id, mention.label, "name"))
    return list(entities.values()), sorted(aliases, key=lambda a: (a.entity_id, a.text))

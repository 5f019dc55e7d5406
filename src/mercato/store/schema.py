"""The store's tables, on one `metadata` that other concerns extend with their own modules.

Columns that a query filters on are flat; everything else a claim says lives in its JSON
`payload`, so a new field with a default on a domain class needs no migration. Schema changes
go through `mercato.store.migrations`. The `*_key`
columns hold case- and accent-folded names (see `mercato.store.keys`) so that "muller" finds
"Müller" on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),  # content hash (mercato.domain.article_id_for)
    Column("external_id", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Date),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("language", String(16), nullable=False, default="en"),
    Column("kind", String(32), nullable=False, default="article"),
    Column("source_path", Text),
    Column("meta", JSON, nullable=False, default=dict),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_articles_published", "published"),
    Index("ix_articles_outlet", "outlet"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(200), primary_key=True),  # knowledge-base id, e.g. "club:liverpool-fc"
    Column("kind", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("country", Text),
    Column("attributes", JSON, nullable=False, default=dict),
    Index("ix_entities_kind", "kind"),
)

aliases = Table(
    "aliases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(200), ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False),
    Column("normalised", Text, nullable=False),
    Column("kind", String(32), nullable=False, default="name"),
    UniqueConstraint("entity_id", "normalised", "kind", name="uq_aliases_entity_normalised_kind"),
    Index("ix_aliases_normalised", "normalised"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    # Not a foreign key: mentions may point at the shipped knowledge base, which need not be
    # copied into the `entities` table.
    Column("entity_id", String(200)),
    Column("label", Text, nullable=False),
    Index("ix_mentions_article", "article_id"),
    Index("ix_mentions_entity", "entity_id"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("claim_type", String(32), nullable=False),
    Column("extractor", String(100), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("span_text", Text, nullable=False),
    Column("outlet", Text),
    Column("published", Date),
    Column("person", Text),
    Column("person_id", String(200)),
    Column("from_club", Text),
    Column("from_club_id", String(200)),
    Column("to_club", Text),
    Column("to_club_id", String(200)),
    Column("status", String(16)),
    Column("stage", String(32)),
    Column("is_loan", Boolean),
    Column("fee_amount", Float),
    Column("fee_currency", String(8)),
    Column("window", String(32)),
    Column("source", Text),  # the original attribution (Attribution.original)
    Column("person_key", Text),
    Column("from_club_key", Text),
    Column("to_club_key", Text),
    Column("source_key", Text),
    Column("outlet_key", Text),
    Column("payload", JSON, nullable=False),
    Index("ix_claims_article", "article_id"),
    Index("ix_claims_type_published", "claim_type", "published"),
    Index("ix_claims_published", "published"),  # the store's newest day, asked by every page
    Index("ix_claims_person_key", "person_key"),
    Index("ix_claims_to_club_key", "to_club_key"),
    Index("ix_claims_person_id", "person_id"),
)

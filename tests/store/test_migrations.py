"""Schema migrations: strict registry, fresh stores stamped, old stores brought up to date."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import (
    Column,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    inspect,
    text,
)

from mercato.errors import RegistryError
from mercato.store import schema
from mercato.store.migrations import applied, pending, upgrade
from mercato.store.migrations import registry as migration_registry
from mercato.store.migrations.registry import add_column, create_index, migration, registered


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    engine = create_engine(store_url)
    yield engine
    engine.dispose()


def _index_names(engine: Engine, table: str) -> set[str]:
    return {ix["name"] for ix in inspect(engine).get_indexes(table) if ix["name"]}


def test_a_new_store_gets_every_table_and_records_every_migration(engine: Engine) -> None:
    ran = upgrade(engine)
    assert ran == [m.name for m in registered()]  # every store runs every step once
    tables = set(inspect(engine).get_table_names())
    assert set(schema.metadata.tables) <= tables
    assert [m.name for m in applied(engine)] == [m.name for m in registered()]
    assert pending(engine) == []


def test_upgrading_twice_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    before = applied(engine)
    assert before
    assert upgrade(engine) == []
    assert applied(engine) == before


def test_a_store_older_than_the_migrations_is_brought_up_to_date(engine: Engine) -> None:
    # A store made by plain create_all before migrations existed, and missing an index that a
    # migration adds: every step runs, each tolerating what is already there.
    schema.metadata.create_all(engine)
    indexed = [ix for table in schema.metadata.tables.values() for ix in table.indexes]
    victim = indexed[-1]
    with engine.begin() as connection:
        victim.drop(connection)
    assert victim.name not in _index_names(engine, victim.table.name)
    assert pending(engine) == [m.name for m in registered()]
    ran = upgrade(engine)
    assert ran == [m.name for m in registered()]
    assert pending(engine) == []
    # upgrade puts back the indexes the metadata declares and an old store lacks
    assert victim.name in _index_names(engine, victim.table.name)


def test_helpers_tolerate_meeting_their_own_result(engine: Engine) -> None:
    scratch = MetaData()
    table = Table("scratch", scratch, Column("id", Integer, primary_key=True))
    scratch.create_all(engine)
    with engine.begin() as connection:
        add_column(connection, "scratch", Column("label", String(20)))
        add_column(connection, "scratch", Column("label", String(20)))
        index = Index("ix_scratch_label", table.c.id)
        create_index(connection, index)
        create_index(connection, index)
    assert "label" in {c["name"] for c in inspect(engine).get_columns("scratch")}
    assert "ix_scratch_label" in _index_names(engine, "scratch")


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("add_indexes", "no number"),
        ("1_add_indexes", "number not four digits"),
        ("0001-Add-Indexes", "not lower snake case"),
        ("0001_baseline", "already registered"),
        ("0099_far_ahead", "leaves a gap"),
    ],
)
def test_the_registry_refuses_a_badly_named_migration(name: str, why: str) -> None:
    before = registered()
    with pytest.raises(RegistryError):
        migration(name)(lambda connection: None)
    assert registered() == before, why


def test_registered_migrations_are_numbered_one_by_one() -> None:
    numbers = [m.number for m in migration_registry.registered()]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(m.description for m in registered())


def test_postgresql_gets_its_own_indexes(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("trigram and NULLS LAST indexes are PostgreSQL's; SQLite needs neither")
    upgrade(engine)
    names = _index_names(engine, "claims")
    assert {"ix_claims_person_key_trgm", "ix_claims_to_club_key_trgm"} <= names
    if inspect(engine).has_table("board_keys"):
        assert "ix_board_keys_latest" in _index_names(engine, "board_keys")


def test_substring_search_on_postgresql_uses_the_trigram_index(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL's")
    upgrade(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")  # a tiny table: force it
        plan = "\n".join(
            row[0]
            for row in connection.execute(
                text("EXPLAIN SELECT id FROM claims WHERE person_key LIKE :pattern"),
                {"pattern": "%verhoek%"},
            )
        )
    assert "ix_claims_person_key_trgm" in plan

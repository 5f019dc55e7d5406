"""Near-duplicate links in the store: which article is a syndicated copy of which original.

Three tables on the store's `metadata`: `article_copies` (a copy and its original, each copy
pointing straight at the original), `copy_signatures` (each article's MinHash signature, with
its date and the order it was seen) and `copy_bands` (the LSH band keys, indexed, so that a new
article's candidates are found by one query however large the store grows). The detection
itself is `mercato.ingest.copies`; this module only keeps its results.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    delete,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import SQLAlchemyError

from mercato.domain import Article
from mercato.errors import StoreError
from mercato.ingest.copies import (
    THRESHOLD,
    CopyLink,
    Signature,
    band_keys,
    earliest,
    signature_of,
)
from mercato.store import Store
from mercato.store.database import database_reason
from mercato.store.schema import metadata

article_copies = Table(
    "article_copies",
    metadata,
    Column(
        "article_id",
        String(64),
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "original_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    ),
    Column("similarity", Float, nullable=False),
    Index("ix_article_copies_original", "original_id"),
)

copy_signatures = Table(
    "copy_signatures",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), nullable=False, unique=True),
    Column("published", Date),
    Column("hashvalues", LargeBinary, nullable=False),
)

copy_bands = Table(
    "copy_bands",
    metadata,
    Column("article_id", String(64), nullable=False),
    # "band:key" in one indexed column: a plain IN over it uses the index on every database,
    # where a row-value IN over (band, key) makes SQLite scan the table.
    Column("bucket", String(48), nullable=False),
    Index("ix_copy_bands_bucket", "bucket"),
)

_TABLES = (article_copies, copy_signatures, copy_bands)
_IN_CHUNK = 400


def ensure_tables(store: Store) -> None:
    """Create the copy tables in a store opened before this module was imported."""
    with store.engine.begin() as conn:
        for table in _TABLES:
            table.create(conn, checkfirst=True)


def _signatures(conn: Connection, ids: Iterable[str]) -> dict[str, Signature]:
    """The stored signatures of these articles."""
    ids = sorted(set(ids))
    found: dict[str, Signature] = {}
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        rows = conn.execute(select(copy_signatures).where(copy_signatures.c.article_id.in_(chunk)))
        for row in rows:
            found[row.article_id] = Signature(
                article_id=row.article_id,
                hashvalues=Signature.values_from_bytes(row.hashvalues),
                published=row.published,
                seq=row.seq,
            )
    return found


def _buckets(keys: Sequence[tuple[int, str]]) -> list[str]:
    return [f"{band}:{key}" for band, key in keys]


def _candidates(conn: Connection, keys: Sequence[tuple[int, str]], own_id: str) -> set[str]:
    """Articles sharing at least one band key with the given keys."""
    if not keys:
        return set()
    query = select(copy_bands.c.article_id).where(copy_bands.c.bucket.in_(_buckets(keys)))
    return {row for row in conn.scalars(query.distinct()) if row != own_id}


def _originals(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """For each of these articles that is a copy, its original."""
    ids = sorted(set(ids))
    found: dict[str, str] = {}
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        query = select(article_copies.c.article_id, article_copies.c.original_id).where(
            article_copies.c.article_id.in_(chunk)
        )
        found.update({row.article_id: row.original_id for row in conn.execute(query)})
    return found


def _index(conn: Connection, article: Article, threshold: float) -> list[CopyLink]:
    """Store one article's signature and link its group; returns the links it wrote."""
    if conn.scalar(select(copy_signatures.c.seq).where(copy_signatures.c.article_id == article.id)):
        return []
    probe = signature_of(article)
    if probe is None:
        return []
    result = conn.execute(
        insert(copy_signatures).values(
            article_id=article.id, published=article.published, hashvalues=probe.to_bytes()
        )
    )
    inserted = result.inserted_primary_key
    if inserted is None:  # pragma: no cover - every supported database returns the new key
        raise StoreError(f"no sequence number for the signature of {article.id}")
    seq = int(inserted[0])
    sig = Signature(article.id, probe.hashvalues, article.published, seq)
    keys = band_keys(sig, threshold)
    candidates = _candidates(conn, keys, article.id)
    conn.execute(
        insert(copy_bands), [{"article_id": article.id, "bucket": b} for b in _buckets(keys)]
    )
    known = _signatures(conn, candidates)
    matches = [s for s in known.values() if sig.similarity(s) >= threshold]
    if not matches:
        return []
    originals = _originals(conn, (m.article_id for m in matches))
    roots = {originals.get(m.article_id, m.article_id) for m in matches}
    members = set(roots)
    members.update(
        conn.scalars(
            select(article_copies.c.article_id).where(article_copies.c.original_id.in_(roots))
        )
    )
    group = list(_signatures(conn, members).values()) + [sig]
    root = earliest(group)
    links = [
        CopyLink(m.article_id, root.article_id, round(m.similarity(root), 4))
        for m in group
        if m.article_id != root.article_id
    ]
    ids = [m.article_id for m in group]
    conn.execute(delete(article_copies).where(article_copies.c.article_id.in_(ids)))
    conn.execute(
        insert(article_copies),
        [
            {
                "article_id": link.article_id,
                "original_id": link.original_id,
                "similarity": link.similarity,
            }
            for link in links
        ],
    )
    return links


# Any constant; the same in every Mercato process (the migrations' lock uses another).
_PG_COPY_LOCK_KEY = 0x4D435059  # "MCPY"


def index_copies(
    conn: Connection, articles: Iterable[Article], threshold: float = THRESHOLD
) -> list[CopyLink]:
    """Inside the caller's transaction: index stored articles and link copies.

    Two writers indexing at once would each miss the other's uncommitted signatures (and a copy
    of a copy would go unlinked), so on PostgreSQL indexing is serialised by a lock held to the
    end of the transaction; SQLite already lets one writer in at a time.
    """
    articles = list(articles)
    if not articles:
        return []
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_COPY_LOCK_KEY})
    written: dict[str, CopyLink] = {}
    for article in articles:
        for link in _index(conn, article, threshold):
            written[link.article_id] = link
    return sorted(written.values(), key=lambda link: link.article_id)


def link_copies(
    store: Store, articles: Iterable[Article], threshold: float = THRESHOLD
) -> list[CopyLink]:
    """Index stored articles for copy detection and link copies; one transaction per call."""
    ensure_tables(store)
    try:
        with store.engine.begin() as conn:
            return index_copies(conn, articles, threshold)
    except SQLAlchemyError as exc:
        raise StoreError(f"could not link copies: {database_reason(exc)}") from exc


def unindexed(store: Store, ids: Iterable[str]) -> set[str]:
    """Those of these stored articles that have no copy signature (never indexed, or too short)."""
    wanted = set(ids)
    if not wanted:
        return set()
    with store.engine.connect() as conn:
        return wanted - set(_signatures(conn, wanted))


def original_of(store: Store, article_id: str) -> str:
    """The article that `article_id` counts as: its original if it is a copy, else itself."""
    with store.engine.connect() as conn:
        found = conn.scalar(
            select(article_copies.c.original_id).where(article_copies.c.article_id == article_id)
        )
    return str(found) if found else article_id


def is_copy(store: Store, article_id: str) -> bool:
    """True when the article is a near-duplicate of an earlier one."""
    return original_of(store, article_id) != article_id


def copies_of(store: Store, original_id: str) -> list[CopyLink]:
    """The copies linked to an original, most similar first."""
    query = (
        select(article_copies)
        .where(article_copies.c.original_id == original_id)
        .order_by(article_copies.c.similarity.desc(), article_copies.c.article_id)
    )
    with store.engine.connect() as conn:
        return [CopyLink(r.article_id, r.original_id, r.similarity) for r in conn.execute(query)]


def count_copies(store: Store) -> int:
    """How many stored articles are copies."""
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(article_copies)) or 0)

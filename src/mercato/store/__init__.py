"""The store: the only layer that speaks SQL (SQLAlchemy Core; SQLite by default, PostgreSQL too).

Open one with `Store.open(url)` (a context manager), write with `add_extractions`, read back
domain objects with `get_article`, `articles`, `transfer_claims` and `claims`.
"""

from mercato.store.database import AddResult, Store, StoredClaim

__all__ = ["AddResult", "Store", "StoredClaim"]

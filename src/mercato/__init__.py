"""Mercato: football transfer news turned into a trustworthy, queryable record."""

__version__ = "0.1.0"

"""Ingest: read files (seed text, plain text, JSON Lines, and formats that plug in) into Articles.

`mercato.ingest.readers` holds the reader registry; `mercato.pipeline` runs ingest, extraction
and storage together.
"""

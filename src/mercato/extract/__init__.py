"""Extraction: recognise names, link them, and read claims out of an article."""

"""Mercato's exceptions.

    MercatoError
    ├── ConfigurationError      settings or environment are unusable
    ├── IngestError             one input could not be read or parsed (names file and reason)
    │   └── UnsupportedFormat   no reader handles this input
    ├── KnowledgeBaseError      the knowledge base is missing or inconsistent
    ├── RegistryError           an extractor was registered wrongly
    ├── StoreError              the database refused an operation
    ├── GoldFormatError         a gold or prediction file breaks eval/SPEC.md
    └── NotFound                a story, person, club or article asked for does not exist

The CLI maps these to exit codes in one place (`mercato.cli`), the API to HTTP statuses
(`mercato.api`).
"""

from __future__ import annotations


class MercatoError(Exception):
    """Base of every error Mercato raises on purpose."""


class ConfigurationError(MercatoError):
    """Settings or environment are unusable."""


class IngestError(MercatoError):
    """One input could not be read or parsed."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnsupportedFormat(IngestError):
    """No reader handles this input."""


class KnowledgeBaseError(MercatoError):
    """The knowledge base is missing or inconsistent."""


class RegistryError(MercatoError):
    """An extractor was registered wrongly."""


class StoreError(MercatoError):
    """The database refused an operation."""


class GoldFormatError(MercatoError):
    """A gold or prediction file breaks the evaluation format."""


class NotFound(MercatoError):
    """Something asked for does not exist."""

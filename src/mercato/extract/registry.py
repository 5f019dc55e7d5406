"""A small, strict registry of extractors with versioned names.

Built-in extractors register themselves exactly as a third-party one would; the registered
name (e.g. ``"transfer.rules.v1"``) is stored with every claim so that a stored claim always
says what produced it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mercato.domain import Claim
from mercato.errors import RegistryError
from mercato.extract.context import ArticleContext

ClaimExtractor = Callable[[ArticleContext], Sequence[Claim]]

_NAME = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_]+\.v[0-9]+$")


@dataclass(frozen=True)
class RegisteredExtractor:
    name: str  # "<claim kind>.<method>.v<version>"
    extract: ClaimExtractor
    order: int  # run order; lower first


_REGISTRY: dict[str, RegisteredExtractor] = {}


def register(name: str, *, order: int = 100) -> Callable[[ClaimExtractor], ClaimExtractor]:
    """Register a claim extractor under a versioned name such as ``"fact.rules.v1"``."""
    if not _NAME.match(name):
        raise RegistryError(f"extractor name {name!r} must look like 'kind.method.v1'")

    def decorate(func: ClaimExtractor) -> ClaimExtractor:
        existing = _REGISTRY.get(name)
        if existing is not None and existing.extract is not func:
            raise RegistryError(f"extractor {name!r} is already registered")
        _REGISTRY[name] = RegisteredExtractor(name, func, order)
        return func

    return decorate


def registered() -> list[RegisteredExtractor]:
    """All registered extractors in run order."""
    load_builtin_extractors()
    return sorted(_REGISTRY.values(), key=lambda r: (r.order, r.name))


BUILTIN_MODULES: tuple[str, ...] = (
    "mercato.extract.learned",
    "mercato.extract.squad_lists",
    "mercato.extract.facts",
    "mercato.extract.contracts",
    "mercato.extract.quotes",
    "mercato.extract.matches",
)


def load_builtin_extractors() -> None:
    """Import the built-in extractor modules so that they register themselves."""
    import importlib

    for module in BUILTIN_MODULES:
        importlib.import_module(module)

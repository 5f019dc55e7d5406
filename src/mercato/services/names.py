"""Which stored person or club keys a name asks for, as a reader or a link writes the name.

A story is kept under the key its claims share and shown under its fullest name: "Rodrigo de
Paul" under "rodrigo", "Erling Braut Haaland" under "erling haaland". A page reached by the shown
name must find the story all the same, so a name is looked up as a key, then as part of a key,
then as a shown name (last: the saved stories answer the first two from an index).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

# Moves into a club, or out of it.
Direction = Literal["in", "out"]


def keys_asked(
    wanted: str, key: Callable[[str], str], stored: Iterable[tuple[str, str | None]]
) -> set[str]:
    """The keys `wanted` asks for among `stored` (each story's key and shown name): the exact key
    when stored; else every key containing it; else the keys of the stories shown under that name.
    """
    exact = key(wanted)
    if not exact:
        return set()
    pairs = [(k, shown) for k, shown in stored if k]
    keys = {k for k, _ in pairs}
    if exact in keys:
        return {exact}
    containing = {k for k in keys if exact in k}
    return containing or {k for k, shown in pairs if shown and key(shown) == exact}


def moves_asked(into: bool, out_of: bool, direction: Direction | None) -> bool:
    """Whether a move into (`into`) or out of (`out_of`) the club asked for is wanted: either,
    or only one way. A move is incoming when its destination is the club, whatever it left."""
    if direction == "in":
        return into
    if direction == "out":
        return out_of and not into
    return into or out_of

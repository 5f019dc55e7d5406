"""Inputs the adversarial tests generate: invented transfer stories, never corpus text."""

from __future__ import annotations

from mercato.domain import Article, Extraction

CLUBS = ["Northfield Rovers", "Lakeside", "Harbour Town", "Eastgate", "Westbury Athletic",
         "Kingsmoor", "Ashcombe United", "Riverside"]  # fmt: skip
FIRST = ["Tomas", "Jamal", "Pietro", "Lars", "Kofi", "Mateo", "Ivan", "Oscar", "Rui", "Yusuf"]
LAST = ["Varga", "Okafor", "Lindholm", "Serrano", "Duarte", "Kowal", "Brandt", "Ferreira"]
MOVES = [
    "are interested in signing {p} from {a}",
    "have opened talks with {a} over a move for {p}",
    "have had a bid rejected by {a} for {p}",
    "have agreed a fee with {a} for {p}",
]


def person(i: int) -> str:
    """The i-th invented player."""
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"


def story(i: int) -> str:
    """The i-th invented report: a distinct text naming a player and two clubs."""
    buyer, seller = CLUBS[i % len(CLUBS)], CLUBS[(i * 3 + 1) % len(CLUBS)]
    if buyer == seller:
        seller = CLUBS[(i + 1) % len(CLUBS)]
    move = MOVES[i % len(MOVES)].format(p=person(i), a=seller)
    return (
        f"{buyer} {move}, according to reports on matchday {i}. The player has made {i % 40} "
        f"appearances this season and has {1 + i % 4} years left on his contract."
    )


def without_extraction(article: Article) -> Extraction:
    """An extractor that finds nothing: for tests about reading and storing only."""
    return Extraction(article, (), ())

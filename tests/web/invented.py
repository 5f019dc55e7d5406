"""Transfer news the project made up for the browser tests of player and club pages.

The players are invented, except one real goalkeeper whose name the knowledge base knows, so
that a player page's header can show age, position, club and market value at the page's day.
Clubs and outlets are real names, as the knowledge base knows them. The sentences are ours.
"""

from __future__ import annotations

import json
from pathlib import Path

ARTICLES: tuple[tuple[str, str, str], ...] = (
    # Into Aston Villa, each at another stage.
    (
        "2024-06-05",
        "Evening Standard",
        "Aston Villa are interested in Lyon midfielder Tarik Oyelaran, according to the Evening Standard.",
    ),
    (
        "2024-06-08",
        "Sky Sports",
        "Aston Villa have made a £20m bid for Porto winger Dario Castellvi, Sky Sports News understands.",
    ),
    (
        "2024-06-12",
        "The Times",
        "Aston Villa are in talks with Sevilla over defender Hugo Lindemann, the Times reports.",
    ),
    (
        "2024-06-20",
        "BBC Sport",
        "Aston Villa have completed the signing of Leandro Ferreyra from Valencia for £15m, per BBC Sport.",
    ),
    (
        "2024-06-22",
        "The Athletic",
        "Aston Villa are monitoring Benfica forward Yannick Obasi, according to The Athletic.",
    ),
    # Out of Aston Villa.
    (
        "2024-06-06",
        "Evening Standard",
        "Fulham are monitoring Aston Villa midfielder Oskar Brandvold, according to the Evening Standard.",
    ),
    (
        "2024-06-14",
        "Sky Sports",
        "Brentford have agreed a fee of £12m with Aston Villa for Kenji Arakawa, Sky Sports News understands.",
    ),
    (
        "2024-06-18",
        "BBC Sport",
        "Everton's move for Aston Villa striker Idris Kamaraoui has collapsed, per BBC Sport.",
    ),
    # One player: a move completed in the winter, then three open links in the summer.
    (
        "2024-01-24",
        "BBC Sport",
        "Ajax have completed the signing of Sander Voskuijlen from Heerenveen for €9m, per BBC Sport.\n\nThe 23-year-old midfielder has signed a four-year contract.",
    ),
    (
        "2024-06-02",
        "The Athletic",
        "Fulham are interested in Ajax midfielder Sander Voskuijlen, according to The Athletic.\n\nThe 24-year-old midfielder has two years left on his contract.",
    ),
    (
        "2024-06-09",
        "Sky Sports",
        "Wolves have made a £18m bid for Ajax midfielder Sander Voskuijlen, Sky Sports News understands.\n\nThe 24-year-old midfielder is valued at £25m by Ajax.",
    ),
    (
        "2024-06-16",
        "The Times",
        "Crystal Palace are in talks with Ajax over Sander Voskuijlen, the Times reports.\n\nThe 24-year-old midfielder is keen on a move to England.",
    ),
    # A real player, in a sentence the project wrote.
    (
        "2024-06-28",
        "Evening Standard",
        "Southampton are in talks with Arsenal over goalkeeper Aaron Ramsdale, according to the Evening Standard.",
    ),
)


def write_invented(directory: Path) -> Path:
    """Write the articles as one JSON Lines file in `directory`; returns its path."""
    path = directory / "invented.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number, (day, outlet, text) in enumerate(ARTICLES, start=1):
            record = {"id": f"invented-{number}", "date": day, "outlet": outlet, "text": text}
            out.write(json.dumps(record) + "\n")
    return path

"""A synthetic two-year rumour history: outlets with known hit rates, so a learner can be checked."""

from __future__ import annotations

import random
from datetime import date, timedelta

from storykit import claim

from mercato.domain import Stage, TransferClaim
from mercato.stories.names import window_for_date
from mercato.stories.outcomes import CompletedMove, CompletedTransfers

HIT_RATES = {"Reliable Post": 0.7, "Middling Times": 0.3, "Hopeless Gazette": 0.05}
CLUBS = ["Arsenal", "Chelsea", "Everton", "Leeds United", "Lyon", "Sevilla", "Napoli", "Ajax"]


def history(
    seed: int = 7, start: date = date(2020, 2, 3), end: date = date(2022, 6, 30), per_week: int = 4
) -> tuple[list[tuple[str, TransferClaim]], CompletedTransfers]:
    """Claims (some repeated by a second outlet, some advanced to a bid) and the moves that happened."""
    rng = random.Random(seed)
    claims: list[tuple[str, TransferClaim]] = []
    moves: list[CompletedMove] = []
    day, n = start, 0
    outlets = list(HIT_RATES)
    while day <= end:
        for _ in range(per_week):
            n += 1
            person, club = f"Testplayer Number{n}", rng.choice(CLUBS)
            outlet = rng.choice(outlets)
            happens = rng.random() < HIT_RATES[outlet]
            published = day + timedelta(days=rng.randrange(7))
            claims.append(claim(person, club, published.isoformat(), source=outlet, from_club="Elsewhere FC"))
            if rng.random() < (0.6 if happens else 0.2):
                later = published + timedelta(days=rng.randrange(1, 20))
                if window_for_date(later) == window_for_date(published):
                    stage = Stage.BID if rng.random() < 0.5 else Stage.TALKS
                    claims.append(claim(person, club, later.isoformat(), source=rng.choice(outlets), stage=stage))
            if happens:
                moves.append(CompletedMove(person, "Elsewhere FC", club, window_for_date(published)))
        day += timedelta(days=7)
    return claims, CompletedTransfers(moves)

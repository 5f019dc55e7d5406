"""One evaluation run: read a gold file, get predictions (extracted or given), score them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mercato.evaluation.gold import read_gold, read_predictions
from mercato.evaluation.names import ClubTable, clubs_path_for
from mercato.evaluation.predictions import Prediction, predict_all
from mercato.evaluation.scoring import Evaluation, score


def evaluate_file(
    gold_path: Path,
    *,
    predictions_path: Path | None = None,
    clubs_path: Path | None = None,
    workers: int = 1,
    on_done: Callable[[Prediction], None] | None = None,
) -> Evaluation:
    """Score Mercato's extraction (or a prediction file) against a gold file.

    Clubs are compared through `clubs.json` beside the gold file unless another table is
    given; without one, only by name.
    """
    records = read_gold(gold_path)
    notes: list[str] = []
    clubs_path = clubs_path or clubs_path_for(gold_path)
    if clubs_path.exists():
        clubs = ClubTable.load(clubs_path)
    else:
        clubs = ClubTable()
        notes.append(f"no club alias table at {clubs_path}: clubs compared by name only")
    if predictions_path is not None:
        return score(records, read_predictions(predictions_path), clubs, notes)
    predictions = predict_all(records, workers=workers, on_done=on_done)
    failed = [p.record_id for p in predictions if p.error]
    if failed:
        notes.append(f"extraction failed on {len(failed)} record(s), scored as empty")
    return score(records, [p.to_record() for p in predictions], clubs, notes)

"""`mercato train` and `mercato eval --cv`: from gold files to a model, its manifest and its scores."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mercato.evaluation.names import ClubTable
from mercato.evaluation.report import evaluation_to_dict
from mercato.evaluation.scoring import Evaluation
from mercato.extract.decision_model import DecisionModel
from mercato.training.crossval import cross_validate, evaluate_model
from mercato.training.examples import Prepared, candidate_recall, examples, prepare
from mercato.training.fit import fit_model
from mercato.training.gold_sets import GoldSet

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class TrainingResult:
    model: DecisionModel
    manifest: dict[str, Any]
    cv: Evaluation | None
    frozen: Evaluation | None


def _prepare(records: Any, stage: str, progress: Progress | None) -> list[Prepared]:
    total = len(records)
    done = 0

    def tick(_: object) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(stage, done, total)

    return prepare(records, on_done=tick)


def train(
    gold: GoldSet,
    clubs: ClubTable,
    *,
    cv_folds: int = 5,
    trained_on: date | None = None,
    progress: Progress | None = None,
) -> TrainingResult:
    """Fit the model on every trainable record; cross-validate it and score the frozen slice."""
    prepared = _prepare(gold.records, "reading gold", progress)
    frozen = _prepare(gold.frozen, "reading frozen slice", progress) if gold.frozen else []
    cv = None
    if cv_folds > 1:
        cv = cross_validate(
            prepared, clubs, cv_folds, on_fold=lambda f: progress and progress("cross-validating", f + 1, cv_folds)
        )
    model = fit_model(examples(prepared, clubs))
    frozen_eval = evaluate_model(frozen, model, clubs, ["frozen slice: never trained or tuned on"]) if frozen else None
    reachable, total = candidate_recall(prepared, clubs)
    manifest: dict[str, Any] = {
        "model_sha256": model.digest,
        "training_data_sha256": gold.digest,
        "trained_on": (trained_on or date.today()).isoformat(),
        "records": len(gold.records),
        "links": sum(len(r.links) for r in gold.records),
        "frozen_records": len(gold.frozen),
        "candidate_recall": round(reachable / total, 4) if total else None,
        "features": {name: len(head.weights) for name, head in model.heads.items()},
    }
    if cv is not None:
        manifest["cross_validation"] = {"folds": cv_folds, **_summary(cv)}
    if frozen_eval is not None:
        manifest["frozen_slice"] = _summary(frozen_eval)
    return TrainingResult(model, manifest, cv, frozen_eval)


def _summary(evaluation: Evaluation) -> dict[str, Any]:
    data = evaluation_to_dict(evaluation)
    return {
        "precision": data["precision"],
        "recall": data["recall"],
        "f1": data["f1"],
        "by_status": {k: v["f1"] for k, v in data["by_status"].items()},
        "fields": {k: v["accuracy"] for k, v in data["fields"].items()},
        "by_family": {k: v["f1"] for k, v in data["by_family"].items()},
    }


def write_model(result: TrainingResult, model_path: Path) -> Path:
    """Write the model and its manifest beside it; returns the manifest's path."""
    model_path.parent.mkdir(parents=True, exist_ok=True)
    model_path.write_bytes(result.model.to_bytes())
    manifest_path = model_path.with_name(model_path.stem + ".manifest.json")
    manifest_path.write_text(json.dumps(result.manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest_path

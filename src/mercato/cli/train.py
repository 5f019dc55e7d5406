"""`mercato train`: rebuild the link decision model from annotated records."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from mercato.cli.counts import counted

if TYPE_CHECKING:
    from mercato.evaluation.names import ClubTable
    from mercato.training.gold_sets import GoldSet
    from mercato.training.run import TrainingResult


def default_shared_dir() -> Path:
    """The shared data folder: $MERCATO_SHARED_DIR, else ../shared from here."""
    return Path(os.environ.get("MERCATO_SHARED_DIR", "../shared"))


def gold_options(when: str = "") -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The --shared and --annotations options of every command that reads all gold.

    `when` starts their help where they only matter with another option ("With --cv: ").
    """

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        command = click.option(
            "--annotations",
            "annotations_dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=Path("annotations/records"),
            show_default=True,
            help=f"{when}The project's own annotations: ids and links, joined with corpus texts.",
        )(command)
        return click.option(
            "--shared",
            "shared_dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=default_shared_dir,
            show_default="$MERCATO_SHARED_DIR or ../shared",
            help=f"{when}Folder with eval/ (dev.jsonl, train.jsonl, clubs.json) and corpus/articles.jsonl.",
        )(command)

    return decorate


def load_training_gold(
    shared_dir: Path, annotations_dir: Path, *, extra_gold: tuple[Path, ...] = (), clubs_path: Path | None = None
) -> tuple[GoldSet, ClubTable]:
    """All gold and the scorer's club table (`clubs.json` of the shared folder unless given)."""
    from mercato.evaluation.names import ClubTable
    from mercato.training.gold_sets import load_gold_set

    gold = load_gold_set(shared_dir, annotations_dir, extra_files=extra_gold)
    clubs_path = clubs_path or shared_dir / "eval" / "clubs.json"
    return gold, ClubTable.load(clubs_path) if clubs_path.exists() else ClubTable()


def train_with_progress(
    gold: GoldSet, clubs: ClubTable, *, cv_folds: int, trained_on: date | None = None, quiet: bool = False
) -> TrainingResult:
    """Fit (and cross-validate) the model, with a progress bar per stage on stderr."""
    from mercato.training.run import train

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True, disable=quiet) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done)

        return train(gold, clubs, cv_folds=cv_folds, trained_on=trained_on, progress=progress)


@click.command("train")
@gold_options()
@click.option(
    "--gold",
    "extra_gold",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Another gold file in the SPEC.md format (with texts) to learn from; repeatable.",
)
@click.option(
    "--out",
    "model_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the model [default: the one shipped in the package].",
)
@click.option("--cv", "cv_folds", type=click.IntRange(min=0), default=5, show_default=True,
              help="Cross-validation folds to report in the manifest (0: none).")
@click.option(
    "--date",
    "trained_on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The date written in the manifest [default: today].",
)
def train_command(
    shared_dir: Path,
    annotations_dir: Path,
    extra_gold: tuple[Path, ...],
    model_path: Path | None,
    cv_folds: int,
    trained_on: datetime | None,
) -> None:
    """Rebuild the link decision model from the gold files and the project's annotations.

    The same gold gives the same model file, byte for byte. Its manifest (beside it) records the
    digest of the training data, the date, and the cross-validated and frozen-slice scores.
    """
    from mercato.extract.decision_model import shipped_model_path
    from mercato.training.run import write_model

    gold, clubs = load_training_gold(shared_dir, annotations_dir, extra_gold=extra_gold)
    Console(stderr=True).print(f"training on {counted(len(gold.records), 'record')} ({len(gold.frozen)} frozen apart)")
    day = trained_on.date() if trained_on else date.today()
    result = train_with_progress(gold, clubs, cv_folds=cv_folds, trained_on=day)
    target = model_path or shipped_model_path()
    manifest_path = write_model(result, target)
    manifest = result.manifest
    click.echo(f"model: {target} (sha256 {manifest['model_sha256'][:12]})")
    click.echo(f"manifest: {manifest_path}")
    for name in ("cross_validation", "frozen_slice"):
        if name in manifest:
            m = manifest[name]
            click.echo(f"{name.replace('_', ' ')}: P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}")

"""`mercato extract` and `mercato eval`: extraction without the store, scored as SPEC.md says."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from mercato.cli import EXIT_PARTIAL
from mercato.cli.counts import counted
from mercato.cli.train import gold_options, load_training_gold, train_with_progress
from mercato.errors import MercatoError
from mercato.evaluation.gold import links_from_claims, record_to_dict
from mercato.evaluation.harness import evaluate_file
from mercato.evaluation.predictions import (
    Prediction,
    extract_record,
    extraction_to_dict,
    read_inputs,
)
from mercato.evaluation.report import evaluation_to_dict, render


def _parse_day(ctx: click.Context, param: click.Parameter, value: datetime | None) -> date | None:
    return value.date() if value else None


@click.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["gold", "json"]),
    default="gold",
    show_default=True,
    help="gold: one SPEC.md prediction line per article; json: every claim of every kind "
    "with its provenance, one JSON object per article.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Same as --format json.",
)
@click.option(
    "--date",
    "published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    callback=_parse_day,
    help="Publication date (YYYY-MM-DD) for text that does not give one.",
)
@click.option("--outlet", help="Outlet that published the text, when the file does not say.")
def extract_command(
    file: Path, output_format: str, as_json: bool, published: date | None, outlet: str | None
) -> None:
    """Extract claims from FILE and print them, without touching the store.

    FILE is a seed-format file (a first line ' date YYYY-MM-DD ' then the text), a plain text
    file, or a JSONL file of articles or gold records (one output line per record, keeping its
    id, date, outlet and text).
    """
    records = read_inputs(file, published=published, outlet=outlet)
    output_format = "json" if as_json else output_format
    failed = 0
    for record in records:
        try:
            extraction = extract_record(record)
        except MercatoError:
            raise
        except Exception as exc:  # noqa: BLE001  (one bad article is reported; the batch goes on)
            failed += 1
            click.echo(
                f"mercato: {record.id}: extraction failed ({type(exc).__name__}: {exc})", err=True
            )
            continue
        if output_format == "json":
            data = extraction_to_dict(extraction)
            data["article"]["external_id"] = record.id
        else:
            data = record_to_dict(record, links_from_claims(extraction.transfers))
        click.echo(json.dumps(data, ensure_ascii=False))
    if failed:
        sys.exit(EXIT_PARTIAL)


@click.command("eval")
@click.argument(
    "gold",
    metavar="[GOLD.jsonl]",
    required=False,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--cv",
    "cv_folds",
    type=click.IntRange(min=2),
    help="Cross-validate the learned model over all gold (the shared files and the project's "
    "annotations) in K folds grouped by record, and score the frozen slice; no GOLD needed.",
)
@gold_options(when="With --cv: ")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Also print every missed gold link, every extra prediction and every wrong field, "
    "with evidence.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes for extraction.",
)
@click.option(
    "--predictions",
    "predictions_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Score this SPEC.md prediction file instead of running Mercato's extraction.",
)
@click.option(
    "--clubs",
    "clubs_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Club alias table for the scorer [default: clubs.json beside GOLD].",
)
def eval_command(
    gold: Path | None,
    cv_folds: int | None,
    shared_dir: Path,
    annotations_dir: Path,
    as_json: bool,
    verbose: bool,
    workers: int,
    predictions_path: Path | None,
    clubs_path: Path | None,
) -> None:
    """Run extraction on the texts of GOLD.jsonl and score it against the gold links.

    Prints precision, recall and F1 over all links and per status, the accuracy of from,
    status, loan, fee and source on matched links, and the same by dataset family. Scoring
    follows ../shared/eval/SPEC.md; clubs are compared through the scorer's own alias table,
    never Mercato's knowledge base.

    With --cv K, the learned decision model is fitted K times, each time on all gold but one
    fold of records, and scored on that fold; the frozen slice is scored by a model fitted on
    everything else. These are the figures to trust: no record is scored by a model that saw it.
    """
    if cv_folds is not None:
        _cross_validate(cv_folds, shared_dir, annotations_dir, clubs_path, as_json=as_json, verbose=verbose)
        return
    if gold is None:
        raise click.UsageError("give GOLD.jsonl, or --cv K to cross-validate over all gold")
    if predictions_path is not None:
        evaluation = evaluate_file(gold, predictions_path=predictions_path, clubs_path=clubs_path)
    else:
        total = sum(1 for line in gold.open(encoding="utf-8", errors="replace") if line.strip())
        with _progress(total, quiet=as_json) as on_done:
            evaluation = evaluate_file(
                gold, clubs_path=clubs_path, workers=workers, on_done=on_done
            )
    if as_json:
        click.echo(json.dumps(evaluation_to_dict(evaluation, verbose=verbose), indent=2))
    else:
        render(evaluation, Console(), verbose=verbose)


def _cross_validate(
    folds: int, shared_dir: Path, annotations_dir: Path, clubs_path: Path | None, *, as_json: bool, verbose: bool
) -> None:
    gold, clubs = load_training_gold(shared_dir, annotations_dir, clubs_path=clubs_path)
    result = train_with_progress(gold, clubs, cv_folds=folds, quiet=as_json)
    assert result.cv is not None
    if as_json:
        data: dict[str, object] = {"cross_validation": evaluation_to_dict(result.cv, verbose=verbose)}
        if result.frozen is not None:
            data["frozen_slice"] = evaluation_to_dict(result.frozen, verbose=verbose)
        data["gold_sha256"] = gold.digest
        click.echo(json.dumps(data, indent=2))
        return
    out = Console()
    out.rule(f"{folds}-fold cross-validation over {counted(len(gold.records), 'record')}")
    render(result.cv, out, verbose=verbose)
    if result.frozen is not None:
        out.rule(f"frozen slice: {counted(len(gold.frozen), 'record')} never trained or tuned on")
        render(result.frozen, out, verbose=verbose)


@contextmanager
def _progress(total: int, *, quiet: bool) -> Iterator[Callable[[Prediction], None]]:
    """A progress bar on stderr; extraction failures are printed above it as they happen."""
    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    console = Console(stderr=True)
    with Progress(*columns, console=console, transient=True, disable=quiet or total < 2) as bar:
        task = bar.add_task("extract", total=total)

        def done(prediction: Prediction) -> None:
            if prediction.error:
                bar.console.print(
                    f"mercato: {prediction.record_id}: extraction failed ({prediction.error})",
                    soft_wrap=True,
                    markup=False,
                    highlight=False,
                )
            bar.advance(task)

        yield done

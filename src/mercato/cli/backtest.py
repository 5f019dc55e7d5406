"""`mercato backtest`: replay the corpus's dated items in order and score the probabilities.

Apart from `story` and `sources` because it brings the replay and its metrics (numpy) along,
which the everyday commands do not need.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import click
from rich.console import Console
from rich.progress import track

from mercato.domain import Extraction
from mercato.errors import NotFound
from mercato.replay.report import DATASETS, run_backtest

DEFAULT_KB = Path("..") / "shared" / "kb"
DEFAULT_CORPUS = Path("..") / "shared" / "corpus" / "articles.jsonl"


@click.command("backtest")
@click.option(
    "--corpus",
    type=click.Path(path_type=Path),
    default=DEFAULT_CORPUS,
    show_default=True,
    help="The shared corpus JSONL.",
)
@click.option(
    "--kb",
    type=click.Path(path_type=Path),
    default=DEFAULT_KB,
    show_default=True,
    help="Knowledge-base folder with the completed-transfer tables (read at run time).",
)
@click.option(
    "--dataset",
    type=click.Choice(DATASETS),
    default=DATASETS[0],
    show_default=True,
    help="Which dated items to replay.",
)
@click.option(
    "--png", type=click.Path(path_type=Path), help="Draw the reliability diagram to this PNG."
)
@click.option(
    "--cache",
    type=click.Path(path_type=Path),
    help="Pickle of extracted claims to reuse between runs.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes for extraction.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {"model": ..., "constant": ..., "base_rate": ..., "outlet_rate": ..., "horizons": ...}.',
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Also write the JSON report to this file (e.g. the shipped forecast_report.json).",
)
def backtest_command(
    corpus: Path,
    kb: Path,
    dataset: str,
    png: Path | None,
    cache: Path | None,
    workers: int,
    as_json: bool,
    out: Path | None,
) -> None:
    """Replay dated items in order, learning only from the past; score the probabilities."""
    if not corpus.exists():
        raise NotFound(f"corpus {corpus} does not exist")
    console = Console(stderr=True)

    def progress(items: Iterable[Extraction | None]) -> Iterable[Extraction | None]:
        return track(items, description="extracting", console=console, transient=True)

    report = run_backtest(
        corpus=corpus,
        kb=kb,
        dataset=dataset,
        png=png,
        cache=cache,
        workers=workers,
        progress=None if as_json else progress,
    )
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report.as_json(), indent=2) + "\n", encoding="utf-8")
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=2))
        return
    for line in report.lines():
        click.echo(line)

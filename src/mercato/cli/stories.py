"""`mercato story`, `mercato sources` and `mercato backtest`: thin commands over stories and scores."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import click
from rich.console import Console
from rich.progress import track

from mercato.cli.options import store_url
from mercato.domain import Extraction
from mercato.errors import NotFound
from mercato.replay.report import DATASETS, run_backtest
from mercato.score.probability import rank_rumours
from mercato.score.track_records import SourceRecord, league_table, load_tiers
from mercato.store import Store
from mercato.store.story_tables import story_inputs
from mercato.stories.merge import Story, merge_stories
from mercato.stories.names import person_key
from mercato.stories.origin import first_reporter, independent_sources
from mercato.stories.outcomes import CompletedTransfers, label_stories, load_completed_transfers
from mercato.stories.timeline import current_stage, render_timeline

DEFAULT_KB = Path("..") / "shared" / "kb"
DEFAULT_CORPUS = Path("..") / "shared" / "corpus" / "articles.jsonl"
BAR_WIDTH = 30

_date_type = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: datetime | None) -> date:
    return value.date() if value is not None else date.today()


def _completed(kb: Path | None) -> CompletedTransfers | None:
    """Completed-transfer tables from a knowledge-base folder, if it has them."""
    folder = kb if kb is not None else DEFAULT_KB
    if not (folder / "transfers-by-window").is_dir() and not (folder / "transfers").is_dir():
        return None
    return load_completed_transfers(folder)


def _find_story(stories: list[Story], wanted: str) -> Story:
    """A story by id, by id prefix, or by the person's name when that leaves exactly one."""
    exact = [s for s in stories if s.id == wanted]
    if exact:
        return exact[0]
    for rule in (lambda s: s.id.startswith(wanted), lambda s: s.person_key == person_key(wanted)):
        found = [s for s in stories if rule(s)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            ids = ", ".join(s.id for s in found[:8])
            raise NotFound(f"{wanted!r} matches {len(found)} stories: {ids}")
    raise NotFound(f"no story {wanted!r}")


@click.command("story")
@click.argument("story_id")
@click.option("--as-of", "as_of", type=_date_type, help="Answer with only what was published by this day.")
@click.option("--db", metavar="URL", help="Database URL or SQLite file (default: MERCATO_DATABASE_URL).")
@click.option("--kb", type=click.Path(path_type=Path), help="Knowledge-base folder with completed transfers (default ../shared/kb).")
@click.option("--json", "as_json", is_flag=True, help="Print the story as JSON.")
def story_command(story_id: str, as_of: datetime | None, db: str | None, kb: Path | None, as_json: bool) -> None:
    """Show one story: its timeline, first reporter, independent sources and probability."""
    day = _day(as_of)
    with Store.open(store_url(db)) as store:
        inputs = story_inputs(store, as_of=day)
    stories = merge_stories(inputs.transfers)
    story = _find_story(stories, story_id)
    completed = _completed(kb)
    outcome = label_stories([story], as_of=day, completed=completed, contracts=inputs.contracts)[story.id]
    scores = rank_rumours(inputs.transfers, as_of=day, completed=completed, contracts=inputs.contracts,
                          tiers=load_tiers(), include_resolved=True)
    score = next((s for s in scores if s.story.id == story.id), None)
    origin = first_reporter(story)
    sources = independent_sources(story)
    if as_json:
        click.echo(json.dumps({
            "id": story.id, "person": story.person, "from": story.from_club, "to": story.to_club,
            "window": story.window.label, "as_of": day.isoformat(), "stage": current_stage(story).value,
            "outcome": outcome.outcome.value, "resolved_on": outcome.resolved_on.isoformat() if outcome.resolved_on else None,
            "outcome_reason": outcome.reason,
            "first_reporter": {"source": origin.source, "published": origin.published.isoformat(), "chain": list(origin.chain)},
            "independent_sources": [{"source": s.source, "first_published": s.first_published.isoformat(),
                                     "claims": list(s.claim_ids), "repeated_by": list(s.repeated_by)} for s in sources],
            "probability": score.probability if score else None,
            "evidence": score.evidence if score else None,
            "buzz": score.buzz if score else None,
            "claims": [{"id": m.claim_id, "published": m.published.isoformat(), "stage": m.claim.stage.value,
                        "status": m.claim.status.value, "evidence": m.claim.provenance.span.text}
                       for m in story.claims],
        }, indent=2))
        return
    destination = story.to_club or "(exit, no destination named)"
    click.echo(f"{story.person}: {story.from_club or '?'} -> {destination}, {story.window.label} window")
    click.echo(f"as of {day.isoformat()}: {current_stage(story).value}; outcome: {outcome.outcome.value} ({outcome.reason})")
    chain = f" (chain: {' via '.join(origin.chain)})" if len(origin.chain) > 1 else ""
    click.echo(f"first reported by {origin.source or 'unattributed'} on {origin.published.isoformat()}{chain}")
    names = ", ".join(s.source for s in sources)
    click.echo(f"independent sources: {len(sources)} ({names})")
    if score is not None:
        click.echo(f"probability {score.probability:.0%}   evidence {score.evidence:+.2f} log-odds   buzz {score.buzz} outlets")
    click.echo("")
    for line in render_timeline(story):
        click.echo(line)


def reliability_bar(record: SourceRecord, width: int = BAR_WIDTH) -> str:
    """The reliability and its interval on a 0-100% line: ─ the interval, ● the estimate."""
    cells = ["·"] * width
    low, high = int(record.low * (width - 1)), round(record.high * (width - 1))
    for i in range(low, high + 1):
        cells[i] = "─"
    cells[round(record.reliability * (width - 1))] = "●"
    return "".join(cells)


@click.command("sources")
@click.option("--as-of", "as_of", type=_date_type, help="Records from only what was known by this day.")
@click.option("--club", help="Only stories about this club (as destination or origin).")
@click.option("--league", metavar="CODE", help='Only stories from or to clubs of this league (e.g. "en.1", "es.1").')
@click.option("--min-stories", default=1, show_default=True, help="Hide sources with fewer resolved stories.")
@click.option("--db", metavar="URL", help="Database URL or SQLite file (default: MERCATO_DATABASE_URL).")
@click.option("--kb", type=click.Path(path_type=Path), help="Knowledge-base folder with completed transfers (default ../shared/kb).")
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
def sources_command(
    as_of: datetime | None, club: str | None, league: str | None, min_stories: int, db: str | None,
    kb: Path | None, as_json: bool,
) -> None:
    """The sources' league table: stories reported, how they ended, reliability with its interval."""
    day = _day(as_of)
    with Store.open(store_url(db)) as store:
        inputs = story_inputs(store, as_of=day)
    stories = merge_stories(inputs.transfers)
    outcomes = label_stories(stories, as_of=day, completed=_completed(kb), contracts=inputs.contracts)
    table = league_table(stories, outcomes, tiers=load_tiers(), club=club, league=league, min_resolved=min_stories)
    if as_json:
        click.echo(json.dumps([
            {"source": r.source, "tier": r.tier, "reported": r.reported, "happened": r.happened,
             "did_not_happen": r.not_happened, "pending": r.pending, "reliability": r.reliability,
             "interval": [r.low, r.high], "lead_days": r.lead_days, "lead_stories": r.lead_stories}
            for r in table
        ], indent=2))
        return
    click.echo(f"sources as of {day.isoformat()}" + (f", stories about {club}" if club else "")
               + (f", clubs of league {league}" if league else "")
               + ": reliability = share of resolved stories that happened (90% interval)")
    click.echo(f"{'source':<26} {'tier':>4} {'rep':>5} {'yes':>4} {'no':>4} {'open':>4}  {'rel':>4}  "
               f"{'0%':<{BAR_WIDTH // 2}}{'100%':>{BAR_WIDTH - BAR_WIDTH // 2}}  lead")
    for r in table:
        lead = f"{r.lead_days:+.0f}d/{r.lead_stories}" if r.lead_days is not None else ""
        click.echo(f"{r.source[:26]:<26} {(r.tier or '-')[:4]:>4} {r.reported:>5} {r.happened:>4} {r.not_happened:>4} "
                   f"{r.pending:>4}  {r.reliability:>4.0%}  {reliability_bar(r)}  {lead}")


@click.command("backtest")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True,
              help="The shared corpus JSONL.")
@click.option("--kb", type=click.Path(path_type=Path), default=DEFAULT_KB, show_default=True,
              help="Knowledge-base folder with the completed-transfer tables (read at run time).")
@click.option("--dataset", type=click.Choice(DATASETS), default=DATASETS[0], show_default=True,
              help="Which dated items to replay.")
@click.option("--png", type=click.Path(path_type=Path), help="Draw the reliability diagram to this PNG.")
@click.option("--cache", type=click.Path(path_type=Path), help="Pickle of extracted claims to reuse between runs.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for extraction.")
@click.option("--json", "as_json", is_flag=True, help='Print {"model": ..., "base_rate": ..., "outlet_rate": ...}.')
def backtest_command(
    corpus: Path, kb: Path, dataset: str, png: Path | None, cache: Path | None, workers: int,
    as_json: bool,
) -> None:
    """Replay dated items in order, learning only from the past; score the probabilities."""
    if not corpus.exists():
        raise NotFound(f"corpus {corpus} does not exist")
    console = Console(stderr=True)

    def progress(items: Iterable[Extraction | None]) -> Iterable[Extraction | None]:
        return track(items, description="extracting", console=console, transient=True)

    report = run_backtest(corpus=corpus, kb=kb, dataset=dataset, png=png, cache=cache,
                          workers=workers, progress=None if as_json else progress)
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=2))
        return
    for line in report.lines():
        click.echo(line)


def ranked_rumours(store: Store, *, as_of: date | None = None, kb: Path | None = None,
                   limit: int | None = None) -> list[dict[str, object]]:
    """Open stories most probable first, as rows for `mercato rumours --sort probability`."""
    day = as_of or date.today()
    inputs = story_inputs(store, as_of=day)
    scores = rank_rumours(inputs.transfers, as_of=day, completed=_completed(kb),
                          contracts=inputs.contracts, tiers=load_tiers())
    rows: list[dict[str, object]] = []
    for score in scores[:limit]:
        story = score.story
        rows.append({
            "story": story.id, "person": story.person, "from": story.from_club, "to": story.to_club,
            "window": story.window.label, "stage": score.stage.value,
            "first_reported": story.first_seen.isoformat(), "first_reporter": first_reporter(story).source,
            "probability": round(score.probability, 4), "evidence": round(score.evidence, 3),
            "independent_sources": score.independent_sources, "buzz": score.buzz,
        })
    return rows

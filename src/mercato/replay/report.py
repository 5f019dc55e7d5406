"""One backtest run end to end: corpus items -> claims -> replay -> figures, table and PNG."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from mercato.domain import Article, Extraction
from mercato.replay.backtest import (
    HEADLINE_AGE,
    PREDICTORS,
    evaluate,
    final_labels,
    known_rate,
    replay,
)
from mercato.replay.corpus import Extractor, extract_corpus, load_items
from mercato.replay.labellers import gossip_labeller, reference_agreement, thread_labels
from mercato.score.metrics import draw_reliability, reliability_table
from mercato.score.track_records import load_tiers
from mercato.stories.outcomes import Outcome, load_completed_transfers

DATASETS = ("bbc_gossip_2021_22", "tm_rumour_threads")
# Stories first reported from these days on are scored ("the later windows").
EVALUATE_FROM = {"bbc_gossip_2021_22": date(2021, 9, 2), "tm_rumour_threads": date(2021, 2, 2)}
# Far enough after the last item that every window in the data has shut.
FINAL_DAY = date(2023, 3, 1)
REFERENCE = {"bbc_gossip_2021_22": "eval/outcomes_bbc_gossip.jsonl"}


HELDOUT = "eval/heldout_ids.txt"


def heldout_ids(corpus: Path) -> set[str]:
    """Ids of the held-out records beside the corpus (never replayed, so never read or tuned on)."""
    path = corpus.parent.parent / HELDOUT
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


@dataclass(frozen=True)
class BacktestReport:
    """Figures of one backtest, ready for JSON."""

    figures: dict[str, object]
    details: dict[str, object]

    def as_json(self) -> dict[str, object]:
        """`{"dataset", "train_period", "test_period", "model", "constant", ..., "horizons", "details"}`."""
        head = {key: self.details[key] for key in ("dataset", "train_period", "test_period", "headline_age_days")}
        return {**head, **self.figures, "details": self.details}

    def predictors(self) -> dict[str, dict[str, object]]:
        """The headline figures of each predictor."""
        return {name: self.figures[name] for name in PREDICTORS}  # type: ignore[misc]

    def lines(self) -> list[str]:
        """A human summary: headline figures, named moves and exits, horizons, reliability."""
        model = self.predictors()["model"]
        headline = (
            f"backtest on {self.details['dataset']}: stories first reported in "
            f"{' to '.join(self.details['test_period'])}, forecast "  # type: ignore[arg-type]
            f"{self.details['headline_age_days']} days after the first report while still open "
            f"({model['n']} scored, {model['positives']} happened)"
        )
        out = [headline, ""]
        out += _table(self.predictors(), "")
        for part in ("named", "exits"):
            out += ["", *_table({k: v[part] for k, v in self.predictors().items()}, part)]  # type: ignore[misc]
        for age, figures in self.figures["horizons"].items():  # type: ignore[attr-defined]
            out += ["", *_table(figures, f"day {age}")]
        out += ["", "reliability (n, mean forecast, observed):", *reliability_table(self.predictors()), ""]
        for key in ("stories", "labelled", "label_agreement", "dropped_after_window", "kb_as_of"):
            if key in self.details:
                out.append(f"{key}: {self.details[key]}")
        return out


def _number(value: object, spec: str) -> str:
    return "  -   " if value is None else format(value, spec)


def _table(figures: dict[str, dict[str, object]], title: str) -> list[str]:
    """One block of the text report: each predictor's AUC, Brier, log loss and calibration."""
    head = f"{title or 'predictor':<12} {'n':>5} {'AUC':>6} {'Brier':>7} {'log loss':>9} {'slope':>6} {'icpt':>6}"
    out = [head]
    for name, summary in figures.items():
        out.append(
            f"{name:<12} {summary['n']:>5} {_number(summary['auc'], '.3f'):>6} "
            f"{_number(summary['brier'], '.4f'):>7} {_number(summary['log_loss'], '.4f'):>9} "
            f"{_number(summary['calibration_slope'], '.2f'):>6} {_number(summary['calibration_intercept'], '.2f'):>6}"
        )
    return out


def run_backtest(
    *,
    corpus: Path,
    kb: Path,
    dataset: str = "bbc_gossip_2021_22",
    png: Path | None = None,
    cache: Path | None = None,
    extractor: Extractor | None = None,
    articles: list[Article] | None = None,
    progress: Callable[[Iterable[Extraction | None]], Iterable[Extraction | None]] | None = None,
    workers: int = 1,
) -> BacktestReport:
    """Replay a dataset of the shared corpus and score the predictors on its test period."""
    held = heldout_ids(corpus)
    loaded = articles if articles is not None else load_items(corpus, dataset)
    items = [a for a in loaded if (a.external_id or a.id) not in held]
    # The project's extractor reads each item with the knowledge base of its month: no look-ahead.
    cut = extractor is None
    extracted = extract_corpus(
        items, extractor=extractor, cache=cache, progress=progress, workers=workers, kb_as_of_month=cut
    )
    years = [a.published.year for a in items if a.published is not None]
    # Seasons the items can be about (a season is named by the year its summer window falls in).
    seasons = range(min(years) - 1, max(years) + 2) if years else None
    completed = load_completed_transfers(kb, seasons)
    dates = [a.published for a in items if a.published is not None]
    since = EVALUATE_FROM.get(dataset, date(2021, 9, 2))
    details: dict[str, object] = {
        "dataset": dataset,
        "train_period": [min(dates).isoformat(), (since - timedelta(days=1)).isoformat()] if dates else None,
        "test_period": [since.isoformat(), max(dates).isoformat()] if dates else None,
        "headline_age_days": HEADLINE_AGE,
        "items": len(items),
        "heldout_items_left_out": len(loaded) - len(items),
        "extraction_failures": extracted.failures,
        "transfer_claims": len(extracted.transfers),
        "evaluate_from": since.isoformat(),
        "kb_as_of": "first day of each item's month" if cut else "not cut (a custom extractor)",
    }
    claims = list(extracted.transfers)
    if dataset == "tm_rumour_threads":
        threads = thread_labels(items, claims, completed)
        claims, labeller = list(threads.kept_claims), threads.labeller
        details["dropped_after_window"] = threads.dropped
    else:
        labeller = gossip_labeller(completed, extracted.contracts)
    predictions = replay(claims, labeller, tiers=load_tiers())
    stories, outcomes, story_of = final_labels(claims, labeller, FINAL_DAY)
    counts = Counter(o.outcome.value for o in outcomes.values())
    details["stories"] = len(stories)
    details["labelled"] = {
        "happened": counts.get(Outcome.HAPPENED.value, 0),
        "did not happen": counts.get(Outcome.NOT_HAPPENED.value, 0),
        "open or unlabelled": len(stories) - counts.get(Outcome.HAPPENED.value, 0)
        - counts.get(Outcome.NOT_HAPPENED.value, 0),
    }
    reference = REFERENCE.get(dataset)
    if reference is not None and (corpus.parent.parent / reference).exists():
        agreement = reference_agreement(corpus.parent.parent / reference, stories, outcomes)
        details["label_agreement"] = {
            "items_both_label": agreement.both,
            "reference_items": agreement.reference_items,
            "agreement": round(agreement.rate, 4),
            "agreement_same_window": round(agreement.rate_same_window, 4),
        }
    # The constant predictor: the rate of the stories settled before the test period.
    constant = known_rate(claims, labeller, since)
    details["training_rate"] = constant
    figures = evaluate(predictions, outcomes, story_of, since=since, constant=constant)
    report = BacktestReport(figures, details)
    if png is not None:
        draw_reliability(report.predictors(), png, f"Reliability, {dataset}, from {since.isoformat()}")
        details["png"] = str(png)
    return report

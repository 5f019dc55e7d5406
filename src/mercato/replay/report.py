"""One backtest run end to end: corpus items -> claims -> replay -> figures, table and PNG."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mercato.domain import Article, Extraction
from mercato.replay.backtest import evaluate, final_labels, replay
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


@dataclass(frozen=True)
class BacktestReport:
    """Figures of one backtest, ready for JSON."""

    figures: dict[str, dict[str, object]]
    details: dict[str, object]

    def as_json(self) -> dict[str, object]:
        """`{"model": ..., "base_rate": ..., "outlet_rate": ..., "details": ...}`."""
        return {**self.figures, "details": self.details}

    def lines(self) -> list[str]:
        """A human summary: headline figures and the reliability table."""
        model = self.figures["model"]
        headline = (
            f"backtest on {self.details['dataset']}: stories first reported from "
            f"{self.details['evaluate_from']} ({model['n']} scored, {model['positives']} happened)"
        )
        out = [headline, ""]
        out.append(f"{'predictor':<12} {'AUC':>6} {'Brier':>7} {'log loss':>9}")
        for name, summary in self.figures.items():
            auc = summary["auc"]
            auc_text = "  -   " if auc is None else f"{auc:.3f}"
            out.append(f"{name:<12} {auc_text:>6} {summary['brier']:>7.4f} {summary['log_loss']:>9.4f}")
        out += ["", "reliability (n, mean predicted, observed):", *reliability_table(self.figures), ""]
        for key in ("stories", "labelled", "label_agreement", "dropped_after_window"):
            if key in self.details:
                out.append(f"{key}: {self.details[key]}")
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
    """Replay a dataset of the shared corpus and score the three predictors on its later windows."""
    items = articles if articles is not None else load_items(corpus, dataset)
    extracted = extract_corpus(items, extractor=extractor, cache=cache, progress=progress, workers=workers)
    years = [a.published.year for a in items if a.published is not None]
    # Seasons the items can be about (a season is named by the year its summer window falls in).
    seasons = range(min(years) - 1, max(years) + 2) if years else None
    completed = load_completed_transfers(kb, seasons)
    details: dict[str, object] = {
        "dataset": dataset,
        "items": len(items),
        "extraction_failures": extracted.failures,
        "transfer_claims": len(extracted.transfers),
        "evaluate_from": EVALUATE_FROM.get(dataset, date(2021, 9, 2)).isoformat(),
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
    since = date.fromisoformat(str(details["evaluate_from"]))
    figures = evaluate(predictions, outcomes, story_of, since=since)
    if png is not None:
        draw_reliability(figures, png, f"Reliability, {dataset}, from {since.isoformat()}")
        details["png"] = str(png)
    return BacktestReport(figures, details)

"""Show an evaluation: rich tables for people, JSON for scripts, misses and extras for digging."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mercato.evaluation.gold import GoldLink, link_to_dict
from mercato.evaluation.scoring import FIELDS, Evaluation, Metrics


def evaluation_to_dict(evaluation: Evaluation, *, verbose: bool = False) -> dict[str, Any]:
    """The metrics as plain data; with verbose, the misses, extras and wrong fields too."""
    data: dict[str, Any] = {
        **evaluation.metrics.as_dict(),
        "by_group": {name: m.as_dict() for name, m in evaluation.by_group.items()},
        "by_family": {name: m.as_dict() for name, m in evaluation.by_family.items()},
        "notes": list(evaluation.notes),
    }
    if verbose:
        data["misses"] = [
            {"id": r.record_id, **link_to_dict(link)}
            for r in evaluation.results
            for link in r.misses
        ]
        data["extras"] = [
            {"id": r.record_id, **link_to_dict(link)}
            for r in evaluation.results
            for link in r.extras
        ]
        data["wrong_fields"] = [
            {
                "id": r.record_id,
                "wrong": [f for f in FIELDS if not pair.verdicts[f]],
                "gold": link_to_dict(pair.gold),
                "predicted": link_to_dict(pair.predicted),
            }
            for r in evaluation.results
            for pair in r.pairs
            if not all(pair.verdicts.values())
        ]
    return data


def _rates_table(title: str, rows: dict[str, Metrics]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("", no_wrap=True)
    for column in ("texts", "P", "R", "F1", "match", "pred", "gold"):
        table.add_column(column, justify="right")
    for name, m in rows.items():
        c = m.overall
        table.add_row(
            name,
            str(m.records),
            f"{c.precision:.3f}",
            f"{c.recall:.3f}",
            f"{c.f1:.3f}",
            str(c.matched),
            str(c.predicted),
            str(c.gold),
        )
    return table


def render(evaluation: Evaluation, console: Console, *, verbose: bool = False) -> None:
    """Print the metrics as tables; with verbose, every miss, extra and wrong field."""
    m = evaluation.metrics
    links = Table(title="Transfer links", title_justify="left")
    links.add_column("", no_wrap=True)
    for column in ("P", "R", "F1", "match", "pred", "gold"):
        links.add_column(column, justify="right")
    rows = {"all links": m.overall, **{f"status {s}": c for s, c in m.by_status.items()}}
    for name, c in rows.items():
        links.add_row(
            name,
            f"{c.precision:.3f}",
            f"{c.recall:.3f}",
            f"{c.f1:.3f}",
            str(c.matched),
            str(c.predicted),
            str(c.gold),
        )
    console.print(links)

    fields = Table(title="Fields on matched links", title_justify="left")
    for column in ("field", "accuracy", "right", "of"):
        fields.add_column(column, justify="left" if column == "field" else "right")
    for name, accuracy in m.fields.items():
        fields.add_row(name, f"{accuracy.value:.3f}", str(accuracy.right), str(accuracy.total))
    console.print(fields)

    console.print(_rates_table("By group", dict(evaluation.by_group)))
    console.print(_rates_table("By dataset family", dict(evaluation.by_family)))
    console.print("[dim]P precision, R recall; match, pred and gold count links[/dim]")
    for note in evaluation.notes:
        console.print(f"[dim]note: {escape(note)}[/dim]")
    if verbose:
        _render_details(evaluation, console)


def _describe(link: GoldLink) -> str:
    fee = ", ".join(f"{f.amount:,.0f} {f.currency}" for f in link.fees) or "-"
    source = " | ".join(link.sources) or "-"
    loan = " loan" if link.loan else ""
    return (
        f"{link.person}: {link.from_club or '?'} -> {link.to_club or '(none)'} "
        f"[{link.status}{loan}; fee {fee}; source {source}]"
    )


def _render_details(evaluation: Evaluation, console: Console) -> None:
    sections = (("Misses (gold, not found)", "misses"), ("Extras (found, not gold)", "extras"))
    for title, attribute in sections:
        console.rule(title)
        for result in evaluation.results:
            for link in getattr(result, attribute):
                console.print(
                    f"[bold]{escape(result.record_id)}[/bold] {escape(_describe(link))}",
                    highlight=False,
                )
                if link.evidence:
                    console.print(f"    [dim]{escape(link.evidence)}[/dim]", highlight=False)
    console.rule("Wrong fields on matched links")
    for result in evaluation.results:
        for pair in result.pairs:
            wrong = [f for f in FIELDS if not pair.verdicts[f]]
            if wrong:
                console.print(
                    f"[bold]{escape(result.record_id)}[/bold] wrong {', '.join(wrong)}",
                    highlight=False,
                )
                console.print(f"    gold: {_describe(pair.gold)}", highlight=False, markup=False)
                console.print(
                    f"    got:  {_describe(pair.predicted)}", highlight=False, markup=False
                )
                if pair.predicted.evidence:
                    console.print(
                        f"    [dim]{escape(pair.predicted.evidence)}[/dim]", highlight=False
                    )

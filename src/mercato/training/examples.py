"""Gold records turned into labelled candidates: what each head of the model learns from.

Each record is read once by the real pipeline (recognition, linking, the rules, the other
extractors); its candidates are then labelled by aligning them with the record's gold links,
with the scorer's own matching of persons and clubs (`SPEC.md`), so that what the model learns to
call a link is what the scorer counts as one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from mercato.domain import Claim, TransferClaim
from mercato.evaluation.gold import GoldLink, GoldRecord
from mercato.evaluation.names import ClubTable, persons_match
from mercato.evaluation.predictions import article_for
from mercato.extract.candidates import Candidate, build_candidates
from mercato.extract.context import ArticleContext
from mercato.extract.learned import EXTRACTOR as LEARNED
from mercato.extract.transfers import read_rule_links


@dataclass
class Prepared:
    """One gold record read by the pipeline: its context, candidates and the other claims."""

    record: GoldRecord
    context: ArticleContext
    candidates: list[Candidate]
    other_claims: list[Claim]  # every claim of the extractors other than the learned one


@dataclass(frozen=True)
class Example:
    """One labelled candidate for one head."""

    features: frozenset[str]
    label: str


def prepare(records: Sequence[GoldRecord], on_done: Callable[[GoldRecord], None] | None = None) -> list[Prepared]:
    """Read every record once with the real pipeline."""
    from mercato.extract.pipeline import Extractor

    extractor = Extractor()
    others = [e for e in extractor.extractors if e.name != LEARNED]
    prepared = []
    for record in records:
        context = extractor.context(article_for(record))
        rule_claims = read_rule_links(context)
        other_claims: list[Claim] = []
        for registered in others:
            other_claims.extend(registered.extract(context))
        prepared.append(Prepared(record, context, build_candidates(context, rule_claims), other_claims))
        if on_done is not None:
            on_done(record)
    return prepared


def _gold_for(candidate: Candidate, gold: Sequence[GoldLink], clubs: ClubTable) -> tuple[str, GoldLink | None]:
    """The candidate's label for the pair head ("to", "from" or "none") and its gold link."""
    persons = [g.person for g in gold]
    mine = [g for g in gold if persons_match(candidate.person, g.person, persons)]
    for link in mine:
        if link.to_club is not None and clubs.match(candidate.club, link.to_club):
            return "to", link
    for link in mine:
        if link.from_club is not None and clubs.match(candidate.club, link.from_club):
            return "from", link
    return "none", None


def _exit_gold(candidate: Candidate, gold: Sequence[GoldLink]) -> GoldLink | None:
    persons = [g.person for g in gold]
    return next((g for g in gold if g.to_club is None and persons_match(candidate.person, g.person, persons)), None)


def examples(prepared: Iterable[Prepared], clubs: ClubTable) -> dict[str, list[Example]]:
    """Labelled examples for each head: pair, exit, status and loan."""
    heads: dict[str, list[Example]] = {"pair": [], "exit": [], "status": [], "loan": []}
    for item in prepared:
        gold = item.record.links
        for candidate in item.candidates:
            features = frozenset(candidate.described())
            if candidate.club is None:
                link = _exit_gold(candidate, gold)
                heads["exit"].append(Example(features, "yes" if link else "no"))
            else:
                label, link = _gold_for(candidate, gold, clubs)
                heads["pair"].append(Example(frozenset(candidate.features), label))
                if label != "to":
                    link = None
            if link is not None:
                heads["status"].append(Example(features, link.status))
                heads["loan"].append(Example(features, "yes" if link.loan else "no"))
    return heads


def candidate_recall(prepared: Iterable[Prepared], clubs: ClubTable) -> tuple[int, int]:
    """How many gold links (with a destination) some candidate can reach, of how many."""
    reachable = total = 0
    for item in prepared:
        persons = [g.person for g in item.record.links]
        for link in item.record.links:
            if link.to_club is None:
                continue
            total += 1
            if any(
                c.club is not None and persons_match(c.person, link.person, persons) and clubs.match(c.club, link.to_club)
                for c in item.candidates
            ):
                reachable += 1
    return reachable, total


def transfer_claims(claims: Iterable[Claim]) -> list[TransferClaim]:
    return [c for c in claims if isinstance(c, TransferClaim)]

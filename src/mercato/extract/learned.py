"""Transfer links decided by the trained model (`transfer.learned.v1`).

The rules (`transfers.py`) read the article first; `candidates.py` pairs every person with the
clubs near him and describes each pair, the rules' verdict included; the decision model
(`decision_model.py`) then says which pairs are links, in which direction, with what status and
whether on loan. Fee, window and attribution are read by the rules' own readers from the sentences
the pair is stated in. Every claim's provenance names the extraction version (rules and weights).
"""

from __future__ import annotations

from collections.abc import Sequence

from mercato.domain import STAGE_STATUS, Attribution, Fee, Span, Stage, Status, TransferClaim
from mercato.extract.attribution import (
    LabelledItem,
    PunditColumns,
    in_text_attribution,
    paragraph_labels,
    tidy_attribution,
)
from mercato.extract.candidates import SHORT_KINDS, TEAM_KINDS, Candidate, build_candidates
from mercato.extract.context import ArticleContext
from mercato.extract.decision_model import DecisionModel, extraction_version, load_model
from mercato.extract.fees import first_fee
from mercato.extract.registry import register
from mercato.extract.roles import ClubSlot
from mercato.extract.transfers import club_by_date, read_rule_links
from mercato.extract.windows import find_window, open_or_next
from mercato.kb.normalise import normalise_alias

EXTRACTOR = "transfer.learned.v1"
_DEFAULT_STAGE = {Status.RUMOUR: Stage.INTEREST, Status.DONE: Stage.SIGNED, Status.OFF: Stage.COLLAPSED}
_PAST_STAGES = frozenset({Stage.SIGNED, Stage.ANNOUNCED, Stage.AGREEMENT, Stage.MEDICAL})


@register(EXTRACTOR, order=10)
def extract_transfers_learned(ctx: ArticleContext) -> list[TransferClaim]:
    """Every transfer link the model accepts, one claim per (person, destination)."""
    rule_claims = read_rule_links(ctx)
    return decide(ctx, build_candidates(ctx, rule_claims), load_model())


def decide(ctx: ArticleContext, candidates: Sequence[Candidate], model: DecisionModel) -> list[TransferClaim]:
    """The links among the candidates, as claims, by the model's decisions."""
    length = "short" if (ctx.article.kind or "article") in SHORT_KINDS else "long"
    threshold_to = model.thresholds.get(f"to_{length}", model.thresholds.get("to", 0.5))
    threshold_exit = model.thresholds.get(f"exit_{length}", model.thresholds.get("exit", 0.5))
    threshold_from = model.thresholds.get("from", 0.5)
    by_person: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        by_person.setdefault(candidate.person, []).append(candidate)
    extractor = f"{EXTRACTOR}@{extraction_version(model.digest)}"
    sources = _Sources(ctx)
    claims: list[TransferClaim] = []
    for person, group in by_person.items():
        pairs = [c for c in group if c.club is not None]
        scored = {id(c): model.heads["pair"].probabilities(c.features) for c in pairs}
        destinations = [c for c in pairs if scored[id(c)]["to"] >= threshold_to]
        origin_candidates = sorted(
            (c for c in pairs if c not in destinations and scored[id(c)]["from"] >= threshold_from),
            key=lambda c: (-scored[id(c)]["from"], c.club or ""),
        )
        origin = _slot(origin_candidates[0].club, origin_candidates[0].club_id) if origin_candidates else None
        for candidate in destinations:
            from_club = origin if origin is not None and origin.name != candidate.club else _rule_origin(candidate, group)
            if from_club is None:
                from_club = _club_by_date(ctx, candidate)
            claims.append(_claim(ctx, model, candidate, from_club, extractor, sources))
        exit_candidate = next((c for c in group if c.club is None), None)
        if exit_candidate is None:
            continue
        if model.p("exit", exit_candidate.described(), "yes") < threshold_exit:
            continue
        from_club = _exit_origin(exit_candidate, group, origin, destinations, claims) or _club_by_date(ctx, exit_candidate)
        if from_club is None:
            continue  # an exit from nowhere is no link
        left_for = {normalise_alias(c.from_club) for c in claims if c.person == person and c.to_club and c.from_club}
        if normalise_alias(from_club.name) in left_for:
            continue  # his move from that club has a destination: no separate exit
        if exit_candidate.sentences == [] and exit_candidate.rule is None:
            exit_candidate.sentences = [s for c in pairs for s in c.sentences][:1] or _person_sentence(ctx, person)
        claims.append(_claim(ctx, model, exit_candidate, from_club, extractor, sources))
    return claims


def _exit_origin(
    candidate: Candidate,
    group: Sequence[Candidate],
    origin: ClubSlot | None,
    destinations: Sequence[Candidate],
    claims: Sequence[TransferClaim],
) -> ClubSlot | None:
    """The club an exit leaves: the rules' reading of it, else the club he is described at,
    else the club his last completed move took him to."""
    if candidate.rule is not None and candidate.rule.from_club:
        return _slot(candidate.rule.from_club, candidate.rule.from_club_id)
    if origin is not None:
        return origin
    done = [c for c in claims if c.person == candidate.person and c.status is Status.DONE and c.to_club]
    if done:
        return _slot(done[-1].to_club, done[-1].to_club_id)
    return _rule_origin(candidate, group)


def _rule_origin(candidate: Candidate, group: Sequence[Candidate]) -> ClubSlot | None:
    """The origin the rules gave this link, else the one they gave the person elsewhere."""
    if candidate.rule is not None and candidate.rule.from_club:
        return _slot(candidate.rule.from_club, candidate.rule.from_club_id)
    for other in group:
        if other.rule is not None and other.rule.from_club and other.rule.from_club != candidate.club:
            return _slot(other.rule.from_club, other.rule.from_club_id)
    return None


def _club_by_date(ctx: ArticleContext, candidate: Candidate) -> ClubSlot | None:
    """The club the knowledge base has the person at on the article's date, if another one."""
    if candidate.person_id is None or ctx.article.published is None:
        return None
    return club_by_date(candidate.person_id, ctx.article.published, _slot(candidate.club, candidate.club_id))


def _slot(name: str | None, entity_id: str | None) -> ClubSlot:
    """A club named outside any one sentence (no offsets)."""
    return ClubSlot(-1, -1, name or "", entity_id)


def _person_sentence(ctx: ArticleContext, person: str) -> list[Span]:
    key = normalise_alias(person)
    for mention in ctx.mentions:
        if normalise_alias(mention.label) == key:
            sentence = ctx.sentence_of(mention.span.start)
            if sentence is not None:
                return [sentence]
    return []


def _claim(
    ctx: ArticleContext,
    model: DecisionModel,
    candidate: Candidate,
    origin: ClubSlot | None,
    extractor: str,
    sources: _Sources,
) -> TransferClaim:
    rule = candidate.rule
    status = _status(model, candidate)
    stage = rule.stage if rule is not None and STAGE_STATUS[rule.stage] is status else _DEFAULT_STAGE[status]
    if candidate.club is None and status is Status.RUMOUR:
        stage = Stage.EXIT
    is_loan = model.p("loan", candidate.described(), "yes") >= model.thresholds.get("loan", 0.5)
    if not candidate.sentences:
        candidate.sentences = _person_sentence(ctx, candidate.person)
    sentence = rule.provenance.span if rule is not None else (candidate.sentences[0] if candidate.sentences else ctx.span(0, 0))
    fee = rule.fee if rule is not None and rule.fee is not None else _fee_in(candidate.sentences)
    attribution = rule.attribution if rule is not None and rule.attribution is not None else sources.of(candidate.sentences)
    attribution = tidy_attribution(attribution)
    found = find_window(sentence.text, ctx.article.published)
    window = found[2] if found else None
    if window is None and ctx.article.published and stage not in _PAST_STAGES:
        window = open_or_next(ctx.article.published)
    return TransferClaim(
        person=candidate.person,
        person_id=candidate.person_id,
        role=candidate.role,
        to_club=candidate.club,
        to_club_id=candidate.club_id,
        from_club=origin.name if origin else None,
        from_club_id=origin.entity_id if origin else None,
        status=status,
        stage=stage,
        is_loan=is_loan,
        loan_option=rule.loan_option if rule is not None and is_loan else None,
        fee=fee,
        window=window,
        attribution=attribution,
        is_hedged=rule.is_hedged if rule is not None else False,
        provenance=ctx.provenance(sentence, extractor),
    )


def _status(model: DecisionModel, candidate: Candidate) -> Status:
    """The model's status, unless it is unsure and the rules read the link themselves."""
    probabilities = model.heads["status"].probabilities(candidate.described())
    best = max(probabilities, key=lambda c: (probabilities[c], c))
    rule = candidate.rule
    if rule is not None and probabilities[best] < model.thresholds.get("status_confidence", 0.0):
        return rule.status
    return Status(best)


def _fee_in(sentences: Sequence[Span]) -> Fee | None:
    return next((fee for s in sentences if (fee := first_fee(s.text)) is not None), None)


class _Sources:
    """Who the sentences of one article are credited to, read once per article."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self._labels: list[LabelledItem] | None = None
        self._columns: PunditColumns | None = None

    def labels(self) -> list[LabelledItem]:
        """Item labels, less a bracketed club at a line's end ("A, defender (Rangers)")."""
        if self._labels is None:
            ctx = self.ctx
            clubs = {normalise_alias(m.label) for m in ctx.mentions if m.kind in TEAM_KINDS}
            clubs |= {normalise_alias(m.span.text) for m in ctx.mentions if m.kind in TEAM_KINDS}
            self._labels = [
                item
                for item in paragraph_labels(ctx.article.text, addresses=True)
                if item.attribution.original is None or normalise_alias(item.attribution.original) not in clubs
            ]
        return self._labels

    def columns(self) -> PunditColumns:
        if self._columns is None:
            self._columns = PunditColumns(self.ctx)
        return self._columns

    def of(self, sentences: Sequence[Span]) -> Attribution | None:
        """The source of the sentences stating a link: the label of the item that holds them,
        else who the sentence itself credits."""
        for sentence in sentences:
            for item in self.labels():
                if item.span.start <= sentence.start < item.span.end:
                    return item.attribution
            found = in_text_attribution(sentence.text) or self.columns().attribution_for(sentence)
            if found is not None:
                return found
        return None

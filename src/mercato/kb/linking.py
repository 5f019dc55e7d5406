"""Entity linking in context: ambiguous short names, surnames and descriptors.

Clear names are taken at their best candidate. Ambiguous forms ("City", "the Blues", "Real")
are settled by the other clubs and people of the same article; surnames by the full name met
in the article; descriptors ("the 23-year-old", "the Dutchman", "the former Southampton
defender") by the most recent compatible person. What context cannot settle stays unresolved
(`entity_id` None) rather than guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from mercato.domain import Entity, EntityKind, Mention
from mercato.kb.catalogue import Catalogue, normalise_alias
from mercato.kb.descriptors import PLAYER_ROLES, STAFF_ROLES, Descriptor, parse_descriptor
from mercato.kb.evidence import PersonEvidence, age_on, gather_evidence
from mercato.kb.name_forms import PERSON_KINDS, clubs_of, full_name_candidates, is_fragment
from mercato.kb.surnames import surname_candidates

SOURCE_KINDS = frozenset({EntityKind.OUTLET, EntityKind.JOURNALIST})
_SEARCH_KINDS = {
    EntityKind.CLUB: frozenset({EntityKind.CLUB}),
    EntityKind.NATIONAL_TEAM: frozenset({EntityKind.NATIONAL_TEAM}),
    EntityKind.COMPETITION: frozenset({EntityKind.COMPETITION}),
    EntityKind.OUTLET: SOURCE_KINDS,
    EntityKind.JOURNALIST: SOURCE_KINDS,
}
# Context needed before an ambiguous form is resolved: more than the default reading alone.
_MIN_CONTEXT = 1.5


@dataclass
class _Person:
    """A person met in the article: resolved entity (if known) and the fullest name given."""

    entity_id: str | None
    label: str
    starts: list[int] = field(default_factory=list)
    evidence: PersonEvidence = field(default_factory=PersonEvidence)
    is_manager: bool = False

    @property
    def is_staff(self) -> bool:
        """Named as a manager, chairman or agent rather than a player."""
        return self.is_manager or self.evidence.is_staff


@dataclass
class _Article:
    text: str
    on: date | None
    catalogue: Catalogue
    clubs: dict[str, list[int]] = field(default_factory=dict)  # club id -> mention starts
    nations: set[str] = field(default_factory=set)
    people: list[_Person] = field(default_factory=list)

    def person_clubs(self) -> tuple[set[str], set[str]]:
        """Clubs of the article's known people: at the article date, and at any time."""
        now: set[str] = set()
        ever: set[str] = set()
        for person in self.people:
            entity = self.catalogue.get(person.entity_id) if person.entity_id else None
            if entity is None:
                continue
            for move in entity.attributes.get("clubs", ()):  # type: ignore[attr-defined]
                ever.update(c for c in (move["from_club_id"], move["to_club_id"]) if c)
            if self.on is not None:
                club = self.catalogue.club_on(entity.id, self.on)
                if club:
                    now.add(club)
        return now, ever


def link_mentions(
    text: str, mentions: Sequence[Mention], article_date: date | None, catalogue: Catalogue
) -> list[Mention]:
    """Resolve each mention to a knowledge-base entity where the article's context allows."""
    article = _Article(text, article_date, catalogue)
    order = sorted(
        range(len(mentions)), key=lambda i: (mentions[i].span.start, -mentions[i].span.end)
    )
    results: dict[int, Mention] = {}
    pending_teams: list[int] = []
    pending_people: list[int] = []
    for i in order:
        mention = mentions[i]
        if mention.kind in PERSON_KINDS:
            pending_people.append(i)
            continue
        if is_fragment(text, mention):
            results[i] = _unresolved(mention)
            continue
        linked = _link_clear(mention, catalogue)
        if linked is None:
            pending_teams.append(i)
            continue
        results[i] = linked
        _note_team(article, linked)
    _register_full_names(article, mentions, order, results)
    _note_descriptor_clubs(article, [mentions[i] for i in pending_people])
    for i in order:
        if i in results and _is_shadowed(results[i], article):
            # "the Wanderers" took a namesake while the article names Wolverhampton Wanderers.
            article.clubs[results[i].entity_id or ""].remove(results[i].span.start)
            pending_teams.append(i)
    for i in sorted(pending_teams, key=lambda i: mentions[i].span.start):
        results[i] = _link_in_context(mentions[i], article)
        _note_team(article, results[i])
    for i in pending_people:
        if i not in results:
            results[i] = _link_person(mentions[i], article)
    return [results[i] for i in range(len(mentions))]


def _resolved(mention: Mention, entity: Entity) -> Mention:
    return replace(mention, entity_id=entity.id, label=entity.name, kind=_kind_for(mention, entity))


def _unresolved(mention: Mention, label: str | None = None) -> Mention:
    return replace(mention, entity_id=None, label=label or mention.span.text)


def _kind_for(mention: Mention, entity: Entity) -> EntityKind:
    if mention.kind in PERSON_KINDS and entity.kind in PERSON_KINDS:
        return mention.kind if mention.kind is not EntityKind.PERSON else entity.kind
    return entity.kind


def _link_clear(mention: Mention, catalogue: Catalogue) -> Mention | None:
    """A team or source mention whose form names one entity; None when context must decide."""
    kinds = _SEARCH_KINDS.get(mention.kind, frozenset({mention.kind}))
    if mention.entity_id and catalogue.get(mention.entity_id) is not None:
        # A recogniser's first guess for "City" or "the Blues" is re-decided from context.
        if catalogue.is_ambiguous(mention.span.text, kinds):
            return None
        return _resolved(mention, catalogue.entities[mention.entity_id])
    found = catalogue.candidates(mention.span.text, kinds)
    if not found or catalogue.is_ambiguous(mention.span.text, kinds):
        return None  # "the Wanderers" may still be a club the article names in full
    return _resolved(mention, found[0])


def _is_shadowed(linked: Mention, article: _Article) -> bool:
    """A one-word club form whose reading differs from a club the article names in full."""
    key = normalise_alias(linked.span.text)
    if linked.kind is not EntityKind.CLUB or not linked.entity_id or " " in key or not key:
        return False
    return any(
        club_id != linked.entity_id
        and f" {key} " in f" {normalise_alias(article.catalogue.entities[club_id].name)} "
        for club_id in article.clubs
    )


def _note_team(article: _Article, mention: Mention) -> None:
    entity = article.catalogue.get(mention.entity_id) if mention.entity_id else None
    if entity is None:
        return
    if entity.kind is EntityKind.CLUB:
        article.clubs.setdefault(entity.id, []).append(mention.span.start)
    elif entity.kind is EntityKind.NATIONAL_TEAM:
        article.nations.add(entity.id)


def _link_in_context(mention: Mention, article: _Article) -> Mention:
    """Score each reading of an ambiguous form by the article's clubs and people."""
    catalogue = article.catalogue
    kinds = _SEARCH_KINDS.get(mention.kind, frozenset({mention.kind}))
    found = catalogue.candidates(mention.span.text, kinds)
    readings = {e.id: e for e in found}
    key = normalise_alias(mention.span.text)
    if EntityKind.CLUB in kinds and key:
        # "City" after "Leicester City": a club of the article whose name holds the form.
        for club_id in article.clubs:
            if f" {key} " in f" {normalise_alias(catalogue.entities[club_id].name)} ":
                readings.setdefault(club_id, catalogue.entities[club_id])
    if not readings:
        return _unresolved(mention)
    now, ever = article.person_clubs()
    countries = Counter(str(catalogue.entities[c].attributes.get("country")) for c in article.clubs)
    latest = _latest_before(article.clubs, mention.span.start, set(readings))
    scores: dict[str, float] = {}
    for rank, entity in enumerate(readings.values()):
        score = 0.5 if rank == 0 and entity.id == (found[0].id if found else None) else 0.0
        elsewhere = [p for p in article.clubs.get(entity.id, []) if p != mention.span.start]
        if elsewhere or entity.id in article.nations:
            score += 3.0
        if entity.id in now:
            score += 2.0
        elif entity.id in ever:
            score += 1.0
        if entity.kind is EntityKind.CLUB and countries.get(
            str(entity.attributes.get("country")), 0
        ):
            score += 1.0
        if entity.id == latest:
            score += 0.5
        scores[entity.id] = score
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    best_id, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else float("-inf")
    if best >= _MIN_CONTEXT and best > runner_up:
        return _resolved(mention, readings[best_id])
    return _unresolved(mention)


def _latest_before(positions: dict[str, list[int]], start: int, among: set[str]) -> str | None:
    best: tuple[int, str] | None = None
    for entity_id in among:
        earlier = [p for p in positions.get(entity_id, []) if p < start]
        if earlier and (best is None or max(earlier) > best[0]):
            best = (max(earlier), entity_id)
    return best[1] if best else None


def _note_descriptor_clubs(article: _Article, people: list[Mention]) -> None:
    """Clubs inside descriptors ("the Manchester United captain") are context for short names."""
    for mention in people:
        surface = " ".join(mention.span.text.split())
        if not _is_descriptor(surface):
            continue
        descriptor = parse_descriptor(surface, article.catalogue)
        for club_id in (descriptor.club_id, descriptor.former_club_id) if descriptor else ():
            if club_id:
                article.clubs.setdefault(club_id, []).append(mention.span.start)


def _is_descriptor(surface: str) -> bool:
    first = surface.split()[0] if surface.split() else ""
    return first.lower() in {"the", "ex", "former"} or first[:1].isdigit() or first[:1].islower()


def _register_full_names(
    article: _Article, mentions: Sequence[Mention], order: list[int], results: dict[int, Mention]
) -> None:
    """Link full person names first, so surnames and descriptors can lean on them."""
    catalogue = article.catalogue
    for i in order:
        mention = mentions[i]
        surface = " ".join(mention.span.text.split())
        if mention.kind not in PERSON_KINDS or _is_descriptor(surface) or len(surface.split()) < 2:
            continue
        entity = catalogue.get(mention.entity_id) if mention.entity_id else None
        if entity is None:
            entity = _pick_namesake(full_name_candidates(surface, catalogue), article)
        if entity is None:
            # "Emerson Palmieri" listed as "Emerson": only with the article's clubs to back it.
            known_as = catalogue.candidates(surface.split()[0], PERSON_KINDS)
            fitting = [e for e in known_as if clubs_of(e) & set(article.clubs)]
            entity = fitting[0] if len(fitting) == 1 else None
        person = _find_person(article, entity.id if entity else None, surface)
        person.starts.append(mention.span.start)
        person.is_manager = person.is_manager or mention.kind is EntityKind.MANAGER
        results[i] = _resolved(mention, entity) if entity else _unresolved(mention, person.label)
    for person in article.people:
        person.evidence = gather_evidence(article.text, person.starts, catalogue)


def _pick_namesake(found: list[Entity], article: _Article) -> Entity | None:
    if len(found) <= 1:
        return found[0] if found else None
    # Namesakes: keep the one whose clubs the article names; otherwise do not guess.
    fitting = [e for e in found if clubs_of(e) & set(article.clubs)]
    return fitting[0] if len(fitting) == 1 else None


def _find_person(article: _Article, entity_id: str | None, surface: str) -> _Person:
    for person in article.people:
        if (entity_id and person.entity_id == entity_id) or normalise_alias(
            person.label
        ) == normalise_alias(surface):
            return person
    person = _Person(entity_id, surface)
    article.people.append(person)
    return person


def _link_person(mention: Mention, article: _Article) -> Mention:
    surface = " ".join(mention.span.text.split())
    if _is_descriptor(surface):
        descriptor = parse_descriptor(surface, article.catalogue)
        if descriptor is None:
            return _unresolved(mention)
        return _link_descriptor(mention, descriptor, article)
    return _link_surname(mention, surface, article)


def _link_surname(mention: Mention, surface: str, article: _Article) -> Mention:
    key = normalise_alias(surface)
    earlier: list[_Person] = []
    later: list[_Person] = []
    for person in article.people:
        if not person.starts:
            continue
        tokens = normalise_alias(person.label).split()
        if key in tokens[1:] or " ".join(tokens[-len(key.split()) :]) == key:
            (earlier if min(person.starts) < mention.span.start else later).append(person)
    # The latest full name before it; in a headline, the one full name that follows.
    chosen = (
        _last_seen(earlier, mention.span.start)
        if earlier
        else (later[0] if len(later) == 1 else None)
    )
    if chosen is not None:
        chosen.starts.append(mention.span.start)
        return _entity_or_label(mention, chosen, article)
    if len(key.split()) == 1:
        # A one-word name the knowledge base knows whole ("Fabinho", "Casemiro").
        entity = _pick_namesake(article.catalogue.candidates(surface, PERSON_KINDS), article)
        if entity is not None:
            person = _find_person(article, entity.id, entity.name)
            person.starts.append(mention.span.start)
            return _resolved(mention, entity)
    if article.on is not None:
        found = surname_candidates(article.catalogue, key, article.on, set(article.clubs))
        if len(found) == 1:
            entity = article.catalogue.entities[found[0]]
            person = _find_person(article, entity.id, entity.name)
            person.starts.append(mention.span.start)
            return _resolved(mention, entity)
    return _unresolved(mention)


def _last_seen(people: list[_Person], before: int) -> _Person:
    return max(people, key=lambda p: max(s for s in p.starts if s < before))


def _entity_or_label(mention: Mention, person: _Person, article: _Article) -> Mention:
    entity = article.catalogue.get(person.entity_id) if person.entity_id else None
    return _resolved(mention, entity) if entity else _unresolved(mention, person.label)


def _link_descriptor(mention: Mention, descriptor: Descriptor, article: _Article) -> Mention:
    """The most recent earlier person the descriptor does not contradict."""
    before = [p for p in article.people if any(s < mention.span.start for s in p.starts)]
    before.sort(key=lambda p: max(s for s in p.starts if s < mention.span.start), reverse=True)
    chosen = next((p for p in before if _fit(p, descriptor, article) is not False), None)
    if chosen is None:
        return _unresolved(mention)
    chosen.starts.append(mention.span.start)
    if descriptor.age is not None:
        chosen.evidence.ages.add(descriptor.age)
    if descriptor.nation_id is not None and descriptor.former_club_id is None:
        chosen.evidence.nations.add(descriptor.nation_id)
    return _entity_or_label(mention, chosen, article)


def _fit(person: _Person, descriptor: Descriptor, article: _Article) -> bool | None:
    """True: the facts confirm the descriptor; False: they contradict it; None: unknown."""
    entity = article.catalogue.get(person.entity_id) if person.entity_id else None
    verdicts: list[bool | None] = []
    if descriptor.role in PLAYER_ROLES and person.is_staff and not descriptor.is_former:
        return False
    if descriptor.role in STAFF_ROLES and entity is not None and entity.kind is EntityKind.PLAYER:
        return False
    if descriptor.age is not None:
        known = set(person.evidence.ages)
        if entity is not None and article.on is not None:
            computed = age_on(entity, article.on)
            if computed is not None:
                known.add(computed)
        verdicts.append(None if not known else descriptor.age in known)
    if descriptor.nation_id is not None and descriptor.former_club_id is None:
        nations = set(person.evidence.nations)
        if entity is not None:
            nations.update(entity.attributes.get("national_teams", ()))  # type: ignore[arg-type]
        verdicts.append(None if not nations else descriptor.nation_id in nations)
    for club_id in (descriptor.club_id, descriptor.former_club_id):
        if club_id is None:
            continue
        clubs = set(person.evidence.clubs) | (clubs_of(entity) if entity else set())
        verdicts.append(True if club_id in clubs else None)
    if any(v is False for v in verdicts):
        return False
    return True if any(v is True for v in verdicts) else None


__all__ = ["PERSON_KINDS", "SOURCE_KINDS", "link_mentions"]

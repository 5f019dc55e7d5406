"""Recognition: knowledge-base names and people, as registered spaCy components.

Cheap and first: a `PhraseMatcher` over every club, national team, outlet and journalist name
the knowledge base knows, then a rule component that finds people from capitalised word runs
the knowledge base did not claim. Both are spaCy factories, so a user can reorder or replace
them in a pipeline config.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from mercato.domain import EntityKind
from mercato.extract.names import (
    MANAGER_NOUNS,
    NAME_BREAKERS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    PLAYER_NOUNS,
)
from mercato.kb.catalogue import Catalogue, load_catalogue, normalise_alias

KB_SPANS = "mercato_kb"
PEOPLE_SPANS = "mercato_people"

RECOGNISED_KINDS = (
    EntityKind.CLUB,
    EntityKind.NATIONAL_TEAM,
    EntityKind.OUTLET,
    EntityKind.JOURNALIST,
)

# Known people from the knowledge base are matched only by full names of two words or more:
# one-word names ("Fred", "Pedro") are too often something else.
_MIN_PERSON_TOKENS = 2

_NAME_TOKEN = re.compile(r"^[A-Z\u00C0-\u00DE][\w'\u2019.-]*$")
_INITIAL = re.compile(r"^[A-Z]\.$")


class KnowledgeBaseNames:
    """Marks every knowledge-base name in a doc: `doc.spans["mercato_kb"]`, label = kind."""

    def __init__(self, nlp: Language, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        surfaces: dict[str, str] = {}
        kinds = list(RECOGNISED_KINDS) + [EntityKind.PLAYER, EntityKind.MANAGER]
        for text, entity_id, _alias_kind in catalogue.surface_forms(kinds):
            entity = catalogue.get(entity_id)
            if entity is None:
                continue
            is_person = entity.kind in (EntityKind.PLAYER, EntityKind.MANAGER)
            if is_person and len(text.split()) < _MIN_PERSON_TOKENS:
                continue
            surfaces.setdefault(text.casefold(), text)
        patterns = [nlp.make_doc(text) for text in sorted(surfaces.values())]
        for start in range(0, len(patterns), 5000):
            self.matcher.add("KB", patterns[start : start + 5000])

    def __call__(self, doc: Doc) -> Doc:
        found: list[SpacySpan] = []
        for _match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            if not _is_capitalised(span):
                continue
            entity = self._best_entity(span.text, prefer_outlet=span[0].text == "The" or (start > 0 and doc[start - 1].text == "The"))
            if entity is None:
                continue
            found.append(SpacySpan(doc, start, end, label=entity.kind.value, kb_id=entity.id))
        doc.spans[KB_SPANS] = [s for s in filter_spans(found) if not _is_first_name(doc, s)]
        return doc

    def _best_entity(self, surface: str, prefer_outlet: bool = False):  # type: ignore[no-untyped-def]
        candidates = self.catalogue.candidates(surface)
        if prefer_outlet:  # "The Athletic", "The Sun": papers, not clubs
            outlets = [c for c in candidates if c.kind in (EntityKind.OUTLET, EntityKind.JOURNALIST)]
            candidates = outlets or candidates
        return candidates[0] if candidates else None


def _is_first_name(doc: Doc, span: SpacySpan) -> bool:
    """A one-word club or place beside another capitalised name is part of a person's name.

    "Milan Skriniar", "Martin Palermo", "Armagh City": the knowledge base matched one word of
    a longer name it does not know.
    """
    if len(span) != 1 or span.label_ == EntityKind.JOURNALIST.value:
        return False
    if span.end < len(doc) and span[-1].whitespace_ and _is_plain_name(doc[span.end].text):
        return True
    if span.start > 0 and doc[span.start - 1].whitespace_:
        before = doc[span.start - 1]
        previous = doc[span.start - 2] if span.start >= 2 else None
        is_sentence_start = previous is None or previous.is_space or previous.text[-1:] in ".!?:;"
        if _is_plain_name(before.text) and not is_sentence_start:
            return True
    return False


def _starts_sentence(doc: Doc, i: int) -> bool:
    if i == 0:
        return True
    previous = doc[i - 1]
    return previous.is_space or previous.text[-1:] in ".!?:;\"'(\u201c\u2018-" or "\n" in previous.whitespace_


def _is_plain_name(text: str) -> bool:
    return not any(ch.isdigit() for ch in text) and (
        _NAME_TOKEN.match(text) is not None
        and text.casefold() not in NOT_NAME_WORDS
        and not text.isupper()
    )


def _is_capitalised(span: SpacySpan) -> bool:
    words = [t.text for t in span if t.is_alpha or t.text[:1].isalnum()]
    if not words:
        return False
    first = words[1] if words[0].lower() == "the" and len(words) > 1 else words[0]
    return first[:1].isupper() or first[:1].isdigit()


class PeopleFinder:
    """Finds people the knowledge base did not name, from runs of capitalised words."""

    def __call__(self, doc: Doc) -> Doc:
        taken: set[int] = set()
        for span in doc.spans.get(KB_SPANS, []):
            taken.update(range(span.start, span.end))
        people = [
            span
            for span in doc.spans.get(KB_SPANS, [])
            if span.label_ in (EntityKind.PLAYER.value, EntityKind.MANAGER.value)
        ]
        for start, end in _capitalised_runs(doc, taken):
            span = _trim_run(doc, start, end)
            if span is None:
                continue
            people.append(SpacySpan(doc, span[0], span[1], label=EntityKind.PERSON.value))
        doc.spans[PEOPLE_SPANS] = filter_spans(people)
        return doc


def _is_name_token(doc: Doc, i: int) -> bool:
    token = doc[i]
    text = token.text
    if any(ch.isdigit() for ch in text):
        return False  # "Under-21", "U23"
    if not _NAME_TOKEN.match(text) and not _INITIAL.match(text):
        return False
    if text.casefold().strip(".") in NOT_NAME_WORDS:
        return False
    # acronyms (PSG, UEFA, EXCL) are not names
    return not (text.isupper() and len(text) > 2 and not _INITIAL.match(text))


def _continues_name(doc: Doc, j: int) -> bool:
    """After a first name, a capitalised word continues it unless it is a function word."""
    text = doc[j].text
    if not _NAME_TOKEN.match(text) or text.casefold() in NAME_BREAKERS or any(c.isdigit() for c in text):
        return False
    return not (text.isupper() and len(text) > 2)


# Words that make a compound adjective of a name rather than continue it ("Hee-chan" does).
_COMPOUND_SUFFIXES = frozenset({"led", "like", "era", "less", "type", "born", "ish", "bound", "based", "esque"})


def _joins_by_hyphen(doc: Doc, j: int, taken: set[int]) -> bool:
    """A hyphen written tight between a name word and a word of letters continues the name."""
    if j + 1 >= len(doc) or j + 1 in taken or doc[j].text not in ("-", "\u2010", "\u2011"):
        return False
    if doc[j - 1].whitespace_ or doc[j].whitespace_:
        return False  # "Arsenal - Chelsea", a dash between words, is no name
    following = doc[j + 1].text
    if following.casefold() in _COMPOUND_SUFFIXES:
        return False  # "Saka-led", "Kane-like": a word built on a name
    return following.isalpha() and (following[:1].isupper() or len(following) <= 4)


def _capitalised_runs(doc: Doc, taken: set[int]) -> Iterable[tuple[int, int]]:
    i = 0
    n = len(doc)
    while i < n:
        if i in taken or not _is_name_token(doc, i):
            i += 1
            continue
        j = i + 1
        while j < n and j not in taken:
            if _continues_name(doc, j) and doc[j - 1].whitespace_ != "" or _continues_name(doc, j) and doc[j - 1].text.endswith("."):
                j += 1
            elif _joins_by_hyphen(doc, j, taken):
                j += 2  # "Ali-Cho", "Hee-chan": the tokenizer splits what is one name
            elif (
                doc[j].text.lower() in NAME_PARTICLES
                and j + 1 < n
                and j + 1 not in taken
                and _is_name_token(doc, j + 1)
            ):
                j += 2
            else:
                break
        yield i, j
        i = j


def _trim_run(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Keep a run that reads as a person's name; one word only with a player/manager cue."""
    if start > 0 and doc[start - 1].lower_ == "the":
        return None  # "the San Siro", "the Emirates": places and things, not people
    if _starts_sentence(doc, start) and re.search(r"(?:ing|ed|ly)$", doc[start].text) and end - start >= 2:
        start += 1  # "Urging Liverpool ...", "Speaking ..."
    stadiums = stadium_names()
    if " ".join(t.text for t in doc[start:end]).casefold() in stadiums:
        return None
    if start > 0 and " ".join(t.text for t in doc[start - 1 : end]).casefold() in stadiums:
        return None  # "Old Trafford", where "Old" is not a name word
    if end - start >= 2:
        return start, end
    # One capitalised word: a name if a role noun or an age follows or precedes it.
    prev = doc[start - 1].lower_ if start > 0 else ""
    nxt = doc[end : end + 3].text
    if prev in PLAYER_NOUNS or prev in MANAGER_NOUNS or prev.rstrip("s") in PLAYER_NOUNS:
        return start, end
    if re.match(r"^,\s*\d{2}\b", nxt):
        return start, end
    return start, end  # kept as a candidate; linking drops single words it cannot place


@lru_cache(maxsize=1)
def stadium_names() -> frozenset[str]:
    """Grounds the knowledge base names, which capitalised-run rules would take for people."""
    names = set()
    for entity in load_catalogue().entities.values():
        stadium = entity.attributes.get("stadium") if entity.kind is EntityKind.CLUB else None
        if stadium:
            names.add(str(stadium).casefold())
            names.add(" ".join(str(stadium).split()[:2]).casefold())
    return frozenset(names)


def role_of(doc: Doc, span: SpacySpan) -> EntityKind:
    """Player or manager, from the nouns just before the name."""
    window = [t.lower_ for t in doc[max(0, span.start - 4) : span.start]]
    if any(word in MANAGER_NOUNS for word in window):
        return EntityKind.MANAGER
    return EntityKind.PERSON


@Language.factory("mercato_kb_names")
def make_kb_names(nlp: Language, name: str) -> KnowledgeBaseNames:
    """spaCy factory: knowledge-base names from Mercato's shipped catalogue."""
    return KnowledgeBaseNames(nlp, load_catalogue())


@Language.factory("mercato_people")
def make_people(nlp: Language, name: str) -> PeopleFinder:
    """spaCy factory: people from capitalised word runs the knowledge base did not claim."""
    return PeopleFinder()


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """Blank English with Mercato's recognisers: no statistical weights needed."""
    nlp = spacy.blank("en")
    nlp.add_pipe("mercato_kb_names")
    nlp.add_pipe("mercato_people")
    return nlp


__all__ = ["KB_SPANS", "PEOPLE_SPANS", "build_nlp", "normalise_alias", "role_of"]

"""Candidate links for the learned decision layer, each described by features.

Recognition and linking find people and clubs; this module pairs them. Every person is paired
with each club near him (same sentence, or the neighbouring ones within a paragraph; anywhere in
a tweet or a gossip item), and with no club at all (an exit). The rules' own reading of the
article (`transfer.rules.v1`) is not thrown away: its links are candidates too, and what it said
of a pair (destination, origin, stage) is one more feature for the model to weigh.

Features are strings (present or not); the model (`decision_model`) gives each a weight.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from mercato.domain import EntityKind, Mention, Span, TransferClaim
from mercato.extract import cues
from mercato.extract.consolidate import person_key
from mercato.extract.context import PERSON_KINDS, ArticleContext
from mercato.extract.roles import ClubSlot, role_before_person, role_by_context
from mercato.kb.catalogue import load_catalogue
from mercato.kb.normalise import normalise_alias

TEAM_KINDS = frozenset({EntityKind.CLUB, EntityKind.NATIONAL_TEAM})
_WORD = re.compile(r"[a-z0-9£€$]+(?:['’-][a-z0-9]+)*|[^\w\s]")
# Kinds of text where every person may be paired with every club: they are one short story.
SHORT_KINDS = frozenset({"tweet", "gossip_item"})
_MAX_SENTENCE_GAP = 2
_SHORT_TEXT = 5_000
# A pair met more often than this says nothing new; reading on would only cost time.
_MAX_OCCURRENCES = 8
_CUES = {
    "done": cues.DONE,
    "off": cues.OFF,
    "hedge": cues.HEDGE,
    "bid": cues.BID,
    "bid_rejected": cues.BID_REJECTED,
    "talks": cues.TALKS,
    "approach": cues.APPROACH,
    "monitor": cues.MONITORING,
    "agree": cues.AGREEMENT_HEDGED,
    "medical": cues.MEDICAL,
    "exit": cues.EXIT,
    "loan": cues.LOAN,
}
_RENEWAL = re.compile(r"\b(?:new|improved|fresh|long-term|extended)\s+(?:\w+\s+)?(?:contract|deal|terms)|\bextension\b|\brenew\w*")
_PAST_TENSE = re.compile(r"\b(?:joined|signed|moved|arrived|left|was sold|was loaned|spent|spell|since|in (?:19|20)\d\d|last (?:summer|season|year|january))\b")
_SENTENCE_WORD_PREFIX = "sw:"
_WORDS_OF_SENTENCES = 2  # the sentences that state the candidate, the first two
_SENTENCE_WORD = re.compile(r"[a-z0-9£€$]+(?:['’-][a-z0-9]+)*")
_NOT = re.compile(r"n['’]t\b")
_NEGATIONS = frozenset({"not", "never", "no", "nothing", "without", "cannot", "nor"})
_NEGATION_SCOPE = 4  # words after a negation that it governs, roughly
_MATCH = re.compile(r"\b(?:\d+-\d+|scored|goal|win|won|draw|drew|beat|defeat|lost|match|fixture|half-time|minute)\b")
_CALL_UP = re.compile(r"\b(?:call(?:ed)?[- ]up|squad|international|caps?)\b")


@dataclass
class Candidate:
    """One possible link: a person and a club (None: an exit), with what speaks for it."""

    person: str
    person_id: str | None
    role: str
    club: str | None
    club_id: str | None
    features: set[str] = field(default_factory=set)
    sentences: list[Span] = field(default_factory=list)  # where the pair is seen together
    rule: TransferClaim | None = None  # the rules' link person -> club, if they made one
    occurrences: int = 0  # times the pair was seen together
    # The sentences that state it, as first found: their words (`sentence_words`) are read by
    # the exit, status and loan heads, not by the pair head (they say nothing of which club in a
    # sentence is meant), and only for the few candidates those heads see.
    stated_in: tuple[str, ...] = ()

    def described(self) -> Iterator[str]:
        """Everything the exit, status and loan heads read: the features, then the sentences' words
        (no word is a feature: their prefix sets them apart)."""
        words = sentence_words(self.stated_in[0]) if len(self.stated_in) == 1 else frozenset().union(*map(sentence_words, self.stated_in))
        return itertools.chain(self.features, words)

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.person, self.club)


@dataclass
class _Person:
    label: str
    entity_id: str | None
    role: str
    mentions: list[Mention] = field(default_factory=list)


class _Sentences:
    """Sentence and paragraph lookups by character offset."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.spans = ctx.sentences
        self.starts = [s.start for s in ctx.sentences]
        text = ctx.article.text
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n|\n", text)]
        self.mentions = ctx.mentions  # sorted by start
        self.mention_starts = [m.span.start for m in ctx.mentions]

    def clubs_near(self, index: int, gap: int) -> list[Mention]:
        """The clubs and national teams of the sentences within `gap` of sentence `index`."""
        lo = self.spans[max(0, index - gap)].start
        hi = self.spans[min(len(self.spans) - 1, index + gap)].end
        return [m for m in self.between(lo, hi) if m.kind in TEAM_KINDS]

    def between(self, lo: int, hi: int) -> tuple[Mention, ...]:
        """The mentions that start in [lo, hi), in text order."""
        return self.mentions[bisect.bisect_left(self.mention_starts, lo) : bisect.bisect_left(self.mention_starts, hi)]

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset) - 1


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _bucket(value: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def build_candidates(ctx: ArticleContext, rule_claims: Sequence[TransferClaim]) -> list[Candidate]:
    """Every (person, club) and (person, exit) candidate of an article, with its features."""
    kind = ctx.article.kind or "article"
    lookup = _Sentences(ctx)
    people_mentions = [m for m in ctx.mentions if m.kind in PERSON_KINDS]
    clubs = [m for m in ctx.mentions if m.kind in TEAM_KINDS]
    full_names = sorted(
        {normalise_alias(m.label) for m in people_mentions if " " in m.label.strip()}
        | {normalise_alias(c.person) for c in rule_claims if " " in c.person.strip()},
        key=lambda n: (-len(n), n),
    )
    people: dict[str, _Person] = {}
    for mention in people_mentions:
        key = person_key(mention.label, full_names)
        person = people.setdefault(key, _Person(mention.label, mention.entity_id, _role(mention)))
        person.mentions.append(mention)
        if len(mention.label) > len(person.label):
            person.label = mention.label
        person.entity_id = person.entity_id or mention.entity_id
        if mention.kind is EntityKind.MANAGER:
            person.role = "manager"
    club_counts: dict[str, int] = {}
    for club in clubs:
        club_counts[club.label] = club_counts.get(club.label, 0) + 1
    focus = max(club_counts, key=lambda c: (club_counts[c], c)) if club_counts else None
    current = _current_clubs(ctx, people, lookup)
    for pkey, person in people.items():
        if pkey in current:
            current.setdefault(normalise_alias(person.label), current[pkey])
    rules_by_key: dict[tuple[str, str | None], TransferClaim] = {}
    origins_by_rule: dict[str, set[str]] = {}
    for claim in rule_claims:
        pkey = person_key(claim.person, full_names)
        rules_by_key.setdefault((pkey, _club_norm(claim.to_club)), claim)
        if claim.from_club:
            origins_by_rule.setdefault(pkey, set()).add(_club_norm(claim.from_club) or "")
        if pkey not in people:
            people[pkey] = _Person(claim.person, claim.person_id, claim.role)
    candidates: dict[tuple[str, str | None], Candidate] = {}
    clubs_of: dict[str, list[str | None]] = {}  # each person's paired clubs, in the order met
    # Every person with every club only in a short text: a long one (even a "tweet" of
    # 100,000 characters) pairs within a window, so the cost stays linear in its length.
    is_short = kind in SHORT_KINDS and len(ctx.article.text) <= _SHORT_TEXT
    n_people = len(people)
    for pkey, person in people.items():
        base = {f"kind={kind}", f"role={person.role}", f"npeople={_bucket(n_people, (1, 2, 4, 8))}"}
        if person.entity_id:
            base.add("person:kb")
        if " " not in person.label.strip():
            base.add("person:one-word")
        base.add(f"person:mentions={_bucket(len(person.mentions), (1, 2, 4))}")
        if person.mentions and lookup.index(person.mentions[0].span.start) == 0:
            base.add("person:in-first-sentence")
        exit_candidate = Candidate(person.label, person.entity_id, person.role, None, None, set(base))
        for seen, mention in enumerate(person.mentions):
            p_sentence = lookup.index(mention.span.start)
            p_paragraph = lookup.paragraph(mention.span.start)
            if seen < _MAX_OCCURRENCES:
                _exit_features(exit_candidate, ctx, lookup.spans[p_sentence], mention, lookup)
            if lookup.spans[p_sentence] not in exit_candidate.sentences:
                exit_candidate.sentences.append(lookup.spans[p_sentence])
            for club in clubs if is_short else lookup.clubs_near(p_sentence, _MAX_SENTENCE_GAP):
                c_sentence = lookup.index(club.span.start)
                gap = abs(c_sentence - p_sentence)
                if not is_short and lookup.paragraph(club.span.start) != p_paragraph:
                    continue
                if _overlaps(mention.span, club.span):
                    continue
                ckey = (pkey, _club_norm(club.label))
                candidate = candidates.get(ckey)
                if candidate is None:
                    candidate = Candidate(person.label, person.entity_id, person.role, club.label, club.entity_id, set(base))
                    candidates[ckey] = candidate
                    clubs_of.setdefault(pkey, []).append(ckey[1])
                candidate.occurrences += 1
                if candidate.occurrences <= _MAX_OCCURRENCES:
                    _pair_features(candidate, ctx, lookup, mention, club, gap)
        for club_key_ in clubs_of.get(pkey, []):
            candidate = candidates[(pkey, club_key_)]
            if current.get(pkey) == club_key_:
                candidate.features.add("described-as-his-club")
            if focus is not None and _club_norm(focus) == club_key_:
                candidate.features.add("club:focus")
            count = club_counts.get(candidate.club or "", 0)
            candidate.features.add(f"club:mentions={_bucket(count, (1, 2, 4))}")
            if club_key_ in origins_by_rule.get(pkey, set()):
                candidate.features.add("rule:origin")
            if person.entity_id and candidate.club_id and ctx.article.published:
                club_then = load_catalogue().club_on(person.entity_id, ctx.article.published)
                if club_then == candidate.club_id:
                    candidate.features.add("kb:club-on-date")
        exit_key = (pkey, None)
        candidates[exit_key] = exit_candidate
    for (pkey, club_norm), claim in rules_by_key.items():
        candidate = candidates.get((pkey, club_norm))
        if candidate is None:
            person = people[pkey]
            candidate = Candidate(person.label, person.entity_id, person.role, claim.to_club, claim.to_club_id, {f"kind={kind}", "rule:only"})
            candidates[(pkey, club_norm)] = candidate
        candidate.rule = claim
        candidate.features.add("rule:link")
        candidate.features.add(f"rule:status={claim.status.value}")
        candidate.features.add(f"rule:stage={claim.stage.value}")
        candidate.features.add(f"rule:status={claim.status.value}&kind={kind}")
        if claim.is_loan:
            candidate.features.add("rule:loan")
        if claim.from_club:
            candidate.features.add("rule:has-origin")
        if claim.attribution is not None:
            candidate.features.add("rule:attributed")
        if claim.provenance.span not in candidate.sentences:
            candidate.sentences.append(claim.provenance.span)
    for candidate in candidates.values():
        if candidate.club is not None and current_name_of(current, candidate) not in (None, _club_norm(candidate.club)):
            candidate.features.add("person-described-by-another-club")
    _sibling_features(candidates)
    for candidate in candidates.values():
        _conjoin(candidate.features, kind)
        candidate.stated_in = tuple(s.text for s in candidate.sentences[:_WORDS_OF_SENTENCES])
    return sorted(candidates.values(), key=lambda c: (c.person, c.club or ""))


# What a club's own features say about the person's other clubs: "Liverpool's Salah" makes
# Liverpool his club, and so the other club beside him more likely his destination.
_ORIGIN_SIGNS = frozenset({"club-describes:origin", "rule:origin", "described-as-his-club", "kb:club-on-date"})


def _sibling_features(candidates: dict[tuple[str, str | None], Candidate]) -> None:
    by_person: dict[str, list[Candidate]] = {}
    for (pkey, _), candidate in candidates.items():
        by_person.setdefault(pkey, []).append(candidate)
    for group in by_person.values():
        # National sides are no one's origin or destination here ("France forward").
        clubs = [c for c in group if c.club is not None and "club:national-team" not in c.features]
        origins = {id(c) for c in clubs if c.features & _ORIGIN_SIGNS}
        ruled = {id(c) for c in clubs if "rule:link" in c.features}
        count = f"sib:clubs={_bucket(len(clubs), (0, 1, 2, 3))}"
        for candidate in group:
            f = candidate.features
            f.add(count)
            other_origin = any(k != id(candidate) for k in origins)
            other_ruled = any(k != id(candidate) for k in ruled)
            if candidate.club is not None and "club:national-team" in candidate.features:
                continue
            if candidate.club is None:
                f.add("sib:exit-with-origin" if origins else "sib:exit-no-origin")
                f.add("sib:exit-with-rule-dest" if ruled else "sib:exit-no-rule-dest")
                continue
            mine = id(candidate) in origins
            f.add(f"sib:origin={'self' if mine else 'other' if other_origin else 'none'}")
            if other_ruled:
                f.add("sib:other-rule-dest")
            if mine and other_origin:
                f.add("sib:two-origins")


# Structural features whose meaning differs by kind of text: a club beside a person in a gossip
# item is usually his suitor, in a match report usually not.
_CONJOINED = (
    "club-role:", "club-describes", "order:", "between-words=", "cooc:", "rule:", "described-as",
    "kb:", "another-", "person-described", "near:cue:", "club:", "first-sentence", "s:match",
    "s:call-up", "s:past", "near:past", "near:renewal", "btwseq:", "sib:",
)


def _conjoin(features: set[str], kind: str) -> None:
    group = "short" if kind in SHORT_KINDS else "long"
    features.update([f"{group}|{f}" for f in features if f.startswith(_CONJOINED)])


def current_name_of(current: dict[str, str | None], candidate: Candidate) -> str | None:
    return current.get(normalise_alias(candidate.person))


def _role(mention: Mention) -> str:
    return "manager" if mention.kind is EntityKind.MANAGER else "player"


def _club_norm(name: str | None) -> str | None:
    return normalise_alias(name) if name else None


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _current_clubs(ctx: ArticleContext, people: dict[str, _Person], lookup: _Sentences) -> dict[str, str | None]:
    """Each person's club as a descriptor gives it ("Leeds winger Jack Harrison")."""
    found: dict[str, str | None] = {}
    for pkey, person in people.items():
        for mention in person.mentions:
            near = lookup.between(max(0, mention.span.start - 140), mention.span.start)
            before = [c for c in near if c.kind in TEAM_KINDS and c.span.end <= mention.span.start and mention.span.start - c.span.end <= 60]
            if not before:
                continue
            club = before[-1]
            sentence = lookup.spans[lookup.index(mention.span.start)] if lookup.spans else None
            if sentence is None or club.span.start < sentence.start:
                continue
            slot = ClubSlot(club.span.start - sentence.start, club.span.end - sentence.start, club.label, club.entity_id)
            role = role_before_person(sentence.text, slot, mention.span.start - sentence.start)
            if role is not None and role.value == "origin":
                found.setdefault(pkey, _club_norm(club.label))
    return found


def _sentence_features(prefix: str, text: str, into: set[str]) -> None:
    into.update(_cue_features(prefix, text))


@lru_cache(maxsize=4096)
def _cue_features(prefix: str, text: str) -> frozenset[str]:
    """The cues of a sentence or clause (cached: each sentence is read for many pairs)."""
    into: set[str] = set()
    lower = text.lower()
    for name, pattern in _CUES.items():
        if pattern.search(lower):
            into.add(f"{prefix}cue:{name}")
    if _RENEWAL.search(lower):
        into.add(f"{prefix}renewal")
    if _PAST_TENSE.search(lower):
        into.add(f"{prefix}past")
    if _MATCH.search(lower):
        into.add(f"{prefix}match-words")
    if _CALL_UP.search(lower):
        into.add(f"{prefix}call-up-words")
    if "?" in text:
        into.add(f"{prefix}question")
    return frozenset(into)


@lru_cache(maxsize=4096)
def sentence_words(text: str) -> frozenset[str]:
    """Every word of a sentence (`sw:`), and the few after a negation also as negated (`sw:neg:`).

    Whether a move is on, done or off is said in words no cue list foresees ("will not be
    leaving", "played down", "broke down"); the status, exit and loan heads learn them from
    these (`Candidate.described`).
    """
    into: set[str] = set()
    scope = 0
    for word in _SENTENCE_WORD.findall(_NOT.sub(" not", text.lower())):
        if word in _NEGATIONS:
            into.add(f"{_SENTENCE_WORD_PREFIX}NEG")
            scope = _NEGATION_SCOPE
            continue
        into.add(f"{_SENTENCE_WORD_PREFIX}{word}")
        if scope:
            into.add(f"{_SENTENCE_WORD_PREFIX}neg:{word}")
            scope -= 1
    return frozenset(into)


def _pair_features(candidate: Candidate, ctx: ArticleContext, lookup: _Sentences, person: Mention, club: Mention, gap: int) -> None:
    text = ctx.article.text
    f = candidate.features
    sentence = lookup.spans[lookup.index(club.span.start)]
    if gap == 0:
        f.add("cooc:same-sentence")
    else:
        f.add(f"cooc:gap={min(gap, 3)}")
    # Sentences that state the pair: where they meet, else the club's (he was named just before).
    if sentence not in candidate.sentences and (gap == 0 or not candidate.sentences):
        candidate.sentences.insert(0, sentence) if gap == 0 else candidate.sentences.append(sentence)
    if club.kind is EntityKind.NATIONAL_TEAM:
        f.add("club:national-team")
    before = club.span.start < person.span.start
    f.add("order:club-first" if before else "order:person-first")
    lo, hi = (club.span.end, person.span.start) if before else (person.span.end, club.span.start)
    between = _words(text[lo:hi]) if hi > lo else []
    if gap == 0:
        f.add(f"between-words={_bucket(len(between), (0, 1, 2, 4, 7, 12, 20))}")
        if len(between) <= 8:
            for word in between:
                f.add(f"btw:{word}")
            if len(between) <= 4:
                f.add(f"btwseq:{' '.join(between)}|{'cp' if before else 'pc'}")
        elif len(between) <= 20:
            for word in between:
                f.add(f"btw-far:{word}")
        inside = lookup.between(lo, hi)
        others = [m for m in inside if m.kind in PERSON_KINDS and m.label != person.label]
        if others:
            f.add("another-person-between")
        if any(m.kind in TEAM_KINDS for m in inside):
            f.add("another-club-between")
        left = _words(text[max(sentence.start, club.span.start - 40) : club.span.start])[-3:]
        right = _words(text[club.span.end : min(sentence.end, club.span.end + 40)])[:3]
        for i, word in enumerate(reversed(left), 1):
            f.add(f"club-{i}:{word}")
        if len(left) >= 2:
            f.add(f"club-bi:{left[-2]} {left[-1]}")
        for i, word in enumerate(right, 1):
            f.add(f"club+{i}:{word}")
        if len(right) >= 2:
            f.add(f"club+bi:{right[0]} {right[1]}")
        p_left = _words(text[max(sentence.start, person.span.start - 30) : person.span.start])[-2:]
        p_right = _words(text[person.span.end : min(sentence.end, person.span.end + 30)])[:2]
        for i, word in enumerate(reversed(p_left), 1):
            f.add(f"person-{i}:{word}")
        for i, word in enumerate(p_right, 1):
            f.add(f"person+{i}:{word}")
        slot = ClubSlot(club.span.start - sentence.start, club.span.end - sentence.start, club.label, club.entity_id)
        f.add(f"club-role:{role_by_context(sentence.text, slot).value}")
        if before:
            described = role_before_person(sentence.text, slot, person.span.start - sentence.start)
            if described is not None:
                f.add(f"club-describes:{described.value}")
        following = next(
            (m for m in lookup.between(club.span.end, sentence.end) if m.kind in PERSON_KINDS),
            None,
        )
        if following is not None and following.label != person.label:
            described = role_before_person(sentence.text, slot, following.span.start - sentence.start)
            if described is not None and described.value == "origin":
                f.add("club-describes-another-person")
        abstract = _abstract_between(ctx, lo, hi, lookup)
        if len(abstract) <= 12:
            for a, b in itertools.pairwise(abstract):
                f.add(f"btw-bi:{a} {b}")
            if len(abstract) <= 6:
                f.add(f"btwseq-abs:{' '.join(abstract)}|{'cp' if before else 'pc'}")
        _sentence_features("s:", sentence.text, f)
        clubs_here = [m for m in lookup.between(sentence.start, sentence.end) if m.kind in TEAM_KINDS]
        if _RENEWAL.search(sentence.text.lower()):
            # A new deal offered by the only club in the sentence is a renewal, not a move.
            sole = len({m.label for m in clubs_here}) == 1
            f.add("renewal-sole-club" if sole else "renewal-among-clubs")
            if sole and role_by_context(sentence.text, slot).value == "subject":
                f.add("renewal-offered-by-club")  # "X are ready to offer him a new deal": his own club
        # The clause around the club: cues near it speak of this move more than cues far off.
        clause = text[max(sentence.start, club.span.start - 60) : min(sentence.end, club.span.end + 40)]
        _sentence_features("near:", clause, f)
        if lookup.index(sentence.start) == 0:
            f.add("first-sentence")


_NUMBER = re.compile(r"^\d+$|^\d+-year-old$")
_MONEY = re.compile(r"^[£€$]|^\d+(?:\.\d+)?(?:m|bn|k)$")


def _abstract_between(ctx: ArticleContext, lo: int, hi: int, lookup: _Sentences) -> list[str]:
    """The words between two mentions, other names replaced by their kind ("<club>", "<person>")."""
    text = ctx.article.text
    out: list[str] = []
    position = lo
    for mention in lookup.between(lo, hi):
        if mention.span.end > hi or mention.span.start < position:
            continue
        out.extend(_shape(w) for w in _words(text[position : mention.span.start]))
        out.append("<person>" if mention.kind in PERSON_KINDS else f"<{mention.kind.value}>")
        position = mention.span.end
    out.extend(_shape(w) for w in _words(text[position:hi]))
    return out


def _shape(word: str) -> str:
    if _MONEY.match(word):
        return "<money>"
    if _NUMBER.match(word):
        return "<num>"
    return word


def _exit_features(candidate: Candidate, ctx: ArticleContext, sentence: Span, person: Mention, lookup: _Sentences) -> None:
    f = candidate.features
    lower = sentence.text.lower()
    _sentence_features("s:", sentence.text, f)
    text = ctx.article.text
    left = _words(text[max(sentence.start, person.span.start - 40) : person.span.start])[-3:]
    right = _words(text[person.span.end : min(sentence.end, person.span.end + 60)])[:5]
    for i, word in enumerate(reversed(left), 1):
        f.add(f"x-{i}:{word}")
    for i, word in enumerate(right, 1):
        f.add(f"x+{i}:{word}")
        f.add(f"x+:{word}")
    if len(right) >= 2:
        f.add(f"x+bi:{right[0]} {right[1]}")
    # What is said of a list of people is said of each: skip the rest of the list first.
    after = _abstract_between(ctx, person.span.end, min(sentence.end, person.span.end + 160), lookup)
    while after and after[0] in ("<person>", "<num>", ",", "and", "or", "&"):
        after = after[1:]
    for i, word in enumerate(after[:5], 1):
        f.add(f"xl+{i}:{word}")
        f.add(f"xl+:{word}")
    if cues.EXIT.search(lower):
        start = person.span.start - sentence.start
        for match in cues.EXIT.finditer(lower):
            distance = abs(match.start() - start)
            f.add(f"exit-cue-near={_bucket(distance, (30, 80, 150))}")
            f.add(f"exit-cue:{match.group(0)[:20]}")
    if not any(m.kind in TEAM_KINDS for m in lookup.between(sentence.start, sentence.end)):
        f.add("sentence-without-club")


def features_of(candidates: Iterable[Candidate]) -> list[set[str]]:
    """The feature sets of candidates, in order (what the model reads)."""
    return [c.features for c in candidates]

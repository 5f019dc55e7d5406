"""Quotes: who said what, in which outlet, about whom.

Quoted speech is found in the article's text by its quote marks (so a quote that sentence
splitting cuts in pieces stays whole). The speaker comes from the words around it: `"...," said
X`, `"...," X added`, `X told Sky Sports: "..."`, or an introducing line before a quote
paragraph ("He said:"), where a pronoun carries the subject of the sentence before it over.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from mercato.domain import Claim, EntityKind, Mention, Quote, Span
from mercato.extract.context import PERSON_KINDS, ArticleContext
from mercato.extract.registry import register

EXTRACTOR = "quote.rules.v1"
_I = re.IGNORECASE

SPEAKER_KINDS = PERSON_KINDS | frozenset({EntityKind.JOURNALIST})
_OUTLET_KINDS = frozenset({EntityKind.OUTLET})

_QUOTED = re.compile(r"“(?P<a>[^”]+)”|\"(?P<b>[^\"\n]+)\"")
_MIN_WORDS = 4  # shorter quoted bits are names or scare quotes ("the Galacticos")

_SAY = (
    r"(?:said|says|added|adds|told|tells|explained|explains|insisted|insists|admitted|admits|"
    r"claimed|claims|revealed|reveals|wrote|writes|stated|states|continued|continues|"
    r"declared|declares|remarked|noted|warned|commented|suggested|argued|believes|"
    r"reflected|joked|concluded|confirmed|confirms)"
)
# After the quote: `," said X` / `," X added` / `," he said`.
_SAY_THEN_NAME = re.compile(rf"\s*,?\s*{_SAY}\s+(?=\S)", _I)
_NAME_THEN_SAY = re.compile(rf"\s+(?:has\s+|had\s+)?{_SAY}\b", _I)
_PRONOUN_SAY = re.compile(rf"\s*,?\s*(?:he|she)\s+(?:has\s+|had\s+)?{_SAY}\b", _I)
# Before the quote: an introducing clause that ends in a verb of saying and a colon or comma.
_INTRO = re.compile(rf"\b(?P<verb>{_SAY})\b[^.!?\"“”]{{0,80}}?[:,]?\s*$", _I)
_PRONOUN_BEFORE = re.compile(r"\b(?:he|she)\s+(?:has\s+|had\s+|also\s+|then\s+)?$", _I)
# Between a speaker and the verb: an apposition and a few words ("X, the Celtic boss, has said").
_SUBJECT_GAP = re.compile(
    r"(?:'s?|’s?)?\s*(?:,[^,.!?\"“”]{1,80},\s*)?(?:(?!he\b|she\b)[\w'-]+\s+){0,3}", _I
)
_SHORT_TAG = 6  # '"...." said the Celtic boss Martin Dale.' at most
_TITLE_WORDS = frozenset(
    [
        "former",
        "ex",
        "veteran",
        "new",
        "caretaker",
        "interim",
        "the",
        "a",
        "an",
        "and",
        "but",
        "so",
        "his",
        "their",
        "boss",
        "manager",
        "coach",
        "head",
        "striker",
        "defender",
        "midfielder",
        "goalkeeper",
        "keeper",
        "forward",
        "winger",
        "full-back",
        "centre-back",
        "captain",
        "chief",
        "president",
        "director",
        "chairman",
        "owner",
        "international",
        "pundit",
        "columnist",
        "journalist",
        "star",
        "legend",
        "minister",
        "sporting",
        "executive",
        "agent",
        "team-mate",
        "teammate",
        "assistant",
    ]
)
_ROLE = (
    r"(?P<role>(?:[\w'.’-]+\s+){0,3}?(?:manager|boss|head\s+coach|coach|chairman|chief\s+executive|"
    r"president|director|owner|striker|midfielder|defender|goalkeeper|keeper|winger|forward|"
    r"captain|skipper|international|pundit|agent))\b"
)
# '"...," said the Celtic manager' / '"...," the Celtic manager said' / 'The Celtic boss added:'
_SAY_THEN_ROLE = re.compile(rf"\s*,?\s*{_SAY}\s+the\s+{_ROLE}", _I)
_ROLE_THEN_SAY = re.compile(rf"\s*,?\s*the\s+{_ROLE}\s+(?:has\s+|had\s+)?{_SAY}\b", _I)
_ROLE_BEFORE_VERB = re.compile(rf"\bthe\s+{_ROLE}\s+(?:has\s+|had\s+|also\s+|then\s+)?$", _I)
_ROLE_HEADS: dict[str, tuple[str, ...]] = {
    "manager": ("manager", "boss", "head coach", "coach"),
    "boss": ("manager", "boss", "head coach", "coach"),
    "coach": ("manager", "boss", "head coach", "coach"),
    "executive": ("chief executive",),
    "skipper": ("captain", "skipper"),
    "captain": ("captain", "skipper"),
    "keeper": ("goalkeeper", "keeper"),
}
_SUBJECT_LEAD_WORDS = 4  # "former Chelsea striker X": a subject is named near its clause's start
_OUTLET_CUE = re.compile(
    r"\b(?:told|tells|to|for|in|with|on|via|telling|speaking\s+to|writing\s+in)\s+$", _I
)


@dataclass(frozen=True)
class _Said:
    speaker: Mention
    outlet: str | None
    span: Span  # where the speaker was named or carried over from


def _person_before(mentions: list[Mention], offset: int) -> Mention | None:
    before = [m for m in mentions if m.span.end <= offset]
    return before[-1] if before else None


def _outlet_in(ctx: ArticleContext, start: int, end: int) -> str | None:
    """An outlet named in [start, end) after "told"/"for"/"to"/"in": the one that carried it."""
    text = ctx.article.text
    for mention in ctx.mentions_in(ctx.span(start, end), _OUTLET_KINDS):
        if _OUTLET_CUE.search(text[max(start, mention.span.start - 20) : mention.span.start]):
            return mention.label
    return None


def _is_title_word(word: str) -> bool:
    """Whether a word may stand before a name in its subject ("former Chelsea striker X")."""
    return word[:1].isupper() or word.endswith(("'s", "’s")) or word.lower() in _TITLE_WORDS


def _sentence_subject(ctx: ArticleContext, before: int) -> tuple[Mention | None, Span] | None:
    """Whom "he" stands for: the subject of the nearest sentence before `before` naming anyone.

    That is its first person when named as its subject ("In his column, former striker X hit
    out at Y"); None for the person when the subject is only described ("But the Portuguese
    coach wants X to..."): whoever that is, it is not X.
    """
    sentences = [s for s in ctx.sentences if s.start < before]
    for sentence in reversed(sentences[-3:]):
        region = ctx.span(sentence.start, min(sentence.end, before))
        persons = ctx.mentions_in(region, SPEAKER_KINDS)
        if not persons:
            continue
        lead = ctx.article.text[region.start : persons[0].span.start].rsplit(",", 1)[-1]
        if len(lead.split()) <= _SUBJECT_LEAD_WORDS and all(
            _is_title_word(word) for word in lead.split()
        ):
            return persons[0], region
        return None, region
    return None


def _described(ctx: ArticleContext, role: str, before: int) -> Mention | None:
    """The person a role stands for ("the Celtic manager"): the latest one introduced with it.

    That is a person named before `before` right after the role's head noun ("Celtic manager
    Martin Dale", "Argyle's Austrian boss Miron Muslic"), with the role's capitalised words
    ("Celtic") close by when it has any.
    """
    text = ctx.article.text
    words = role.split()
    head = words[-1].lower()
    heads = _ROLE_HEADS.get(head, (head,))
    qualifiers = [w.rstrip("'’s") for w in words[:-1] if w[:1].isupper()]
    found = None
    for mention in ctx.mentions:
        if mention.span.end > before:
            break
        if mention.kind not in SPEAKER_KINDS:
            continue
        lead = text[max(0, mention.span.start - 40) : mention.span.start].lower()
        if not any(re.search(rf"\b{re.escape(h)}\s*,?\s*$", lead) for h in heads):
            continue
        if qualifiers and not any(q.lower() in lead for q in qualifiers):
            continue
        found = mention
    return found


def _after(ctx: ArticleContext, start: int, end: int, previous: _Said | None) -> _Said | None:
    """A speaker named right after the quote: `," said X` or `," X said` or `," he said`."""
    text = ctx.article.text
    line_end = text.find("\n", end)
    stop = min(x for x in (line_end if line_end >= 0 else len(text), end + 120, len(text)))
    tail = ctx.span(end, stop)
    speakers = ctx.mentions_in(tail, SPEAKER_KINDS)
    closed = text[:end].rstrip('"”’ ').endswith(".")
    clause = re.split(r"[.!?]", text[end:stop], maxsplit=1)[0]
    if closed and not text[end:stop].lstrip().startswith(",") and len(clause.split()) > _SHORT_TAG:
        return None  # a new sentence that merely starts with a name ("X claimed his gesture...")
    said = _SAY_THEN_NAME.match(text, end, stop)
    if said and speakers and speakers[0].span.start == said.end():
        return _Said(speakers[0], _outlet_in(ctx, end, stop), tail)
    if (
        speakers
        and re.fullmatch(r"\s*,?\s*", text[end : speakers[0].span.start])
        and _NAME_THEN_SAY.match(text, speakers[0].span.end, stop)
    ):
        return _Said(speakers[0], _outlet_in(ctx, end, stop), tail)
    role = _SAY_THEN_ROLE.match(text, end, stop) or _ROLE_THEN_SAY.match(text, end, stop)
    if role:
        described = _described(ctx, role["role"], start)
        return _Said(described, _outlet_in(ctx, end, stop), tail) if described else None
    if _PRONOUN_SAY.match(text, end, stop):
        # "he" is the subject of the sentence before the quote, unless a quote came in between
        subject = _sentence_subject(ctx, start)
        if previous is not None and (subject is None or subject[1].end <= previous.span.start):
            return _Said(previous.speaker, _outlet_in(ctx, end, stop) or previous.outlet, tail)
        if subject is not None and subject[0] is not None:
            return _Said(subject[0], _outlet_in(ctx, end, stop), subject[1])
    return None


def _intro_start(ctx: ArticleContext, start: int, prev_end: int) -> tuple[int, int]:
    """Where the clause introducing a quote at `start` begins and ends."""
    text = ctx.article.text
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        last = len(text[:start].rstrip()) - 1  # a splitter may start a sentence at the quote
        sentence = ctx.sentence_of(last)
        begin = sentence.start if sentence else line_start
        return max(begin, prev_end, line_start), start
    # the quote opens its paragraph: the introducing line is the paragraph before it
    end = len(text[:line_start].rstrip())
    sentence = ctx.sentence_of(end - 1) if end else None
    return (max(sentence.start if sentence else end, prev_end), end)


def _before(ctx: ArticleContext, start: int, prev_end: int, previous: _Said | None) -> _Said | None:
    """A speaker named in the clause that introduces the quote ("Cascarino added:")."""
    text = ctx.article.text
    intro_start, intro_end = _intro_start(ctx, start, prev_end)
    if intro_end <= intro_start:
        return None
    intro = _INTRO.search(text, intro_start, intro_end)
    if intro is None:
        return None
    span = ctx.span(intro_start, intro_end)
    speakers = ctx.mentions_in(span, SPEAKER_KINDS)
    named = _person_before(speakers, intro.start("verb"))
    if named is not None and _SUBJECT_GAP.fullmatch(text, named.span.end, intro.start("verb")):
        return _Said(named, _outlet_in(ctx, intro_start, intro_end), span)
    role = _ROLE_BEFORE_VERB.search(text, intro_start, intro.start("verb"))
    if role:
        described = _described(ctx, role["role"], intro_start)
        if described is not None:
            return _Said(described, _outlet_in(ctx, intro_start, intro_end), span)
        return None
    pronoun = _PRONOUN_BEFORE.search(text, intro_start, intro.start("verb"))
    if pronoun:
        subject = _sentence_subject(ctx, pronoun.start())
        if previous is not None and (subject is None or subject[1].end <= previous.span.start):
            return _Said(previous.speaker, previous.outlet, span)
        if subject is not None and subject[0] is not None:
            person, sentence = subject[0], subject[1]
            outlet = _outlet_in(ctx, intro_start, intro_end) or _outlet_in(
                ctx, sentence.start, sentence.end
            )
            return _Said(person, outlet, ctx.span(sentence.start, intro_end))
    return None


def _about(ctx: ArticleContext, quote: Span, said: _Said) -> Mention | None:
    """The person the quote is about: the one it names most, ties going to one named nearby."""
    named = [m for m in ctx.mentions_in(quote, PERSON_KINDS) if m.label != said.speaker.label]
    if not named:
        return None
    counts = Counter(m.label for m in named)
    around = {m.label for m in ctx.mentions_in(said.span, PERSON_KINDS)}
    best = max(counts.values())
    tied = [m for m in named if counts[m.label] == best]
    for mention in tied:
        if mention.label in around:
            return mention
    return tied[0]


@register(EXTRACTOR, order=60)
def extract_quotes(ctx: ArticleContext) -> list[Claim]:
    """Quoted speech with its speaker, the outlet that carried it, and whom it is about."""
    text = ctx.article.text
    claims: list[Claim] = []
    previous: _Said | None = None
    prev_end = 0
    by_speaker: dict[str, str | None] = {}
    for match in _QUOTED.finditer(text):
        words = (match["a"] or match["b"]).strip()
        if len(words.split()) < _MIN_WORDS:
            continue
        said = _after(ctx, match.start(), match.end(), previous) or _before(
            ctx, match.start(), prev_end, previous
        )
        if said is None and previous is not None and _continues(text, prev_end, match.start()):
            said = previous  # straight after another quote by the same speaker
        prev_end = match.end()
        if said is None:
            continue
        outlet = said.outlet or by_speaker.get(said.speaker.label)
        said = _Said(said.speaker, outlet, said.span)
        by_speaker.setdefault(said.speaker.label, outlet)
        span = ctx.span(match.start(), match.end())
        about = _about(ctx, span, said)
        claims.append(
            Quote(
                speaker=said.speaker.label,
                text=words,
                provenance=ctx.provenance(span, EXTRACTOR),
                about=about.label if about else None,
                outlet=outlet,
                speaker_id=said.speaker.entity_id,
            )
        )
        previous = said
    return claims


def _continues(text: str, prev_end: int, start: int) -> bool:
    """Whether only white space, or the previous quote's own short tag, lies before this one."""
    if prev_end <= 0:
        return False
    gap = text[prev_end:start]
    if not gap.strip():
        return True
    return (
        len(gap.split()) <= _SHORT_TAG
        and bool(re.search(rf"\b{_SAY}\b", gap, _I))
        and bool(re.search(r"[.,:]\s*$", gap))
    )

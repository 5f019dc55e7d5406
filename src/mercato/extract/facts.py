"""Facts about people, with the date they held: age, position, foot, caps, stats, market value.

Each fact is attached to the person it is about: a person mention that covers or directly
follows the phrase ("the 23-year-old Bastoni"), else the nearest person named before it in the
sentence ("Bastoni, 23,"), else, for a sentence that names nobody ("the Dutchman has scored..."),
the person the sentences before it are about (see `subject_before`).
"""

from __future__ import annotations

import re
from datetime import date

from mercato.domain import Claim, EntityKind, FactClaim, Mention, Span
from mercato.extract.context import PERSON_KINDS, TEAM_KINDS, ArticleContext
from mercato.extract.fees import find_fees
from mercato.extract.numbers import COUNT, parse_count
from mercato.extract.registry import register

EXTRACTOR = "fact.rules.v1"

# Words that may sit between a descriptor and the name it describes ("the 23-year-old defender
# Bastoni"); a verb or a preposition there means the name belongs to another clause.
_DESCRIPTOR_GAP = re.compile(r"^\s*(?:(?:[A-Za-z][\w'-]*|\d+)\s+){0,3}$")
_NOT_DESCRIPTOR = re.compile(
    r"\b(?:is|was|are|were|has|have|had|will|would|could|should|joined|signed|said|and|but|or|to|"
    r"from|for|with|in|at|of|by|on|than|as|after|before|who|which|that)\b",
    re.IGNORECASE,
)

_AGE_AFTER_NAME = re.compile(
    r"\s?(?:,\s?|\(\s?)(?P<age>1[5-9]|[2-4]\d)\s?(?:,|\)|-|–|—|\s+and\b|\s?$)"
)
_YEAR_OLD = re.compile(rf"\b(?P<age>{COUNT})[- ]years?[- ]old\b", re.IGNORECASE)
_AGED = re.compile(r"\baged\s+(?P<age>1[5-9]|[2-4]\d)\b", re.IGNORECASE)
_YO = re.compile(r"\b(?P<age>1[5-9]|[2-4]\d)\s?(?:yo|y/o|y\.o\.)(?![\w/])", re.IGNORECASE)  # "32yo"
# "2000 born winger", "the 2004-born midfielder", "born in 1999"
_BORN = re.compile(
    r"\b(?P<year>(?:19[6-9]|20[0-2])\d)[- ]born\b|\bborn\s+in\s+(?P<year2>(?:19[6-9]|20[0-2])\d)\b",
    re.IGNORECASE,
)

_POSITIONS: dict[str, str] = {
    "goalkeeper": "goalkeeper", "keeper": "goalkeeper", "goalie": "goalkeeper",
    "shot-stopper": "goalkeeper", "centre-back": "centre-back", "center-back": "centre-back",
    "centre back": "centre-back", "center back": "centre-back", "centre-half": "centre-back",
    "central defender": "centre-back", "left-back": "left-back", "left back": "left-back",
    "right-back": "right-back", "right back": "right-back", "full-back": "full-back",
    "fullback": "full-back", "left wing-back": "left wing-back",
    "right wing-back": "right wing-back", "wing-back": "wing-back", "defender": "defender",
    "defensive midfielder": "defensive midfielder", "holding midfielder": "defensive midfielder",
    "central midfielder": "central midfielder", "attacking midfielder": "attacking midfielder",
    "midfielder": "midfielder", "playmaker": "attacking midfielder",
    "left winger": "left winger", "right winger": "right winger", "winger": "winger",
    "centre-forward": "centre-forward", "center-forward": "centre-forward",
    "centre forward": "centre-forward", "center forward": "centre-forward",
    "striker": "striker", "forward": "forward", "frontman": "striker",
}  # fmt: skip
_POSITION = re.compile(
    r"\b(?P<pos>"
    + "|".join(re.escape(p) for p in sorted(_POSITIONS, key=len, reverse=True))
    + r")\b",  # singular only: "plenty of defenders keen to kick him" describes others
    re.IGNORECASE,
)
# "need a striker", "sign a new centre-back": the position is a wish, not a description.
_POSITION_WISH = re.compile(
    r"\b(?:need|needs|needed|want|wants|sign|signing|seek|seeking|search|after|search\s+for|"
    r"replacement\s+for|looking\s+for|new|another|"
    r"replacement|replace|target|targeting|priority|than|like|buy|buying|recruit|add|adding|"
    r"bring\s+in|bringing\s+in|land|find|get|loan\s+in|cover|short\s+of|lack)"
    r"\s+(?:a|an|the|new|another)?\s*(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
_ROLE_BEFORE = re.compile(r"\b(?:boss|manager|head\s+coach|coach)\s+$", re.IGNORECASE)
_ROLE_AFTER = re.compile(
    r",?\s+(?:is|was|has\s+been|had\s+been)\s+(?:[\w'-]+\s+){0,8}?"
    r"(?:boss|manager|head\s+coach|coach)\b",
    re.IGNORECASE,
)
_LEADING_NAME = re.compile(
    r"(?P<word>(?-i:[A-Z][\w'-]+))(?:[\s-](?-i:[A-Z][\w'-]+))*"
    r"(?:,|\s+(?:has|have|had|is|was|who|scored|made|won|will|could))"
)
_SENTENCE_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "his",
        "her",
        "they",
        "their",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "overall",
        "however",
        "but",
        "and",
        "so",
        "meanwhile",
        "former",
        "ex",
        "in",
        "on",
        "at",
        "after",
        "before",
        "since",
        "with",
        "while",
        "when",
        "although",
        "though",
        "if",
        "as",
        "yet",
        "now",
        "then",
        "also",
        "still",
        "both",
        "all",
        "some",
        "many",
        "most",
        "only",
        "even",
        "just",
        "last",
        "next",
        "earlier",
        "later",
        "despite",
        "having",
        "being",
        "according",
        "asked",
        "speaking",
        "currently",
        "previously",
        "initially",
    ]
)
_SOMEONE_ELSES = re.compile(
    r"\b(?:his|her|their|its|our|your|my)\s+(?:own\s+)?(?:[\w'-]+\s+){0,2}$|"
    r"\b(?:said|says|added|adds|admitted|explained|insisted|claimed|told)\s+the\s+"
    r"(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
_NOT_A_POSITION = re.compile(
    r"[\s-]+(?:to|options|line|positions|areas|roles|department|thinking|planning|players|"
    r"defenders|ones|pair|pairing|partnership|duo|trio|coach)\b",
    re.IGNORECASE,
)
_FORWARD_VERB = re.compile(
    r"\b(?:look|looks|looking|looked|going|go|goes|way|step|stepped|put|bring|brought|came|come|"
    r"comes|straight|further)\s+$|"
    r"\b(?:take|takes|taking|took|move|moves|moving|moved|drive|driving|push|pushing|pushed|carry|"
    r"carried|carrying)\s+(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
_UNKNOWN_NAME = re.compile(r"\s+(?-i:[A-Z][\w'-]+)(?:\s+(?-i:[A-Z][\w'-]+))*\b")
_NON_PLAYER_ROLE = re.compile(
    r"\b(?:agent|boss|manager|coach|director|president|chairman|owner|father|brother|"
    r"representative|adviser|advisor|executive|chief|pundit|columnist|journalist|reporter)"
    r"[,\s]+$",
    re.IGNORECASE,
)
_DEFINITE = re.compile(r"\b(?:the|The)\s+(?:[\w'-]+\s+){0,3}$")
_FOOT = re.compile(r"\b(?P<foot>left|right|two)[- ]footed\b", re.IGNORECASE)

_CAP_DESCRIPTOR = re.compile(
    rf"\b(?P<n>{COUNT})-cap\s+(?P<team>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)?)?"
)
_TEAM_NAME = (
    r"(?-i:[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)?)"  # "Spain", "Czech Republic"; not "his country"
)
_CAPS = re.compile(
    rf"\b(?P<n>{COUNT})\s+(?:senior\s+|international\s+|full\s+)?caps?\b"
    rf"(?:\s+(?:for|with)\s+(?P<team>{_TEAM_NAME}))?|"
    rf"\bcapped\s+(?P<n2>{COUNT})\s+times(?:\s+by\s+(?P<team2>{_TEAM_NAME}))?",
    re.IGNORECASE,
)
_INTERNATIONAL = re.compile(
    r"^\s+(?:international|star\s+international|captain|int'l|int’l|intl)(?!\w)"
)

_STAT_NOUNS: dict[str, str] = {
    "goal contributions": "goal_contributions", "goal involvements": "goal_contributions",
    "goals": "goals", "goal": "goals", "assists": "assists", "assist": "assists",
    "appearances": "appearances", "appearance": "appearances", "apps": "appearances",
    "games": "appearances", "matches": "appearances", "outings": "appearances",
    "clean sheets": "clean_sheets", "starts": "starts",
}  # fmt: skip
_STAT = re.compile(
    rf"\b(?P<n>{COUNT})\s+(?:(?:league|competitive|senior|first-team|official|Premier\s+League|"
    r"Serie\s+A|La\s+Liga|Bundesliga|Ligue\s+1|international|top-flight|club)\s+)?"
    r"(?P<noun>" + "|".join(sorted(_STAT_NOUNS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_STAT_TIMES = re.compile(
    rf"\b(?:scored|netted|struck|found\s+the\s+net)\s+(?P<n>{COUNT})\s+times\b", re.IGNORECASE
)
# A count that is not a player's tally: "his last five games", "unbeaten in four games", "lost
# all three games", "a further two games" (a ban), "more than one goal", "two goals down".
_STAT_NOT_HIS = re.compile(
    r"\b(?:last|next|past|previous|remaining|first|final|opening|conceded|lost|won|drawn|unbeaten|"
    r"all|further|another|miss|misses|missed|more\s+than|fewer\s+than|less\s+than|number|not|"
    r"never|no|those|these|the|are|were|be|defeats|wins|draws|victories|points)\s+(?:\w+\s+)?$|"
    r"\bcharge\s+(?:for|of)\s+$|\b(?:unbeaten|winless|without\s+a\s+win|lasted|ban|banned|"
    r"suspended|sidelined|out\s+for)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_STAT_NOT_HIS_AFTER = re.compile(
    r"\s+(?:down|up|behind|ahead|clear|to\s+spare|in\s+charge|difference|deficit|margin|"
    r"is|was|will|would|of\s+the\s+(?:season|summer|month|tournament))\b",
    re.IGNORECASE,
)
# Player facts are not read for managers the recogniser marked as such.
_PLAYER_FACTS = frozenset(
    {"position", "foot", "caps", "national_team", "goals", "assists", "appearances",
     "goal_contributions", "clean_sheets", "starts", "market_value"}
)  # fmt: skip
_STAT_CLUB = re.compile(r"\b(?:for|with|at)\s+(?:the\s+)?$", re.IGNORECASE)
_MARKET_VALUE_CUE = re.compile(r"transfermarkt|market\s+value", re.IGNORECASE)


def last_person_before(ctx: ArticleContext, offset: int) -> Mention | None:
    """The last person mention that ends before `offset`."""
    found = None
    for mention in ctx.mentions:
        if mention.span.end > offset:
            break
        if mention.kind in PERSON_KINDS:
            found = mention
    return found


def subject_before(ctx: ArticleContext, offset: int, window: int = 3) -> Mention | None:
    """The person a sentence that names nobody is about ("the Dutchman has scored...").

    Among the people named in the last `window` sentences before `offset` that name anyone, the
    one named most often in the article so far, with one point more for the person of the
    nearest such sentence when it names only one; ties go to the most recent. A bare "last
    person named" would pick the end of a list ("Matip, Gomez and Phillips") or an object
    ("partner to X").
    """
    naming: list[list[Mention]] = []
    for sentence in reversed([s for s in ctx.sentences if s.end <= offset]):
        persons = ctx.mentions_in(sentence, PERSON_KINDS)
        if persons:
            naming.append(persons)
            if len(naming) == window:
                break
    if not naming:
        return last_person_before(ctx, offset)
    counts: dict[str, int] = {}
    for mention in ctx.mentions:
        if mention.span.end <= offset and mention.kind in PERSON_KINDS:
            counts[mention.label] = counts.get(mention.label, 0) + 1
    nearest = naming[0]
    bonus_label = nearest[0].label if len({m.label for m in nearest}) == 1 else None
    best: tuple[int, int, Mention] | None = None
    for persons in naming:
        for mention in persons:
            score = counts.get(mention.label, 0) + (1 if mention.label == bonus_label else 0)
            key = (score, mention.span.start, mention)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def person_for(ctx: ArticleContext, sentence: Span, start: int, end: int) -> Mention | None:
    """The person a phrase at [start, end) in `sentence` is about."""
    persons = ctx.mentions_in(sentence, PERSON_KINDS)
    text = ctx.article.text
    for mention in persons:
        if mention.span.start <= start and end <= mention.span.end:
            return mention  # a linked descriptor mention covers the phrase
    for mention in persons:
        if mention.span.start >= end:
            gap = text[end : mention.span.start]
            if _DESCRIPTOR_GAP.match(gap) and not _NOT_DESCRIPTOR.search(gap):
                return mention
            break
    before = [m for m in persons if m.span.end <= start]
    if before:
        return before[-1]
    if persons:
        return None  # the sentence names someone else, later: do not guess across it
    if _starts_with_unknown_name(ctx, sentence):
        return None  # "Alexander-Arnold, who has 33 caps, ..." names someone not recognised
    return subject_before(ctx, sentence.start)


def _managers(ctx: ArticleContext) -> set[str]:
    """People the article names as managers: so marked, or "boss X", "X ... as caretaker boss"."""
    text = ctx.article.text
    found: set[str] = set()
    for m in ctx.mentions:
        if (
            m.kind is EntityKind.MANAGER
            or m.kind in PERSON_KINDS
            and (
                _ROLE_BEFORE.search(text[max(0, m.span.start - 25) : m.span.start])
                or _ROLE_AFTER.match(text, m.span.end, min(len(text), m.span.end + 80))
            )
        ):
            found.add(m.label)
    return found


def _starts_with_unknown_name(ctx: ArticleContext, sentence: Span) -> bool:
    """Whether the sentence opens with a capitalised name that no mention covers."""
    lead = _LEADING_NAME.match(sentence.text)
    if lead is None or lead["word"].lower() in _SENTENCE_OPENERS:
        return False
    return not any(m.span.start == sentence.start for m in ctx.mentions_in(sentence))


def _fact(
    ctx: ArticleContext,
    person: Mention,
    fact: str,
    value: str,
    sentence: Span,
    club: str | None = None,
) -> FactClaim:
    return FactClaim(
        person=person.label,
        fact=fact,
        value=value,
        provenance=ctx.provenance(sentence, EXTRACTOR),
        person_id=person.entity_id,
        club=club,
        as_of=ctx.article.published,
    )


def birth_year_range(age: int, as_of: date) -> str:
    """The two years a person of `age` on `as_of` can have been born in ("1999-2000")."""
    return f"{as_of.year - age - 1}-{as_of.year - age}"


def _ages(ctx: ArticleContext, sentence: Span) -> list[FactClaim]:
    text = ctx.article.text
    found: list[tuple[Mention, int]] = []
    for mention in ctx.mentions_in(sentence, PERSON_KINDS):
        m = _AGE_AFTER_NAME.match(text, mention.span.end, sentence.end)
        if m:
            found.append((mention, int(m["age"])))
    lowered = sentence.text.lower()
    for key, pattern in (("year", _YEAR_OLD), ("aged", _AGED), ("yo", _YO), ("y/o", _YO)):
        if key not in lowered:
            continue
        for m in pattern.finditer(text, sentence.start, sentence.end):
            age = parse_count(m["age"])
            person = _descriptor_person(ctx, sentence, m.start(), m.end())
            if age is not None and 14 <= age <= 50 and person is not None:
                found.append((person, age))
    claims: list[FactClaim] = []
    for person, age in found:
        claims.append(_fact(ctx, person, "age", str(age), sentence))
        if ctx.article.published is not None:
            born = birth_year_range(age, ctx.article.published)
            claims.append(_fact(ctx, person, "birth_year_range", born, sentence))
    if "born" in lowered:
        for m in _BORN.finditer(text, sentence.start, sentence.end):
            person = _descriptor_person(ctx, sentence, m.start(), m.end())
            if person is not None:
                year = m["year"] or m["year2"]
                claims.append(_fact(ctx, person, "birth_year_range", f"{year}-{year}", sentence))
    return claims


def _descriptor_person(ctx: ArticleContext, sentence: Span, start: int, end: int) -> Mention | None:
    """The person a descriptor ("centre-back", "the Belgian striker") describes, if safe to say.

    A descriptor followed by a name nobody recognised ("defender Jamie Smith") describes that
    unknown person. A definite one in mid-sentence ("X's agent Y says the Belgian striker...",
    "X ... would earn the 27-year-old") describes the sentence's first player-like person rather
    than the nearest one, unless it stands in apposition ("Y, the veteran goalkeeper,").
    """
    text = ctx.article.text
    persons = ctx.mentions_in(sentence, PERSON_KINDS)
    if any(m.span.start <= start and end <= m.span.end for m in persons):
        return person_for(ctx, sentence, start, end)
    following = next((m for m in persons if m.span.start >= end), None)
    unknown = _UNKNOWN_NAME.match(text, end, sentence.end)
    if (
        unknown
        and (following is None or following.span.start != end + 1)
        # "23yo Spain int'l": a team or outlet named next is no unknown person
        and not any(m.span.start == end + 1 for m in ctx.mentions_in(sentence))
    ):
        return None
    definite = _DEFINITE.search(text, max(sentence.start, start - 40), start)
    before = [m for m in persons if m.span.end <= start]
    if definite and before:
        gap = text[before[-1].span.end : definite.start()]
        followed = following is not None and _DESCRIPTOR_GAP.match(text[end : following.span.start])
        if not followed and not re.fullmatch(r"\s*[,(–-]\s*", gap):
            players = [
                m
                for m in before
                if not _NON_PLAYER_ROLE.search(
                    text[max(sentence.start, m.span.start - 25) : m.span.start]
                )
            ]
            return players[0] if players else None
    return person_for(ctx, sentence, start, end)


def _positions(ctx: ArticleContext, sentence: Span) -> list[FactClaim]:
    text = ctx.article.text
    claims: list[FactClaim] = []
    for m in _POSITION.finditer(text, sentence.start, sentence.end):
        named_next = any(
            p.span.start == m.end() + 1 for p in ctx.mentions_in(sentence, PERSON_KINDS)
        )
        # "Liverpool want Inter centre-back Bastoni" describes him; "want a centre-back" wishes
        lead = text[max(sentence.start, m.start() - 50) : m.start()]
        if not named_next and (
            _POSITION_WISH.search(lead)
            or _SOMEONE_ELSES.search(lead)  # "past his own keeper", "said the Tottenham striker"
            or _NOT_A_POSITION.match(text, m.end(), sentence.end)  # "forward options"
            or (m["pos"].lower() == "forward" and _FORWARD_VERB.search(lead))  # "look forward"
        ):
            continue
        person = _descriptor_person(ctx, sentence, m.start(), m.end())
        if person is not None:
            claims.append(_fact(ctx, person, "position", _POSITIONS[m["pos"].lower()], sentence))
    for m in _FOOT.finditer(text, sentence.start, sentence.end):
        if _NOT_A_POSITION.match(text, m.end(), sentence.end):
            continue  # "not many left-footed players"
        person = person_for(ctx, sentence, m.start(), m.end())
        if person is not None:
            claims.append(_fact(ctx, person, "foot", m["foot"].lower(), sentence))
    return claims


def _team_label(ctx: ArticleContext, sentence: Span, start: int, end: int) -> str:
    """A national team named at [start, end): its mention's label, else the printed name."""
    for mention in ctx.mentions_in(sentence, TEAM_KINDS):
        if start <= mention.span.start < end:
            return mention.label
    return ctx.article.text[start:end]


def _caps(ctx: ArticleContext, sentence: Span) -> list[FactClaim]:
    text = ctx.article.text
    claims: list[FactClaim] = []
    for pattern in (_CAP_DESCRIPTOR, _CAPS):
        for m in pattern.finditer(text, sentence.start, sentence.end):
            groups = m.groupdict()
            n = parse_count(groups.get("n") or groups.get("n2") or "")
            team_group = "team" if groups.get("team") else "team2"
            person = person_for(ctx, sentence, m.start(), m.end())
            if n is None or person is None:
                continue
            if any(c.fact == "caps" and c.person == person.label for c in claims):
                continue
            claims.append(_fact(ctx, person, "caps", str(n), sentence))
            if groups.get(team_group):
                team = _team_label(ctx, sentence, m.start(team_group), m.end(team_group))
                claims.append(_fact(ctx, person, "national_team", team, sentence))
    for mention in ctx.mentions_in(sentence, frozenset({EntityKind.NATIONAL_TEAM})):
        if _INTERNATIONAL.match(text[mention.span.end : mention.span.end + 30]):
            person = _descriptor_person(ctx, sentence, mention.span.start, mention.span.end)
            if person is not None and not any(c.fact == "national_team" for c in claims):
                claims.append(_fact(ctx, person, "national_team", mention.label, sentence))
    return claims


def _stat_club(ctx: ArticleContext, sentence: Span, after: int) -> str | None:
    """The club a run of stats is for: the first team after "for"/"with"/"at" past the stats."""
    text = ctx.article.text
    for mention in ctx.mentions_in(sentence, TEAM_KINDS):
        if mention.span.start >= after:
            lead = text[max(after, mention.span.start - 12) : mention.span.start]
            if _STAT_CLUB.search(lead):
                return mention.label
    return None


def _stats(ctx: ArticleContext, sentence: Span) -> list[FactClaim]:
    text = ctx.article.text
    hits: list[tuple[int, int, str, int]] = []
    for m in _STAT.finditer(text, sentence.start, sentence.end):
        if _STAT_NOT_HIS.search(text[max(sentence.start, m.start() - 25) : m.start()]):
            continue
        if _STAT_NOT_HIS_AFTER.match(text, m.end(), sentence.end):
            continue
        n = parse_count(m["n"])
        if n is not None:
            hits.append((m.start(), m.end(), _STAT_NOUNS[m["noun"].lower()], n))
    for m in _STAT_TIMES.finditer(text, sentence.start, sentence.end):
        n = parse_count(m["n"])
        if n is not None:
            hits.append((m.start(), m.end(), "goals", n))
    if not hits:
        return []
    first, last = min(h[0] for h in hits), max(h[1] for h in hits)
    person = person_for(ctx, sentence, first, last)
    if person is None:
        return []
    club = _stat_club(ctx, sentence, last)
    seen: set[str] = set()
    claims: list[FactClaim] = []
    for _, _, fact, n in sorted(hits):
        if fact not in seen:
            seen.add(fact)
            claims.append(_fact(ctx, person, fact, str(n), sentence, club=club))
    return claims


def _market_values(ctx: ArticleContext, sentence: Span) -> list[FactClaim]:
    if not _MARKET_VALUE_CUE.search(sentence.text):
        return []
    claims: list[FactClaim] = []
    for start, end, fee in find_fees(sentence.text):
        if fee.kind in ("valuation", "fee"):
            person = person_for(ctx, sentence, sentence.start + start, sentence.start + end)
            if person is not None:
                value = f"{fee.amount:.0f} {fee.currency}"
                claims.append(_fact(ctx, person, "market_value", value, sentence))
                break
    return claims


# Each reader with the words one of which a sentence must hold for it to state that fact.
_READERS = (
    (("year", "aged", ",", "(", "yo", "y/o", "born"), _ages),
    (
        ("back", "keeper", "goalie", "stopper", "defender", "midfield", "playmaker", "winger",
         "forward", "striker", "frontman", "centre-half", "footed"),
        _positions,
    ),
    (("cap", "international", "captain", "int'l", "int’l", "intl"), _caps),
    (
        ("goal", "assist", "appearance", "apps", "game", "match", "outing", "clean sheet",
         "start", "times"),
        _stats,
    ),
    (("transfermarkt", "market value"), _market_values),
)  # fmt: skip


@register(EXTRACTOR, order=40)
def extract_facts(ctx: ArticleContext) -> list[Claim]:
    """Age, birth-year range, position, foot, caps, national team, stats and market value."""
    claims: list[Claim] = []
    managers = _managers(ctx)
    for _, sentence in ctx.iter_sentences():
        lowered = sentence.text.lower()
        for keys, reader in _READERS:
            # a cheap look for the reader's key words first: most sentences state no fact
            if not any(key in lowered for key in keys):
                continue
            for claim in reader(ctx, sentence):
                if claim.fact in _PLAYER_FACTS and claim.person in managers:
                    continue  # "unbeaten in four games" is the manager's record, not his caps
                if claim not in claims:
                    claims.append(claim)
    return claims

"""Match results: teams, score, competition and round ("their 5-2 Champions League defeat to X").

A score is only read next to a result word (win, defeat, beat, drew...) or between two team
names ("Arsenal 2-1 Chelsea"), so ages, seasons ("2023-24") and formations ("4-3-3") are not
taken for scores. Writers put the winner's figure first, so a "defeat" gives the subject team
the lower figure. The subject team is listed as `home` and its opponent as `away` unless the
text prints the fixture itself ("Arsenal 2-1 Chelsea").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mercato.domain import Claim, EntityKind, MatchClaim, Mention, Span
from mercato.extract.context import TEAM_KINDS, ArticleContext
from mercato.extract.registry import register

EXTRACTOR = "match.rules.v1"
_I = re.IGNORECASE

_SCORE = re.compile(r"(?<![\d.:/-])(?P<a>\d{1,2})\s?[-–]\s?(?P<b>\d{1,2})(?![\d-]|\s?[-–]\s?\d)")

WIN, DEFEAT, DRAW = "win", "defeat", "draw"
_NOUNS: dict[str, str] = {
    "win": WIN, "victory": WIN, "triumph": WIN, "success": WIN, "thrashing": WIN,
    "demolition": WIN, "rout": WIN, "drubbing": WIN, "hammering": WIN,
    "defeat": DEFEAT, "loss": DEFEAT, "reverse": DEFEAT, "humiliation": DEFEAT,
    "draw": DRAW, "stalemate": DRAW, "tie": DRAW,
}  # fmt: skip
# The noun that follows a score, with the words that may sit between ("5-2 aggregate defeat").
_NOUN_AFTER = re.compile(
    r"(?P<gap>(?:\s+[\w'-]+){0,7}?)\s+(?P<noun>" + "|".join(_NOUNS) + r")\b", _I
)
_VERBS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:were|was|been|got)\s+(?:beaten|thrashed|hammered|humbled|defeated|"
                r"edged\s+out|knocked\s+out|dumped\s+out)\b", _I), DEFEAT),
    (re.compile(r"\b(?:lost|lose|loses|losing|fell|fall|falls|slumped|crashed)\b", _I), DEFEAT),
    (re.compile(r"\b(?:drew|draw|draws|drawing|held)\b", _I), DRAW),
    (re.compile(r"\b(?:beat|beats|beating|defeated|defeats|thrashed|hammered|edged|edged\s+out|"
                r"overcame|saw\s+off|crushed|stunned|routed|won|win|wins|winning|dispatched|"
                r"swept\s+aside|knocked\s+out|eliminated)\b", _I), WIN),
)  # fmt: skip
_OPPONENT_CUE = re.compile(
    r"\b(?:against|over|to|by|with|at|from|v|vs|versus|at\s+the\s+hands\s+of|on)\.?\s+(?:the\s+)?$",
    _I,
)
_POSSESSIVE = re.compile(r"^(?:'s|’s|'|’)")
_TEAM_AS_MODIFIER = re.compile(
    r"(?:'s?|’s?)?\s+(?:striker|defender|midfielder|goalkeeper|keeper|forward|winger|full-back|"
    r"centre-back|boss|manager|coach|head\s+coach|captain|international|chairman|owner|"
    r"player|players|academy|legend|youngster|star|loanee|target|great)\b",
    _I,
)
_NAMED_RIGHT_BEFORE = re.compile(
    r"\s+to\s+(?:a|an)\s+(?:[\w'-]+\s+){0,2}|\s*,\s*who\s+(?:[\w'-]+\s+){0,3}(?:a|an)\s+"
    r"(?:[\w'-]+\s+){0,2}",
    _I,
)
_INDEFINITE = re.compile(r"\b(?:a|an)\s+(?:[\w'-]+\s+){0,2}$", _I)
_VERB_GAP = re.compile(
    r"(?:'s?|’s?)?\s+(?:(?:have|has|had|were|was|then|also|duly|comfortably|narrowly|"
    r"eventually|finally|subsequently|only|just)\s+){0,2}|\s*,\s*who\s+(?:\w+\s+)?",
    _I,
)
_THEIR = re.compile(r"\b(?:their|its|his\s+side's|his\s+team's)\s+(?:[\w'-]+\s+){0,3}$", _I)

_COMPETITIONS: tuple[tuple[str, str], ...] = (
    (r"(?:UEFA\s+)?Champions\s+League", "UEFA Champions League"),
    (r"(?:UEFA\s+)?Europa\s+Conference\s+League|(?:UEFA\s+)?Conference\s+League",
     "UEFA Europa Conference League"),
    (r"(?:UEFA\s+)?Europa\s+League", "UEFA Europa League"),
    (r"(?:UEFA\s+)?Nations\s+League", "UEFA Nations League"),
    (r"(?:UEFA\s+)?Super\s+Cup", "UEFA Super Cup"),
    (r"(?:FIFA\s+)?Club\s+World\s+Cup", "FIFA Club World Cup"),
    (r"(?:FIFA\s+)?World\s+Cup", "FIFA World Cup"),
    (r"Premier\s+League", "Premier League"),
    (r"FA\s+Cup", "FA Cup"),
    (r"(?:Carabao|EFL|League)\s+Cup", "EFL Cup"),
    (r"Community\s+Shield", "FA Community Shield"),
    (r"Serie\s+A", "Serie A"), (r"La\s+Liga", "La Liga"), (r"Bundesliga", "Bundesliga"),
    (r"Ligue\s+1", "Ligue 1"), (r"Copa\s+del\s+Rey", "Copa del Rey"),
    (r"Coppa\s+Italia", "Coppa Italia"), (r"DFB-Pokal", "DFB-Pokal"),
    (r"Scottish\s+League\s+Cup", "Scottish League Cup"), (r"Scottish\s+Cup", "Scottish Cup"),
    (r"EFL\s+Trophy", "EFL Trophy"), (r"Cymru\s+Premier", "Cymru Premier"),
    (r"Championship", "EFL Championship"), (r"League\s+One", "EFL League One"),
    (r"League\s+Two", "EFL League Two"), (r"Scottish\s+Premiership", "Scottish Premiership"),
    (r"Eredivisie", "Eredivisie"), (r"(?:MLS|Major\s+League\s+Soccer)", "MLS"),
    (r"friendly", "friendly"),
)  # fmt: skip
_COMPETITION = re.compile(
    "|".join(f"(?P<c{i}>\\b(?:{p})\\b)" for i, (p, _) in enumerate(_COMPETITIONS))
)
_ROUND = re.compile(
    r"\b(?P<round>last[- ]16|last[- ]32|last[- ]eight|round\s+of\s+(?:16|32)|"
    r"quarter-?\s?finals?|semi-?\s?finals?|group[- ]stage|"
    r"(?:the|cup|trophy|shield|play-?off)\s+final(?!\s+(?:play-?off|spot|day|whistle|minutes?|"
    r"stages?|round|year|season|game|match|third|group|fixture|week|table|standings|place))|"
    r"(?:first|second|third|fourth|fifth)\s+round|first\s+leg|second\s+leg)\b",
    _I,
)
_COMPETITION_AS_TITLE = re.compile(
    r"\s+(?:champions|title|holders|leaders|side|club|winners)\b", _I
)


@dataclass(frozen=True)
class _Result:
    outcome: str
    subject: Mention
    opponent: Mention


def _competition(ctx: ArticleContext, region: Span) -> str | None:
    """The competition named around a result: "in the FA Cup" first, else the nearest name."""
    for mention in ctx.mentions_in(region, frozenset({EntityKind.COMPETITION})):
        return mention.label
    found: list[tuple[int, str]] = []
    for m in _COMPETITION.finditer(region.text):
        if _COMPETITION_AS_TITLE.match(region.text, m.end()):
            continue  # "Premier League champions Manchester City" names a team, not the match
        index = int(next(name for name, value in m.groupdict().items() if value)[1:])
        rank = 0 if re.search(r"\b(?:in|at)\s+(?:the\s+)?$", region.text[: m.start()]) else 1
        found.append((rank, _COMPETITIONS[index][1]))
    return min(found)[1] if found else None


def _round(region: Span) -> str | None:
    """The round named around a result ("last-16", "quarter-final", "the final")."""
    m = _ROUND.search(region.text)
    if m is None:
        return None
    word = re.sub(r"\s+", " ", m["round"].lower())
    word = re.sub(r"^(?:the|cup|trophy|shield|play-?off) final$", "final", word)
    word = re.sub(r"^quarter-?\s?finals?$", "quarter-final", word)
    word = re.sub(r"^semi-?\s?finals?$", "semi-final", word)
    return re.sub(r"^(?:round of 16|last 16)$", "last-16", word)


def _region(ctx: ArticleContext, sentence: Span, start: int, end: int) -> Span:
    """The words around a result where its competition and round are named."""
    return ctx.span(max(sentence.start, start - 70), min(sentence.end, end + 70))


def _opponent_after(ctx: ArticleContext, teams: list[Mention], pos: int) -> Mention | None:
    """The first team after `pos` that a preposition introduces ("defeat against X")."""
    text = ctx.article.text
    for team in teams:
        if team.span.start >= pos:
            lead = text[max(pos, team.span.start - 25) : team.span.start]
            if _OPPONENT_CUE.search(lead):
                return team
    return None


def _playing_teams(ctx: ArticleContext, sentence: Span) -> list[Mention]:
    """Team mentions that can be a side in a match, not modifiers ("England striker X")."""
    text = ctx.article.text
    return [
        t
        for t in ctx.mentions_in(sentence, TEAM_KINDS)
        if not _TEAM_AS_MODIFIER.match(text, t.span.end, sentence.end)
    ]


def _subject_before(
    ctx: ArticleContext, sentence: Span, teams: list[Mention], pos: int
) -> Mention | None:
    """The team whose result it is: "X's 1-0 win", "their 5-2 defeat", "X ... with a 2-1 win".

    "the 4-2 win against Y" names no side of its own, so it gives none.
    """
    text = ctx.article.text
    before = [t for t in teams if t.span.end <= pos]
    if before:
        last = before[-1]
        if _NAMED_RIGHT_BEFORE.fullmatch(text[last.span.end : pos]):
            return last  # "inspired Real Madrid to a 2-1 win", "Barcelona, who snatched a 2-1 win"
        possessive = _POSSESSIVE.match(text[last.span.end : last.span.end + 2])
        if possessive and len(text[last.span.end + possessive.end() : pos].split()) <= 2:
            return last  # "Oldham's 1-0 win", "Oldham's recent 1-0 win"
    # a team named as someone's opponent in an earlier clause is not this result's subject
    before = [
        t
        for t in before
        if not _OPPONENT_CUE.search(text[max(0, t.span.start - 25) : t.span.start])
    ]
    lead = text[max(sentence.start, pos - 60) : pos]
    if _THEIR.search(lead):
        # "X players ... their side's 3-0 win": here a team named as a modifier counts
        named = [t for t in ctx.mentions_in(sentence, TEAM_KINDS) if t.span.end <= pos]
        if named:
            return named[0]
        earlier = [m for m in ctx.mentions if m.kind in TEAM_KINDS and m.span.end <= sentence.start]
        return earlier[-1] if earlier else None
    if before and _INDEFINITE.search(lead):
        return before[0]
    return None


def _verb_subject(
    ctx: ArticleContext, teams: list[Mention], sentence: Span, verb: re.Match[str]
) -> Mention | None:
    """The team that does the verb: named right before it, or through "who"/"they"."""
    text = ctx.article.text
    before = [t for t in teams if t.span.end <= verb.start()]
    if not before:
        return None
    gap = text[before[-1].span.end : verb.start()]
    if _VERB_GAP.fullmatch(gap):
        return before[-1]
    if (
        re.search(r"\bthey\s+(?:\w+\s+)?$", gap, _I)
        and "," not in text[sentence.start : before[0].span.start]
    ):
        return before[0]
    return None


def _read(
    ctx: ArticleContext, sentence: Span, score: re.Match[str]
) -> tuple[_Result, int, int] | None:
    """The result a score belongs to, with the figures in subject-then-opponent order."""
    text = ctx.article.text
    start, end = sentence.start + score.start(), sentence.start + score.end()
    a, b = int(score["a"]), int(score["b"])
    teams = _playing_teams(ctx, sentence)
    noun = _NOUN_AFTER.match(text, end, sentence.end)
    if noun and not re.search(r"[.;:!?]", noun["gap"]):
        outcome = _NOUNS[noun["noun"].lower()]
        subject = _subject_before(ctx, sentence, teams, start)
        opponent = _opponent_after(ctx, teams, noun.end())
        if subject and opponent and subject.label != opponent.label:
            return _Result(outcome, subject, opponent), a, b
    for pattern, outcome in _VERBS:
        verb = None
        for m in pattern.finditer(text, sentence.start, start):
            verb = m
        if verb is None:
            continue
        after = [t for t in teams if t.span.start >= verb.end()]
        # "X beat Y 3-1" / "X lost 2-0 to Y" / "X drew 2-2 with Y" / "X, who beat Y 1-0"
        subject = _verb_subject(ctx, teams, sentence, verb)
        if subject is None or not after:
            continue
        opponent = after[0]
        if subject.label != opponent.label:
            return _Result(outcome, subject, opponent), a, b
    return None


def _fixture(ctx: ArticleContext, sentence: Span, score: re.Match[str]) -> MatchClaim | None:
    """A printed fixture, "Arsenal 2-1 Chelsea": home team, score, away team."""
    text = ctx.article.text
    start, end = sentence.start + score.start(), sentence.start + score.end()
    teams = ctx.mentions_in(sentence, TEAM_KINDS)
    home = next((t for t in teams if 0 <= start - t.span.end <= 1), None)
    away = next((t for t in teams if 0 <= t.span.start - end <= 1), None)
    if home is None or away is None or text[home.span.end : start].strip():
        return None
    return MatchClaim(
        home=home.label,
        away=away.label,
        home_score=int(score["a"]),
        away_score=int(score["b"]),
        provenance=ctx.provenance(sentence, EXTRACTOR),
        competition=_competition(ctx, _region(ctx, sentence, start, end)),
        round=_round(_region(ctx, sentence, start, end)),
    )


@register(EXTRACTOR, order=70)
def extract_matches(ctx: ArticleContext) -> list[Claim]:
    """Match results with teams, score, competition and round where stated."""
    claims: list[Claim] = []
    for _, sentence in ctx.iter_sentences():
        for score in _SCORE.finditer(sentence.text):
            fixture = _fixture(ctx, sentence, score)
            if fixture is not None:
                claims.append(fixture)
                continue
            read = _read(ctx, sentence, score)
            if read is None:
                continue
            result, a, b = read
            region = _region(
                ctx, sentence, sentence.start + score.start(), sentence.start + score.end()
            )
            high, low = max(a, b), min(a, b)
            own, other = {WIN: (high, low), DEFEAT: (low, high), DRAW: (a, b)}[result.outcome]
            claims.append(
                MatchClaim(
                    home=result.subject.label,
                    away=result.opponent.label,
                    home_score=own,
                    away_score=other,
                    provenance=ctx.provenance(sentence, EXTRACTOR),
                    competition=_competition(ctx, region),
                    round=_round(region),
                )
            )
    return claims

"""Attribution: who a statement is credited to, following chains to the original report.

Covers a gossip item's trailing "(Label)", "(X, via Y)", "(X - in Spanish)", "according to X",
"X reports", "reports X", "X, citing Y", "as first reported by X", and a pundit's column
("In his column for The Times, ... Tony Cascarino").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mercato.domain import Attribution, Span

if TYPE_CHECKING:
    from mercato.extract.context import ArticleContext

# Notes the BBC prints after a label: "(Marca - in Spanish)", "(Times - subscription required)".
_LABEL_NOTE = re.compile(
    r"\s*[-\u2013,]\s*(?:in\s+[A-Z][a-z]+|subscription(?:\s+required)?|external|paywall)"
    r"(?:\s*[-\u2013,]\s*(?:in\s+[A-Z][a-z]+|subscription(?:\s+required)?))?\s*$",
    re.IGNORECASE,
)
_TRAILING_LABEL = re.compile(r"\(([^()]{2,80})\)\s*[.\u201d\"]?\s*$")
_VIA = re.compile(r"\s*[-\u2013,]?\s*\bvia\b\s*", re.IGNORECASE)
_CITING = re.compile(r"\s*,?\s*\bciting\b\s*", re.IGNORECASE)

_NAME = r"(?:the\s+)?[A-Z][\w'&.\u2019-]*(?:\s+(?:[A-Z][\w'&.\u2019-]*|de|di|da|del|van|von|on|of|the|und))*"
_ACCORDING = re.compile(rf"\b(?i:according to|as (?:first )?reported by|reports from|report(?:ed)? in|report by|claims by|per)\s+({_NAME})")
_REPORTS_AFTER = re.compile(
    rf"(?:^|[,;(]\s*)({_NAME})\s+(?:reports|reported|claims|claimed|understands|revealed|reveals|writes)\b(?!\s+(?:that\s+)?(?:he|she|it|they|his|her))"
)
_REPORTS_BEFORE = re.compile(rf",?\s+(?:reports|reported|claims|writes|say|says)\s+({_NAME})\s*[.)]?\s*$")
_COLUMN = re.compile(rf"\b(?i:in (?:his|her) column for|writing (?:in|for)|wrote in|told)\s+({_NAME})")
_CITING_NAMED = re.compile(rf"({_NAME}),?\s+citing\s+({_NAME})")

_NOT_A_LABEL = re.compile(r"(?i)\b(?:loan|released|free transfer|undisclosed|end of|retired|fee)\b")

# Words that the name patterns can pick up but that never name a source.
_NOT_SOURCES = frozenset(
    {"he", "she", "it", "they", "the club", "sources", "reports", "the player", "the report", "we"}
)
# A label run into the next sentence: "Tuttosport.Despite", "Telegraph.Arteta".
_GLUED = re.compile(r"(?<=[a-z])\.(?=[A-Z])")
# Words a capitalised run can start with that belong to the sentence, not to the source's name:
# "On Saturday The Athletic reported", "Respected journalist Di Marzio".
_LEADING_NOT_NAME = re.compile(
    r"^(?:(?:on|in|at|by|and|but|also|now|earlier|late|last|this|however|meanwhile|elsewhere|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"morning|evening|night|week|weekend|respected|reliable|italian|spanish|german|french|"
    r"portuguese|dutch|turkish|brazilian|argentine|english|british|newspaper|outlet|paper|"
    r"journalist|reporter|broadcaster|publication|transfer|expert|insider)\s+)+(?=\S)",
    re.IGNORECASE,
)
# A nationality or language alone ("Italian reports say") names no source.
_NATIONALITY = re.compile(
    r"(?i)^(?:italian|spanish|german|french|portuguese|dutch|turkish|brazilian|argentine|"
    r"english|british|scottish|welsh|irish|belgian|swiss|austrian|greek|russian|polish|"
    r"croatian|serbian|danish|swedish|norwegian|catalan|american)s?$"
)
# A label that is a web address ("(lancashiretelegraph.co.uk)") or starts with a digit ("(90min)").
_ADDRESS_LABEL = re.compile(r"^(?:(?:[a-z0-9-]+\.)+[a-z]{2,}|\d+[A-Za-z][\w ]*)$", re.IGNORECASE)


@dataclass(frozen=True)
class LabelledItem:
    """A gossip item or paragraph and the label printed at its end."""

    span: Span
    attribution: Attribution
    label_start: int  # offset where "(Label)" starts: the item's text ends there


def clean_label(label: str) -> str:
    """A source label without the BBC's notes ("Marca - in Spanish" -> "Marca")."""
    label = _LABEL_NOTE.sub("", label.strip())
    return label.strip(" -\u2013,.").strip()


def parse_label(label: str, *, addresses: bool = False) -> Attribution | None:
    """Read a printed label: "Bild, via Liverpool Echo" -> chain (Bild, Liverpool Echo).

    With `addresses`, a web address or a name that starts with a digit ("uol.com.br", "90min")
    is a label too. The rules read without it, as when the decision model (whose features
    include "the rule found a source") was trained; the credit a claim finally gets reads with it.
    """
    label = label.strip()
    if addresses and _ADDRESS_LABEL.match(label):
        return Attribution(outlet=label, chain=(label,))
    if not label or label[0].isdigit() or len(label.split()) > 10:
        return None
    if _NOT_A_LABEL.search(label):
        return None  # "(Larne - end of loan)", "(released)": a round-up entry, not a source
    citing = _CITING.split(label, maxsplit=1)
    if len(citing) == 2:
        carrier, original = clean_label(citing[0]), clean_label(citing[1])
        parts = [original, carrier]
    else:
        parts = [clean_label(part) for part in _VIA.split(label)]
    parts = [p for p in parts if p and p.lower() not in _NOT_SOURCES]
    if not parts or not parts[0][:1].isupper():
        return None
    return Attribution(outlet=parts[-1], chain=tuple(parts))


def trailing_label(text: str, *, addresses: bool = False) -> tuple[int, Attribution] | None:
    """The "(Label)" that ends a gossip item, with where it starts."""
    match = _TRAILING_LABEL.search(text)
    if match is None:
        return None
    attribution = parse_label(match.group(1), addresses=addresses)
    if attribution is None:
        return None
    return match.start(), attribution


def paragraph_labels(text: str, *, addresses: bool = False) -> list[LabelledItem]:
    """Every paragraph (line) of an article that ends with a source label."""
    items: list[LabelledItem] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        found = trailing_label(line.rstrip(), addresses=addresses)
        if found is not None:
            start, attribution = found
            items.append(
                LabelledItem(Span(offset, offset + len(line), line), attribution, offset + start)
            )
        offset += len(line)
    return items


def _source(name: str) -> str | None:
    name = re.sub(r"^(?:the\s+)(?=[A-Z])", "", name.strip(), flags=re.IGNORECASE)
    name = re.sub(r"\s+(?:on|of|the|und)$", "", name).strip(" .,'")
    if not name or name.lower() in _NOT_SOURCES or not name[:1].isupper():
        return None
    return name


def tidy_name(name: str | None) -> str | None:
    """A source's name without what a pattern took from the sentence around it: "Tuttosport.
    Despite" -> "Tuttosport", "On Saturday The Athletic" -> "The Athletic"; None for "Italian"."""
    if not name:
        return None
    name = _GLUED.split(name.strip(), maxsplit=1)[0]
    name = _LEADING_NOT_NAME.sub("", name).strip(" .,;:")
    if not name or _NATIONALITY.match(name) or name.lower() in _NOT_SOURCES:
        return None
    return name


# "Sky Sports' Kaveh Solhekol", "The Athletic's David Ornstein": an outlet and its reporter.
_POSSESSIVE = re.compile(r"^(?P<outlet>.+?)(?:'s|\u2019s|'|\u2019)\s+(?P<person>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)+)$")


def tidy_attribution(attribution: Attribution | None) -> Attribution | None:
    """An attribution with every name tidied (`tidy_name`) and a reporter named with his
    outlet ("Sky Sports' Kaveh Solhekol") set apart as its journalist; None when no name is left."""
    if attribution is None:
        return None
    journalist = attribution.journalist
    names = []
    for name in attribution.chain:
        owned = _POSSESSIVE.match(name)
        if owned is not None and journalist is None:
            journalist = owned.group("person")
            name = owned.group("outlet")
        names.append(name)
    outlet = attribution.outlet
    owned = _POSSESSIVE.match(outlet or "")
    if owned is not None:
        journalist = journalist or owned.group("person")
        outlet = owned.group("outlet")
    chain = tuple(n for n in map(tidy_name, names) if n)
    outlet, journalist = tidy_name(outlet), tidy_name(journalist)
    if not (chain or outlet or journalist):
        return None
    if attribution.chain and len(chain) < len(attribution.chain):
        outlet = chain[-1] if chain else outlet  # the carrier was the name dropped
    return Attribution(outlet=outlet, journalist=journalist, chain=chain)


def in_text_attribution(sentence: str) -> Attribution | None:
    """An attribution stated inside a sentence ("According to X", "X reports")."""
    citing = _CITING_NAMED.search(sentence)
    if citing is not None:
        carrier, original = _source(citing.group(1)), _source(citing.group(2))
        if carrier and original:
            return Attribution(outlet=carrier, chain=(original, carrier))
    for pattern in (_ACCORDING, _REPORTS_BEFORE, _REPORTS_AFTER):
        match = pattern.search(sentence)
        if match is not None:
            name = _source(match.group(1))
            if name is not None:
                via = re.search(rf"\bvia\s+({_NAME})", sentence[match.end() :])
                chain = (name, _source(via.group(1)) or "") if via else (name,)
                return Attribution(outlet=chain[-1] or name, chain=tuple(c for c in chain if c))
    return None


def column_attribution(sentence: str) -> str | None:
    """The outlet of a column or interview: "In his column for The Times" -> "The Times"."""
    match = _COLUMN.search(sentence)
    return _source(match.group(1)) if match else None


_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]{20,}[\"\u201d]")


class PunditColumns:
    """A pundit's column: what he says in quotes is credited to him and the paper.

    "In his column for The Times, former striker Tony Cascarino hit out at ..." makes the quoted
    sentences after it, and the sentences that name him, his claims.
    """

    def __init__(self, ctx: ArticleContext) -> None:
        from mercato.extract.context import PERSON_KINDS

        self._start: int | None = None
        self._attribution: Attribution | None = None
        self._columnist = ""
        for sentence in ctx.sentences:
            outlet = column_attribution(sentence.text)
            if outlet and re.search(r"\btold\s", sentence.text) and not re.search(r"(?i)column|writing|wrote", sentence.text):
                outlet = None  # an interview, not a column
            people = ctx.mentions_in(sentence, PERSON_KINDS)
            if outlet and people:
                self._columnist = people[0].label
                self._attribution = Attribution(outlet=outlet, journalist=self._columnist, chain=(self._columnist,))
                self._start = sentence.start
                break
        text = ctx.article.text
        self._quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)] if self._start is not None else []
        self._ctx = ctx

    def attribution_for(self, sentence: Span) -> Attribution | None:
        """The column's credit for a sentence quoted from it or naming the columnist."""
        if self._attribution is None or self._start is None or sentence.start < self._start:
            return None
        surname = self._columnist.split()[-1] if self._columnist else ""
        if surname and surname in sentence.text:
            return self._attribution
        for start, end in self._quoted:
            if start <= sentence.start < end:
                return self._attribution
        return None

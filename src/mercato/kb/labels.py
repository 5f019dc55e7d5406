"""Source labels as gossip columns print them: "Bild, via Liverpool Echo", "Times - subscription required"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_VIA = re.compile(r"\s*(?:,|-|–)?\s+via\s+", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"[\s,\-–(]*\b(?:subscription(?:[\s-]+(?:required|only|needed))?|in\s+[A-Z][a-z]+|external-link)\)?\s*$",
    re.IGNORECASE,
)
_GLUED_LINK = re.compile(r"external-link$|https?:.*$", re.IGNORECASE)
_HANDLE = re.compile(r"^(?P<who>.+?)(?:\s+on)?[\s,\-–]+(?:Twitter|X)$")
_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$", re.IGNORECASE)


@dataclass(frozen=True)
class LabelPart:
    """One source in a printed label: its cleaned text and whether it is a social handle."""

    raw: str
    text: str
    is_handle: bool = False
    is_domain: bool = False
    language: str | None = None  # from "- in Spanish": ISO 639-1


_LANGUAGE = re.compile(r"\bin\s+(?P<name>[A-Z][a-z]+)\b")
LANGUAGES = {
    "Spanish": "es",
    "Italian": "it",
    "German": "de",
    "French": "fr",
    "Portuguese": "pt",
    "Dutch": "nl",
    "Turkish": "tr",
    "Catalan": "ca",
    "Danish": "da",
    "Swedish": "sv",
    "Norwegian": "no",
    "Polish": "pl",
    "Russian": "ru",
    "Greek": "el",
    "Serbian": "sr",
    "Croatian": "hr",
    "Romanian": "ro",
    "Arabic": "ar",
    "Czech": "cs",
    "Ukrainian": "uk",
}
# Country-code top-level domains of the outlets a gossip column cites (ISO 3166 alpha-2).
_TLD_COUNTRY = {
    "uk": "GB",
    "es": "ES",
    "cat": "ES",
    "eus": "ES",
    "it": "IT",
    "de": "DE",
    "fr": "FR",
    "pt": "PT",
    "nl": "NL",
    "be": "BE",
    "tr": "TR",
    "ie": "IE",
    "br": "BR",
    "ar": "AR",
    "mx": "MX",
    "dk": "DK",
    "se": "SE",
    "no": "NO",
    "at": "AT",
    "ch": "CH",
    "ru": "RU",
    "pl": "PL",
    "ro": "RO",
    "rs": "RS",
    "gr": "GR",
    "au": "AU",
    "ca": "CA",
    "co": "CO",
    "cl": "CL",
    "sn": "SN",
    "zm": "ZM",
    "hr": "HR",
    "cz": "CZ",
    "ua": "UA",
}


def country_of_domain(domain: str) -> str | None:
    """Country from a web domain's country-code ending ("marca.com" gives none, "sport.es" ES)."""
    return _TLD_COUNTRY.get(domain.rsplit(".", 1)[-1].lower())


def clean_domain(domain: str) -> str:
    """Lower-case a web domain, drop "www." and undo Google-Translate proxy hosts."""
    domain = domain.strip().lower().rstrip(".")
    if domain.endswith(".translate.goog"):
        # "www-sport-es.translate.goog" proxies "www.sport.es".
        domain = domain[: -len(".translate.goog")].replace("-", ".")
    domain = domain.removeprefix("www.")
    return domain


def strip_qualifiers(text: str) -> str:
    """Drop "- subscription required", "- in Spanish" and glued link residue from a label part."""
    text = _GLUED_LINK.sub("", text.strip())
    previous = None
    while previous != text:
        previous = text
        text = _QUALIFIER.sub("", text).strip(" ,-–")
    return text


def parse_source_label(label: str) -> tuple[LabelPart, ...]:
    """Split a printed label into its chain of sources, original first ("X, via Y")."""
    parts: list[LabelPart] = []
    for raw in _VIA.split(label.strip()):
        raw = _GLUED_LINK.sub("", raw).strip()
        text = strip_qualifiers(raw)
        qualifier = _LANGUAGE.search(raw[len(text) :])
        language = LANGUAGES.get(qualifier.group("name")) if qualifier else None
        if not text:
            continue
        handle = _HANDLE.match(text)
        if handle and text.casefold() not in {"twitter", "x"}:
            parts.append(LabelPart(raw, handle.group("who").strip(), is_handle=True))
            continue
        parts.append(LabelPart(raw, text, is_domain=bool(_DOMAIN.match(text)), language=language))
    return tuple(parts)

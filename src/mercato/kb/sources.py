"""Canonical sources: a printed source label resolved to one outlet, journalist or announcer.

"BBC Sport", "bbc.com" and "bbc.co.uk" are one outlet; "Romano", "@FabrizioRomano" and
"Fabrizio Romano (X/Twitter)" one journalist; "arsenal.com" or "@LFC" is a club announcing its
own business, not a rumour source. A label that names nothing known and does not read as a
name ("Italian", "On Saturday", "Tuttosport.Despite" cut to "Tuttosport") is no source at all.

Reads only the media, alias, club and nation tables (a few milliseconds), not the whole
catalogue: the source table must answer in well under a second.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from mercato.kb.labels import LANGUAGES, clean_domain, strip_qualifiers
from mercato.kb.normalise import normalise_alias
from mercato.kb.tables import Table, parse_table, split_list

OUTLET = "outlet"
JOURNALIST = "journalist"
ANNOUNCER = "announcer"  # a club's or league's own channel: it announces, it does not rumour
UNKNOWN = ""  # a name the knowledge base does not know but that reads as a source's name

# "Daily Mail" and "Mail" are one paper; the masthead word does not make a second key.
_MASTHEAD = re.compile(r"^(?:daily|the daily)\s+")
_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)
_HANDLE = re.compile(r"^@(\w{2,30})$")
# "Fabrizio Romano (X/Twitter)", "Romano on Twitter", "Di Marzio, Instagram": the platform is
# where a source spoke, not another source.
_PLATFORM = re.compile(
    r"\s*(?:\((?:[^()]*\b(?:twitter|x|instagram|facebook|youtube|tiktok)\b[^()]*)\)"
    r"|(?:\s+on|,|\s+-)?\s+(?:x/)?(?:twitter|instagram|youtube|facebook|tiktok)(?:\s+account)?)\s*$",
    re.IGNORECASE,
)
_POSSESSIVE_END = re.compile(r"(?:'s|\u2019s|\u2019)$")
# Translation proxies and search pages: how a page was reached, not who wrote it.
_NOT_PUBLISHERS = frozenset({"googletranslate", "google translate", "google", "translate"})
# "Tuttosport.Despite", "Telegraph.Arteta": a label run into the next sentence.
_GLUED = re.compile(r"(?<=[a-z])[.!?](?=[A-Z])")
# Words that make a phrase a description, a time or a nationality, never a source's name.
_NOT_NAME_WORDS = frozenset(
    """
    on in at by for from with after before during since until according reports report
    reported reporting sources source journalist journalists reporter reporters claims
    claimed understands says said told writes wrote adds added insists believes also however
    while despite although monday tuesday wednesday thursday friday saturday sunday today
    yesterday tonight weekend morning evening night week month year january february march
    april may june july august september october november december he she it they we his her
    its their our this that these those there here club player manager coach agent boss
    chairman director official officials statement website ceo president chief executive
    sporting football story unnamed local foreign italian spanish german french portuguese
    dutch english british
    """.split()  # noqa: SIM905  (a word list reads better as words)
)
# Words that join the parts of a name ("Corriere dello Sport", "Gazzetta dello Sport").
_CONNECTORS = frozenset(
    """
    of the de del della dello di da do das dos du des la le el los las van von der den am im
    und and y e i
    """.split()  # noqa: SIM905  (a word list reads better as words)
)
# Leagues' and governing bodies' own sites: they announce, they do not rumour.
_LEAGUE_DOMAINS = frozenset(
    """
    premierleague.com efl.com spfl.co.uk thefa.com laliga.com legaseriea.it bundesliga.com
    ligue1.com ligue1.fr mlssoccer.com uefa.com fifa.com eredivisie.nl ligaportugal.pt
    """.split()  # noqa: SIM905  (a word list reads better as words)
)
_LEAGUE_NAMES = frozenset(
    normalise_alias(n)
    for n in (
        "Premier League", "English Football League", "EFL", "Scottish Professional Football League",
        "SPFL", "La Liga", "LaLiga", "Serie A", "Bundesliga", "Ligue 1", "MLS", "UEFA", "FIFA",
        "Football Association", "The FA",
    )
)  # fmt: skip
# "Arsenal website", "the club's official website", "club statement": a club speaking for itself.
_OWN_CHANNEL = re.compile(
    r"(?i)^(?:the\s+)?(?:(?P<club>.+?)(?:'s|\u2019s)?\s+)?(?:official\s+)?"
    r"(?:club\s+)?(?:website|site|statement|channels?|twitter|x account|tv|media)$"
)
# Endings that fan sites use ("hammers.news") and clubs' own sites do not.
_FAN_SITE_ENDINGS = frozenset({"news", "blog", "live", "online", "site", "zone", "fans", "today"})
_CLUB_DOMAIN_AFFIXES = ("footballclub", "afc", "cfc", "fc", "cf", "sc", "ac", "as", "ssc")


@dataclass(frozen=True)
class SourceIdentity:
    """One canonical source: its key, the name shown, its kind and knowledge-base id if known."""

    key: str
    name: str
    kind: str  # outlet, journalist, announcer, or "" for a name the knowledge base lacks
    entity_id: str | None = None
    tier: str | None = None

    @property
    def rated(self) -> bool:
        """True for a rumour source (announcers report their own club's business, not rumours)."""
        return self.kind != ANNOUNCER


def key_of(name: str) -> str:
    """The key of a source's name: normalised, without the masthead word."""
    return _MASTHEAD.sub("", normalise_alias(name))


@dataclass(frozen=True)
class _Media:
    id: str
    name: str
    kind: str
    tier: str | None
    corpus_only: bool  # made from a printed label or domain alone, not a curated source
    platform: bool  # X, Instagram, YouTube: where someone spoke, not who


class SourceDirectory:
    """Outlets, journalists and club channels, looked up by name, alias, domain or handle."""

    def __init__(self, read: Callable[[str], Table]) -> None:
        self._media: dict[str, _Media] = {}
        for table, kind in (("outlets.tsv", OUTLET), ("journalists.tsv", JOURNALIST)):
            for row in read(table).rows:
                provenance = set(split_list(row["provenance"]))
                self._media[row["id"]] = _Media(
                    row["id"],
                    row["name"],
                    kind,
                    row["tier"] or None,
                    provenance <= {"corpus"},
                    row["category"] == "platform",
                )
        self._names: dict[str, str] = {}
        self._domains: dict[str, str] = {}
        for media in self._media.values():
            self._names.setdefault(normalise_alias(media.name), media.id)
        for row in read("outlets.tsv").rows:
            for domain in split_list(row["domains"]):
                self._domains.setdefault(clean_domain(domain), row["id"])
        clubs: dict[str, list[str]] = defaultdict(list)
        club_names: dict[str, str] = {}
        prominence: dict[str, float] = {}
        for row in read("clubs.tsv").rows:
            club_names[row["id"]] = row["name"]
            prominence[row["id"]] = float(row["prominence"] or 0)
            clubs[row["id"]].append(row["name"])
        for row in read("aliases.tsv").rows:
            entity, alias = row["entity_id"], row["alias"]
            if entity in self._media:
                if row["kind"] == "domain":
                    self._domains.setdefault(clean_domain(alias), entity)
                else:
                    self._names.setdefault(normalise_alias(alias), entity)
            elif entity in club_names and row["ambiguous"] != "yes":
                clubs[entity].append(alias)
        self._club_names = club_names
        self._clubs: dict[str, str] = {}  # normalised club name -> club id
        self._club_stems: dict[str, str] = {}  # "tottenhamhotspur", "manutd", "lcfc" -> club id
        # The most prominent club takes a shared name: "Arsenal" is Arsenal FC, not Arsenal Tula.
        ordered = sorted(clubs, key=lambda c: (-prominence[c], c))
        for club in ordered:
            for name in clubs[club]:
                key = normalise_alias(name)
                self._clubs.setdefault(key, club)
                self._club_stems.setdefault(key.replace(" ", "").replace("-", ""), club)
        for club in ordered:
            words = [w for w in normalise_alias(club_names[club]).split() if w not in {"fc", "afc"}]
            if len(words) >= 2:
                # A club's initials with "fc" are its web address: lcfc.com, avfc.co.uk, nufc.co.uk.
                self._club_stems.setdefault("".join(w[0] for w in words) + "fc", club)
        self._nationalities = {k.casefold() for k in LANGUAGES}
        for row in read("nations.tsv").rows:
            # A country or its people ("Italy", "Italian") names no source.
            self._nationalities.update(normalise_alias(d) for d in split_list(row["demonyms"]))
            self._nationalities.add(normalise_alias(row["name"]))
        self._read = read
        # "SkySportsNews", "BBCSport": a handle spelling a known name without its spaces.
        self._compact = {k.replace(" ", ""): v for k, v in self._names.items() if " " in k}

    @cached_property
    def _people(self) -> set[str]:
        """Footballers are quoted ("Piatek says"), not sources: their names and surnames. Read
        on the first label no outlet or journalist answers (a third of the directory's cost)."""
        people: set[str] = set()
        for row in self._read("people.tsv").rows:
            key = normalise_alias(row["name"])
            people.update((key, key.split()[-1]) if key else ())
        return people

    def tiers(self) -> dict[str, str]:
        """Source key -> the knowledge base's reliability tier, where it gives one."""
        return {key_of(m.name): m.tier for m in self._media.values() if m.tier}

    def _known(self, entity_id: str) -> SourceIdentity | None:
        media = self._media[entity_id]
        if media.platform:
            return None
        return SourceIdentity(key_of(media.name), media.name, media.kind, media.id, media.tier)

    def _announcer(self, club_id: str | None, name: str) -> SourceIdentity:
        shown = self._club_names.get(club_id, name) if club_id else name
        return SourceIdentity(key_of(shown), shown, ANNOUNCER, club_id)

    def _club_of_stem(self, stem: str) -> str | None:
        stem = stem.casefold().replace("-", "").replace("_", "")
        if len(stem) < 3:
            return None
        if stem in self._club_stems:
            return self._club_stems[stem]
        for affix in _CLUB_DOMAIN_AFFIXES:
            for rest in (stem.removesuffix(affix), stem.removeprefix(affix)):
                if rest != stem and len(rest) >= 3 and rest in self._club_stems:
                    return self._club_stems[rest]
        return None

    def _by_domain(self, domain: str) -> SourceIdentity | None:
        domain = clean_domain(domain)
        parts = domain.split(".")
        if parts[0] in _NOT_PUBLISHERS or (len(parts) > 1 and parts[-2] in _NOT_PUBLISHERS):
            return None  # google.com, google.co.uk, translate.google.com
        suffixes = [".".join(parts[start:]) for start in range(len(parts) - 1)]
        if any(suffix in _LEAGUE_DOMAINS for suffix in suffixes):
            return self._announcer(None, domain)
        known = [self._domains[s] for s in suffixes if s in self._domains]
        # "en.as.com" is AS; a curated outlet beats one made from a bare domain in the corpus.
        curated = [found for found in known if not self._media[found].corpus_only]
        if curated:
            return self._known(curated[0])
        club = self._club_channel(domain)
        if club is not None:
            return self._announcer(club, domain)
        if known:
            return self._known(known[0])
        return SourceIdentity(key_of(domain), domain, OUTLET)

    def _club_channel(self, domain: str) -> str | None:
        """The club whose own site this is ("evertonfc.com", "en.psg.fr"), if any."""
        labels = domain.split(".")
        if labels[-1] in _FAN_SITE_ENDINGS:
            return None
        stems = labels[:-1]
        if len(stems) >= 2 and len(labels[-2]) <= 3 and labels[-1] in {"uk", "au", "br", "ar"}:
            stems = labels[:-2]  # "avfc.co.uk": "co" is part of the country's suffix
        stem = stems[-1] if stems else ""
        return self._club_of_stem(stem)

    def _by_name(self, text: str) -> SourceIdentity | None:
        found = self._names.get(normalise_alias(text))
        return self._known(found) if found else None

    def _names_media(self, text: str) -> bool:
        return normalise_alias(text) in self._names

    def _inside(self, text: str) -> SourceIdentity | None:
        """The longest known source name inside a label ("On Saturday The Athletic")."""
        words = text.split()
        best: tuple[int, SourceIdentity] | None = None
        for size in range(min(len(words), 5), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                if size == 1 and (not phrase[:1].isupper() or len(phrase) < 4):
                    continue
                rest = words[:start] + words[start + size :]
                if size == 1 and any(
                    w[:1].isupper() and w.casefold() not in _NOT_NAME_WORDS for w in rest
                ):
                    continue  # "Corriere di Borgo Nuovo" is another paper than "Corriere"
                if self._names_media(phrase):
                    found = self._by_name(phrase)
                    if found is not None and (best is None or size > best[0]):
                        best = (size, found)
            if best is not None:
                return best[1]
        return None

    def _reads_as_name(self, text: str) -> bool:
        """True when an unknown label reads as a source's name, not a phrase or a word."""
        words = re.findall(r"[\w'\u2019&.-]+", text)
        if not words or len(words) > 6 or not text[:1].isupper():
            return False
        if re.search(r"[!?;:]|\.\s|\.$", text) or any(w.isdigit() for w in words):
            return False
        folded = [w.casefold().strip(".'\u2019") for w in words]
        if any(w in _NOT_NAME_WORDS for w in folded):
            return False
        if len(words) == 1 and normalise_alias(text) in self._nationalities:
            return False
        # Every word of a name is capitalised, a connector ("Corriere dello Sport") or a number.
        return all(
            w[:1].isupper() or w[:1].isdigit() or f in _CONNECTORS
            for w, f in zip(words, folded, strict=True)
        )

    def club_for(self, text: str) -> str | None:
        """The club a bare name means, when it is a club's name (a label "(Arsenal)")."""
        return self._clubs.get(normalise_alias(text))

    def resolve(self, label: str | None) -> SourceIdentity | None:
        """The canonical source a printed label names, or None when it names no source."""
        if not label:
            return None
        text = " ".join(label.split())
        text = _GLUED.split(text, maxsplit=1)[0]
        text = _POSSESSIVE_END.sub("", text)  # "Bayer Leverkusen's" (a pattern cut it there)
        text = strip_qualifiers(_PLATFORM.sub("", text)).strip(" ,.;:-\u2013\"'()")
        text = text if self._names_media(text) else re.sub(r"^(?i:the)\s+(?=[A-Z])", "", text)
        if not text:
            return None
        handle = _HANDLE.match(text)
        if handle is not None:
            if self._names_media(text):
                return self._by_name(text)
            if self._names_media(handle.group(1)):
                return self.resolve(handle.group(1))
            club = self._club_of_stem(handle.group(1))
            if club is not None:
                return self._announcer(club, text)
            return SourceIdentity(key_of(text), text, JOURNALIST)
        if _DOMAIN.match(text) and " " not in text:
            return self._by_domain(text)
        key = normalise_alias(text)
        if self._names_media(text):
            media_id = self._names[key]
            # An account the corpus alone knew ("SkySportsNews") is the outlet it spells.
            if self._media[media_id].corpus_only and key.replace(" ", "") in self._compact:
                return self._known(self._compact[key.replace(" ", "")])
            return self._by_name(text)
        if key in _NOT_PUBLISHERS or key in self._nationalities:
            return None
        if " " not in key and key in self._compact:
            return self._known(self._compact[key])
        if key in _LEAGUE_NAMES:
            return self._announcer(None, text)
        club = self.club_for(text)
        if club is not None:
            return self._announcer(club, text)
        channel = _OWN_CHANNEL.match(text)
        if channel is not None:
            owner = channel.group("club") or ""
            club = self.club_for(owner)
            if club is not None or owner.casefold() in {"", "club", "the club"}:
                return self._announcer(club, "club channels")
        found = self._inside(text)
        if found is not None:
            return found
        if self._reads_as_name(text) and key not in self._people:
            return SourceIdentity(key_of(text), text, UNKNOWN)
        return None


def _package_table(name: str) -> Table:
    return parse_table(resources.files("mercato.data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def source_directory() -> SourceDirectory:
    """The shipped knowledge base's sources, loaded once per process."""
    return SourceDirectory(_package_table)


@lru_cache(maxsize=65536)
def resolve_source(label: str | None) -> SourceIdentity | None:
    """The canonical source a printed label names (None: no source, e.g. a parsing leftover)."""
    return source_directory().resolve(label)


def resolve_all(labels: Iterable[str | None]) -> list[SourceIdentity]:
    """The distinct canonical sources of several labels, in order."""
    seen: dict[str, SourceIdentity] = {}
    for label in labels:
        found = resolve_source(label)
        if found is not None:
            seen.setdefault(found.key, found)
    return list(seen.values())

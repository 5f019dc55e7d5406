"""Clubs from openfootball (football.txt), leagues by season, and Wikidata/Transfermarkt ids."""

from __future__ import annotations

import csv
import json
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mercato.kb.normalise import normalise_alias, slugify

# Headings that are not plain English country names in openfootball.
_COUNTRY_OVERRIDES = {"at": "Austria", "es": "Spain", "de": "Germany", "lv": "Latvia"}
# Country names as Wikidata (reep) spells them, where they differ from openfootball's.
_REEP_COUNTRY = {
    "eng": "United Kingdom",
    "sco": "United Kingdom",
    "wal": "United Kingdom",
    "nir": "United Kingdom",
    "mk": "North Macedonia",
    "cd": "Democratic Republic of the Congo",
    "us": "United States",
    "kr": "South Korea",
    "cn": "People's Republic of China",
    "ie": "Republic of Ireland",
    "cz": "Czech Republic",
}
# football.json league-code prefixes that are not the clubs-file country code.
_LEAGUE_COUNTRY = {"en": "eng", "mls": "us"}
_BIG_FIVE = {"eng", "es", "de", "it", "fr"}
_MAJOR = {"nl", "pt", "sco", "tr", "be", "at", "gr"}
# Tokens that only say "football club"; dropped for a second, looser name match.
_CLUB_TOKENS = re.compile(
    r"\b(fc|cf|afc|sc|ac|ssc|as|ss|us|cd|ud|rc|rcd|sv|vfb|vfl|tsg|fk|sk|bk|if|ff|kv|krc|rsc|osc"
    r"|ogc|club|football|futbol|calcio|de|1)\b"
)
_TRAILING_YEARS = re.compile(r"\s*\((?:[^)]*\d{4}[^)]*)\)\s*$")
_LANG_TAG = re.compile(r"\s*\[[a-z]{2}\]")
_YEAR = re.compile(r"^\d{4}$")
_UEFA_SUFFIX = re.compile(r"\s*\((?P<code>[A-Z]{3})\)$")  # "Arsenal FC (ENG)" in UEFA fixtures
_UEFA_COUNTRY = {
    "ENG": "eng",
    "ESP": "es",
    "GER": "de",
    "ITA": "it",
    "FRA": "fr",
    "NED": "nl",
    "POR": "pt",
    "SCO": "sco",
    "BEL": "be",
    "AUT": "at",
    "SUI": "ch",
    "CZE": "cz",
    "CRO": "hr",
    "SRB": "rs",
    "UKR": "ua",
    "SVK": "sk",
    "MCO": "mc",
    "TUR": "tr",
    "GRE": "gr",
    "DEN": "dk",
    "SWE": "se",
    "NOR": "no",
    "POL": "pl",
    "HUN": "hu",
}


@dataclass
class Club:
    """A club as the build assembles it (mutable while sources are joined)."""

    name: str
    country_code: str
    country: str
    city: str = ""
    founded: str = ""
    stadium: str = ""
    alternates: list[str] = field(default_factory=list)
    id: str = ""
    leagues: dict[str, set[str]] = field(default_factory=dict)
    wikidata: str = ""
    transfermarkt_id: str = ""
    prominence: float = 0.0

    def names(self) -> list[str]:
        """Canonical name then alternates."""
        return [self.name, *self.alternates]


def _clean_name(text: str) -> str:
    text = _LANG_TAG.sub("", text)
    text = _TRAILING_YEARS.sub("", text)
    return " ".join(text.split())


def _parse_canonical(line: str, country_code: str, country: str) -> Club:
    parts = [p.strip() for p in line.split(",")]
    club = Club(name=_clean_name(parts[0]), country_code=country_code, country=country)
    places = []
    for part in parts[1:]:
        if not part:
            continue
        if _YEAR.match(part):
            club.founded = part
        elif part.startswith("@"):
            club.stadium = part[1:].strip()
        else:
            places.append(part)
    club.city = ", ".join(places)
    return club


def parse_clubs_txt(text: str, country_code: str) -> list[Club]:
    """Parse one football.txt clubs file; reserve sides (`ii)`) and addresses are skipped."""
    clubs: list[Club] = []
    country = _COUNTRY_OVERRIDES.get(country_code, "")
    current: Club | None = None
    in_reserve = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("="):
            heading = stripped.strip("= ").strip()
            if not country and stripped.startswith("=") and not stripped.startswith("=="):
                country = heading.split("•")[0].strip()
            continue
        if re.match(r"^[ivx]+\)", stripped):
            in_reserve = True
            continue
        if stripped.startswith("|"):
            if current is not None and not in_reserve:
                for alt in stripped.split("|"):
                    alt = _clean_name(alt)
                    if alt and alt not in current.names():
                        current.alternates.append(alt)
            continue
        if "//" in stripped:
            continue  # a postal address line
        indented = line[:1].isspace()
        if indented and "," not in stripped:
            # An indented bare name continues the alternates of the club above.
            if current is not None and not in_reserve:
                alt = _clean_name(stripped)
                if alt and alt not in current.names():
                    current.alternates.append(alt)
            continue
        in_reserve = False
        head, _, inline_alts = stripped.partition("|")
        current = _parse_canonical(head, country_code, country)
        for alt in inline_alts.split("|"):
            alt = _clean_name(alt)
            if alt and alt not in current.names():
                current.alternates.append(alt)
        clubs.append(current)
    for club in clubs:
        club.country = country or club.country_code
    return clubs


def load_openfootball_clubs(clubs_dir: Path) -> list[Club]:
    """Every club of every `*.clubs.txt` file, with stable `club:<slug>` ids."""
    clubs: list[Club] = []
    for path in sorted(clubs_dir.rglob("*.clubs.txt")):
        code = path.name.split(".", 1)[0]
        clubs.extend(parse_clubs_txt(path.read_text(encoding="utf-8"), code))
    _assign_ids(clubs)
    return clubs


def _assign_ids(clubs: list[Club]) -> None:
    by_slug: dict[str, list[Club]] = defaultdict(list)
    for club in clubs:
        by_slug[slugify(club.name)].append(club)
    for slug, group in by_slug.items():
        if len(group) == 1:
            group[0].id = f"club:{slug}"
            continue
        # Same name in several countries: the country code keeps the ids apart and stable.
        seen: dict[str, int] = defaultdict(int)
        for club in group:
            base = f"club:{slug}-{club.country_code}"
            seen[base] += 1
            club.id = base if seen[base] == 1 else f"{base}-{slugify(club.city) or seen[base]}"


def loose_key(name: str) -> str:
    """Name key without the "FC"/"CF"-style tokens, for a second-chance match."""
    # "Chelsea F.C." and "Chelsea FC" are one name once the dots go.
    return " ".join(_CLUB_TOKENS.sub(" ", normalise_alias(name.replace(".", ""))).split())


def _name_index(clubs: Iterable[Club]) -> tuple[dict[str, list[Club]], dict[str, list[Club]]]:
    exact: dict[str, list[Club]] = defaultdict(list)
    loose: dict[str, list[Club]] = defaultdict(list)
    for club in clubs:
        for name in club.names():
            for index, key in ((exact, normalise_alias(name)), (loose, loose_key(name))):
                if key and club not in index[key]:
                    index[key].append(club)
    return exact, loose


def add_league_seasons(clubs: list[Club], football_json_dir: Path) -> list[str]:
    """Record which league each club played in per season; return team names left unmatched."""
    by_country: dict[str, list[Club]] = defaultdict(list)
    for club in clubs:
        by_country[club.country_code].append(club)
    everywhere = _name_index(clubs)
    unmatched: set[str] = set()
    for path in sorted(football_json_dir.glob("*/*.json")):
        season, code = path.parent.name, path.stem
        data = json.loads(path.read_text(encoding="utf-8"))
        teams = sorted({m[k] for m in data.get("matches", []) for k in ("team1", "team2")})
        prefix = code.split(".")[0]
        country = _LEAGUE_COUNTRY.get(prefix, prefix)
        local = _name_index(by_country[country]) if country in by_country else everywhere
        for team in teams:
            suffix = _UEFA_SUFFIX.search(team)
            index = local
            if suffix and _UEFA_COUNTRY.get(suffix.group("code")) in by_country:
                index = _name_index(by_country[_UEFA_COUNTRY[suffix.group("code")]])
            team = _UEFA_SUFFIX.sub("", team)
            found = _match_one(team, index) or _match_one(team, everywhere)
            if found is None:
                unmatched.add(f"{season}/{code}: {team}")
                continue
            found.leagues.setdefault(season, set()).add(code)
    return sorted(unmatched)


def _match_one(
    name: str, index: tuple[dict[str, list[Club]], dict[str, list[Club]]]
) -> Club | None:
    exact, loose = index
    for table, key in ((exact, normalise_alias(name)), (loose, loose_key(name))):
        found = table.get(key, [])
        if len(found) == 1:
            return found[0]
    return None


def join_reep(clubs: list[Club], teams_csv: Path) -> int:
    """Copy Wikidata QID and Transfermarkt id where exactly one same-country row matches."""
    rows_by_key: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    loose_by_key: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    with teams_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row["key_wikidata"] or not row["country"]:
                continue
            rows_by_key[(row["country"], normalise_alias(row["name"]))].append(row)
            loose_by_key[(row["country"], loose_key(row["name"]))].append(row)
    claimed: dict[str, list[Club]] = defaultdict(list)
    chosen: dict[str, dict[str, str]] = {}
    for club in clubs:
        country = _REEP_COUNTRY.get(club.country_code, club.country)
        for table, keyf in ((rows_by_key, normalise_alias), (loose_by_key, loose_key)):
            found = {
                r["reep_id"]: r for n in club.names() for r in table.get((country, keyf(n)), [])
            }
            pick = _confident(list(found.values()))
            if pick is not None:
                chosen[club.id] = pick
                claimed[pick["reep_id"]].append(club)
                break
    joined = 0
    for club in clubs:
        picked = chosen.get(club.id)
        # A row that two clubs claim is not a confident match for either.
        if picked is None or len(claimed[picked["reep_id"]]) > 1:
            continue
        club.wikidata = picked["key_wikidata"]
        club.transfermarkt_id = picked["key_transfermarkt"]
        joined += 1
    return joined


def _confident(rows: list[dict[str, str]]) -> dict[str, str] | None:
    if len(rows) == 1:
        return rows[0]
    with_tm = [r for r in rows if r["key_transfermarkt"]]
    return with_tm[0] if len(with_tm) == 1 else None


def league_level(code: str) -> int:
    """Tier of a football.json league code ("en.1" -> 1, "mls" -> 1); 0 for cups."""
    tail = code.rsplit(".", 1)[-1]
    if tail.isdigit():
        return int(tail)
    return 1 if code == "mls" else 0


def set_prominence(clubs: list[Club], fees: dict[str, float]) -> None:
    """Derive an ordering weight (0-100) from leagues played, Champions League runs and fees.

    Fees (paid plus received, 2022-2024) separate clubs of the same division, which league
    membership alone cannot.
    """
    for club in clubs:
        moved = fees.get(club.transfermarkt_id, 0.0) if club.transfermarkt_id else 0.0
        club.prominence = club_prominence(club.leagues, club.country_code, club.transfermarkt_id, moved)


def club_prominence(
    leagues: Mapping[str, Collection[str]], country_code: str, transfermarkt_id: str | None, moved: float
) -> float:
    """One club's ordering weight from its leagues by season and the fees it moved."""
    best = 0.0
    for codes in leagues.values():
        for code in codes:
            best = max(best, _league_weight(code, country_code))
    seasons = len(leagues)
    cups = sum(1 for codes in leagues.values() if "uefa.cl" in codes)
    score = best + min(seasons, 5) + 2 * min(cups, 5)
    if transfermarkt_id:
        score += 2
        score += min(max((math.log10(moved + 1) - 6) * 6, 0.0), 20.0)
    if country_code in _BIG_FIVE:
        score += 2
    return round(min(score, 100.0), 1)


def _league_weight(code: str, country_code: str) -> float:
    level = league_level(code)
    if level == 0:
        return 0.0
    if country_code in _BIG_FIVE:
        base = 60.0
    elif country_code in _MAJOR:
        base = 45.0
    else:
        base = 40.0
    return max(base - 15.0 * (level - 1), 8.0)


# Transfermarkt domestic-competition codes -> openfootball clubs-file country codes.
_TM_COUNTRY = {
    "BE1": "be",
    "DK1": "dk",
    "ES1": "es",
    "FR1": "fr",
    "GB1": "eng",
    "GR1": "gr",
    "IT1": "it",
    "L1": "de",
    "NL1": "nl",
    "PO1": "pt",
    "RU1": "ru",
    "SC1": "sco",
    "TR1": "tr",
    "UKR1": "ua",
}


def join_transfermarkt_clubs(clubs: list[Club], clubs_csv: Path) -> int:
    """Fill missing Transfermarkt ids from its own club table, where one same-country club fits."""
    taken = {c.transfermarkt_id for c in clubs if c.transfermarkt_id}
    by_country: dict[str, list[Club]] = defaultdict(list)
    for club in clubs:
        by_country[club.country_code].append(club)
    joined = 0
    with clubs_csv.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: int(r["club_id"]))
    for row in rows:
        country = _TM_COUNTRY.get(row["domestic_competition_id"])
        if country is None or row["club_id"] in taken:
            continue
        # The URL slug ("fc-barcelona") and the full name are both tried, strictly then loosely.
        names = (row["club_code"].replace("-", " "), row["name"])
        local = [c for c in by_country.get(country, []) if not c.transfermarkt_id]
        for keyf in (normalise_alias, loose_key):
            keys = {keyf(n) for n in names}
            found = [c for c in local if keys & {keyf(n) for n in c.names()}]
            if len(found) == 1:
                found[0].transfermarkt_id = row["club_id"]
                taken.add(row["club_id"])
                joined += 1
                break
    return joined

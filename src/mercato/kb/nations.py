"""National teams: martj42 names and former names, FIFA codes, curated demonyms."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from mercato.kb.normalise import normalise_alias, slugify
from mercato.kb.tables import read_table, split_list

# martj42 names that FIFA's member list (with its overrides) spells differently.
_FIFA_SPELLING = {
    "china": "china pr",
    "republic of ireland": "ireland",
    "turkey": "turkiye",
    "curacao": "curacao",
    "taiwan": "chinese taipei",
    "united states virgin islands": "u s virgin islands",
}
# Teams that no longer exist but still appear in careers and records.
_HISTORIC = {"Yugoslavia", "Czechoslovakia", "German DR"}
_RECENT_FROM = "2000-01-01"


@dataclass
class NationalTeam:
    """A national team while the build assembles it."""

    id: str
    name: str
    fifa_code: str = ""
    fifa_name: str = ""
    former_names: list[str] = field(default_factory=list)
    demonyms: list[tuple[str, bool]] = field(default_factory=list)  # (form, is_ambiguous)
    nicknames: list[tuple[str, bool]] = field(default_factory=list)
    matches_since_2000: int = 0


def _fifa_codes(fifacodes_dir: Path) -> dict[str, tuple[str, str]]:
    """Normalised name -> (code, FIFA's name); an override renames a member but both names key it."""
    names: dict[str, str] = {}
    keys: dict[str, str] = {}
    for filename in ("fifa_member_codes.csv", "custom_overrides.csv"):
        with (fifacodes_dir / filename).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                names[row["code"]] = row["name"]
                keys[normalise_alias(row["name"])] = row["code"]
    return {key: (code, names[code]) for key, code in keys.items()}


def build_national_teams(national_dir: Path, curated_dir: Path) -> list[NationalTeam]:
    """FIFA members and historic teams found in martj42 results, with demonyms and nicknames."""
    results_dir = national_dir / "martj42-international-results"
    names: set[str] = set()
    recent: Counter[str] = Counter()
    with (results_dir / "results.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for side in ("home_team", "away_team"):
                names.add(row[side])
                if row["date"] >= _RECENT_FROM:
                    recent[row[side]] += 1
    codes = _fifa_codes(national_dir / "fifacodes")
    teams: dict[str, NationalTeam] = {}
    for name in sorted(names):
        key = normalise_alias(name)
        fifa = codes.get(key) or codes.get(_FIFA_SPELLING.get(key, key))
        if fifa is None and name not in _HISTORIC:
            continue  # regional and non-FIFA sides ("Yorkshire", "Madrid") would pollute matching
        team = NationalTeam(f"nation:{slugify(name)}", name, matches_since_2000=recent[name])
        if fifa is not None:
            team.fifa_code, team.fifa_name = fifa
        teams[name] = team
    with (results_dir / "former_names.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            current = teams.get(row["current"])
            if current is not None and row["former"] not in current.former_names:
                current.former_names.append(row["former"])
    for row in read_table(curated_dir / "demonyms.tsv").rows:
        curated = teams.get(row["team"])
        if curated is None:
            raise ValueError(f"demonyms.tsv: unknown team {row['team']!r}")
        curated.demonyms = [(f.rstrip("*"), f.endswith("*")) for f in split_list(row["demonyms"])]
        curated.nicknames = [(f.rstrip("*"), f.endswith("*")) for f in split_list(row["nicknames"])]
    return [teams[name] for name in sorted(teams)]

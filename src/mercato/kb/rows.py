"""Rows of the shipped tables: one function per table, turning build records into cells."""

from __future__ import annotations

from pathlib import Path

from mercato.kb.clubs import Club
from mercato.kb.media import MediaTables, Source
from mercato.kb.nations import NationalTeam
from mercato.kb.people import Move, WorldCupPlayer
from mercato.kb.tables import read_table

AliasRow = tuple[str, str, str, str, str]  # entity_id, alias, kind, ambiguous, source


def club_row(club: Club) -> list[object]:
    """One row of clubs.tsv."""
    leagues = "|".join(
        f"{season}:{','.join(sorted(codes))}" for season, codes in sorted(club.leagues.items())
    )
    return [
        club.id,
        club.name,
        club.country_code,
        club.country,
        club.city,
        club.founded,
        club.stadium,
        leagues,
        club.wikidata,
        club.transfermarkt_id,
        f"{club.prominence:.1f}",
    ]


def club_aliases(clubs: list[Club], curated: Path) -> tuple[list[AliasRow], list[str]]:
    """Openfootball alternates and curated nicknames, with warnings for unknown club ids."""
    rows: list[AliasRow] = []
    for club in clubs:
        rows += [(club.id, alt, "alternate", "", "openfootball") for alt in club.alternates]
    known = {c.id for c in clubs}
    warnings = []
    for row in read_table(curated / "club_nicknames.tsv").rows:
        if row["club"] not in known:
            warnings.append(f"club_nicknames.tsv: unknown club id {row['club']}")
            continue
        ambiguous = "yes" if row["ambiguous"].strip().lower() in {"yes", "y", "1", "true"} else ""
        rows.append((row["club"], row["alias"], row["kind"] or "nickname", ambiguous, "curated"))
    return rows, warnings


def nation_row(team: NationalTeam) -> list[object]:
    """One row of nations.tsv (a trailing * marks a shared, ambiguous form)."""
    return [
        team.id,
        team.name,
        team.fifa_code,
        team.fifa_name,
        "|".join(team.former_names),
        "|".join(f + ("*" if amb else "") for f, amb in team.demonyms),
        "|".join(f + ("*" if amb else "") for f, amb in team.nicknames),
        team.matches_since_2000,
    ]


def nation_aliases(nations: list[NationalTeam]) -> list[AliasRow]:
    """FIFA names, former names, demonyms and nicknames of national teams."""
    rows: list[AliasRow] = []
    for team in nations:
        if team.fifa_name and team.fifa_name != team.name:
            rows.append((team.id, team.fifa_name, "alternate", "", "fifacodes"))
        rows += [(team.id, former, "alternate", "", "martj42") for former in team.former_names]
        rows += [
            (team.id, form, "demonym", "yes" if amb else "", "curated")
            for form, amb in team.demonyms
        ]
        rows += [
            (team.id, nick, "nickname", "yes" if amb else "", "curated")
            for nick, amb in team.nicknames
        ]
    return rows


def outlet_row(outlet: Source) -> list[object]:
    """One row of outlets.tsv."""
    return [
        outlet.id,
        outlet.name,
        outlet.category,
        "|".join(outlet.domains),
        outlet.language,
        outlet.country,
        outlet.tier,
        "yes" if outlet.removed else "",
        "yes" if outlet.name_is_common else "",
        outlet.corpus_items,
        "|".join(sorted(outlet.provenance)),
    ]


def journalist_row(person: Source) -> list[object]:
    """One row of journalists.tsv (employer: the first outlet known)."""
    employer = person.employers[0] if person.employers else ""
    return [
        person.id,
        person.name,
        employer,
        "|".join(person.employers),
        person.handle,
        person.tier,
        person.category,
        person.language,
        person.country,
        person.corpus_items,
        "|".join(sorted(person.provenance)),
    ]


def media_aliases(media: MediaTables) -> list[AliasRow]:
    """Printed labels, alternates, domains and @handles of outlets and journalists."""
    rows: list[AliasRow] = []
    for source in [*media.outlets.values(), *media.journalists.values()]:
        origin = "|".join(sorted(source.provenance))
        rows += [(source.id, text, kind, "", origin) for text, kind in source.aliases.items()]
        rows += [(source.id, domain, "domain", "", origin) for domain in source.domains]
        if source.handle:
            rows.append((source.id, f"@{source.handle}", "alternate", "", origin))
    return rows


def move_row(m: Move, club_by_tm: dict[str, str]) -> list[object]:
    """One row of person_clubs.tsv."""
    return [
        m.person_id,
        m.date,
        m.season,
        club_by_tm.get(m.from_tm_id, ""),
        m.from_tm_id,
        m.from_name,
        club_by_tm.get(m.to_tm_id, ""),
        m.to_tm_id,
        m.to_name,
        m.fee,
        m.market_value,
    ]


def world_cup_row(player: WorldCupPlayer) -> list[object]:
    """One row of worldcup_players.tsv."""
    return [
        player.id,
        player.name,
        player.family_name,
        player.given_name,
        player.birth_date,
        "|".join(player.positions),
        "|".join(player.teams),
        "|".join(player.tournaments),
        player.same_as,
    ]


def dedupe(rows: list[AliasRow]) -> list[AliasRow]:
    """One row per (entity, alias text, kind); an ambiguous flag from any source wins."""
    merged: dict[tuple[str, str, str], AliasRow] = {}
    for row in rows:
        key = row[:3]
        if key in merged and merged[key][3] == "yes":
            continue
        merged[key] = row
    return list(merged.values())

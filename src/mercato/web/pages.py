"""The dashboard's pages: rumour board, story, article, player, club and source league table."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from mercato.api.deps import KbDir, StoreDep
from mercato.api.serialise import claim_out
from mercato.domain import Status
from mercato.services.board import StoryFilters, board_page, get_story, story_ids_of_claims
from mercato.services.profiles import club_profile, person_profile
from mercato.services.search import search
from mercato.services.sources import source_table
from mercato.services.views import StoryView
from mercato.web.formatting import (
    format_date,
    format_fee,
    install_filters,
    money,
    with_as_of,
)
from mercato.web.highlight import segments
from mercato.web.paging import paged
from mercato.web.reliability import router as reliability_router
from mercato.web.stages import legend, stage_mark, timeline_row, timeline_rows

HERE = Path(__file__).resolve().parent
BOARD_SIZE = 100
PROFILE_SIZE = 25  # stories per list on a player or club page
SOURCES_SIZE = 50
# A timeline colours its busiest sources; the rest share one grey "other", so colours stay apart.
TIMELINE_COLOURED = 7
OTHER_SOURCES = "other"
# The leagues offered in the source table's filter (openfootball codes).
LEAGUES = (
    ("en.1", "Premier League"),
    ("en.2", "Championship"),
    ("es.1", "La Liga"),
    ("it.1", "Serie A"),
    ("de.1", "Bundesliga"),
    ("fr.1", "Ligue 1"),
    ("pt.1", "Primeira Liga"),
    ("nl.1", "Eredivisie"),
    ("sco.1", "Scottish Premiership"),
)

router = APIRouter(include_in_schema=False)
Text = Annotated[str | None, Query(max_length=200)]
StatusChoice = Literal["open", "done", "off", "all"]
_STATUS = {"open": Status.RUMOUR, "done": Status.DONE, "off": Status.OFF, "all": None}


def _day(value: str | None, name: str) -> date | None:
    """A date from a form field; blank means none, anything else must be YYYY-MM-DD."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, detail=f"{name}: expected a date as YYYY-MM-DD") from None


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _render(request: Request, template: str, **context: object) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context)


@router.get("/", response_class=HTMLResponse)
def board(
    request: Request,
    store: StoreDep,
    kb_dir: KbDir,
    club: Text = None,
    person: Text = None,
    source: Text = None,
    window: Annotated[str | None, Query(max_length=20)] = None,
    status: StatusChoice = "open",
    sort: Literal["probability", "latest"] = "latest",
    as_of: Annotated[str | None, Query(max_length=20)] = None,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = BOARD_SIZE,
) -> HTMLResponse:
    """The rumour board: stories for a club or a player, by probability or latest news, paged."""
    window_label = _blank(window)
    if window_label and not _is_window(window_label):
        raise HTTPException(422, detail='window: expected e.g. "2023 summer"')
    filters = StoryFilters(
        person=_blank(person),
        club=_blank(club),
        source=_blank(source),
        window=window_label,
        status=_STATUS[status],
        sort=sort,
        as_of=_day(as_of, "as_of"),
    )
    offset = (page - 1) * per_page
    total, stories = board_page(store, filters, offset=offset, limit=per_page, kb_dir=kb_dir)
    form = {
        "club": filters.club or "",
        "person": filters.person or "",
        "source": filters.source or "",
        "window": window_label or "",
        "status": status,
        "sort": sort,
        "as_of": filters.as_of.isoformat() if filters.as_of else "",
    }
    if per_page != BOARD_SIZE:
        form["per_page"] = str(per_page)
    pages = max(1, math.ceil(total / per_page))
    return _render(
        request,
        "board.html",
        stories=stories,
        total=total,
        filters=filters,
        form=form,
        as_of=form["as_of"],
        paging={
            "page": page,
            "pages": pages,
            "first": offset + 1,
            "last": offset + len(stories),
            "previous": _board_url(form, page - 1) if page > 1 else None,
            "next": _board_url(form, page + 1) if page < pages else None,
        },
    )


def _board_url(form: dict[str, str], page: int) -> str:
    """The board's address with the same filters (as-of day included) on another page."""
    fields = {name: value for name, value in form.items() if value}
    if page > 1:
        fields["page"] = str(page)
    return "/?" + urlencode(fields)


def _is_window(label: str) -> bool:
    year, _, part = label.partition(" ")
    return year.isdigit() and len(year) == 4 and part in ("summer", "winter")


def _timeline_data(story: StoryView, as_of: str = "") -> str:
    """The timeline as JSON for the chart: one point per claim, one series per busy source."""
    reports = Counter(step.source or step.outlet or "unknown" for step in story.steps)
    coloured = [name for name, _ in reports.most_common(TIMELINE_COLOURED)]
    if len(reports) == TIMELINE_COLOURED + 1:
        coloured = list(reports)  # one more colour beats a grey series of one source
    points = [
        {
            "date": step.published.isoformat(),
            "label": format_date(step.published),
            "stage": str(step.stage),
            "y": timeline_row(step.stage),
            "source": source,
            "series": source if source in coloured else OTHER_SOURCES,
            "fee": format_fee(step.fee) if step.fee else None,
            "url": with_as_of(f"/articles/{step.article_id}#claim-{step.claim_id}", as_of),
        }
        for step in story.steps
        for source in [step.source or step.outlet or "unknown"]
    ]
    series = list(coloured) + (
        [OTHER_SOURCES] if any(p["series"] == OTHER_SOURCES for p in points) else []
    )
    data = {"rows": timeline_rows(), "series": series, "other": OTHER_SOURCES, "points": points}
    # </script> cannot appear inside the JSON island
    return json.dumps(data).replace("</", "<\\/")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(
    request: Request,
    store: StoreDep,
    kb_dir: KbDir,
    story_id: str,
    as_of: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    """A story with its timeline drawn and each step linked to its article."""
    day = _day(as_of, "as_of")
    story = get_story(store, story_id, as_of=day, kb_dir=kb_dir)
    as_of_text = day.isoformat() if day else ""
    return _render(
        request,
        "story.html",
        story=story,
        timeline_json=_timeline_data(story, as_of_text),
        as_of=as_of_text,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    request: Request,
    store: StoreDep,
    kb_dir: KbDir,
    article_id: str,
    as_of: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    """The article's text with every claim and mention highlighted, claim details beside it."""
    day = _day(as_of, "as_of")
    article = store.get_article(article_id)
    claims = store.claims_for_article(article_id)
    mentions = store.mentions_for_article(article_id)
    stories = story_ids_of_claims(store, as_of=day, kb_dir=kb_dir)
    return _render(
        request,
        "article.html",
        article=article,
        segments=segments(article.text, claims, mentions),
        claims=[claim_out(c, stories.get(str(c.id))) for c in claims],
        mentions=mentions,
        as_of=day.isoformat() if day else "",
    )


@router.get("/people/{name}", response_class=HTMLResponse)
def person_page(
    request: Request,
    store: StoreDep,
    kb_dir: KbDir,
    name: str,
    as_of: Annotated[str | None, Query(max_length=20)] = None,
    per_page: Annotated[int, Query(ge=1, le=500)] = PROFILE_SIZE,
) -> HTMLResponse:
    """A player: what is known at the page's day, open stories, finished ones, then facts."""
    day = _day(as_of, "as_of")
    profile = person_profile(store, name, as_of=day, kb_dir=kb_dir)
    return _render(
        request,
        "person.html",
        profile=profile,
        known=profile.known,
        open_stories=paged(profile.open_stories, request, param="open_page", per_page=per_page),
        finished=paged(profile.finished_stories, request, param="done_page", per_page=per_page),
        facts=paged(profile.fact_lines, request, param="facts_page", per_page=per_page),
        as_of=day.isoformat() if day else "",
    )


@router.get("/clubs/{name}", response_class=HTMLResponse)
def club_page(
    request: Request,
    store: StoreDep,
    kb_dir: KbDir,
    name: str,
    as_of: Annotated[str | None, Query(max_length=20)] = None,
    per_page: Annotated[int, Query(ge=1, le=500)] = PROFILE_SIZE,
) -> HTMLResponse:
    """A club's incoming and outgoing moves, each open ones first, each in pages."""
    day = _day(as_of, "as_of")
    profile = club_profile(store, name, as_of=day, kb_dir=kb_dir)
    return _render(
        request,
        "club.html",
        profile=profile,
        incoming=paged(profile.incoming, request, param="in_page", per_page=per_page),
        outgoing=paged(profile.outgoing, request, param="out_page", per_page=per_page),
        as_of=day.isoformat() if day else "",
    )


@router.get("/sources", response_class=HTMLResponse)
def sources_page(
    request: Request,
    store: StoreDep,
    kb_dir: KbDir,
    club: Text = None,
    league: Annotated[str | None, Query(max_length=20)] = None,
    kind: Literal["all", "outlet", "journalist"] = "all",
    as_of: Annotated[str | None, Query(max_length=20)] = None,
    per_page: Annotated[int, Query(ge=1, le=500)] = SOURCES_SIZE,
) -> HTMLResponse:
    """The source league table with each reliability's interval drawn, in pages."""
    club_name = _blank(club)
    league_code = _blank(league)
    if league_code and not re.fullmatch(r"[a-z]{2,4}\.\d", league_code):
        raise HTTPException(422, detail='league: expected a code such as "en.1"')
    day = _day(as_of, "as_of")
    records = source_table(store, club=club_name, league=league_code, as_of=day, kb_dir=kb_dir)
    if kind != "all":
        records = [r for r in records if r.kind == kind]
    shown = paged(records, request, per_page=per_page)
    chart = [
        {"name": r.name, "reliability": r.reliability, "interval": r.interval, "stories": r.stories}
        for r in shown.items[:40]
    ]
    return _render(
        request,
        "sources.html",
        records=shown.items,
        shown=shown,
        chart_json=json.dumps(chart).replace("</", "<\\/"),
        form={
            "club": club_name or "",
            "league": league_code or "",
            "kind": kind,
            "as_of": day.isoformat() if day else "",
        },
        as_of=day.isoformat() if day else "",
        leagues=LEAGUES,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, kb_dir: KbDir, q: Text = None) -> Response:
    """People and clubs whose names contain the query, and the best match's stories."""
    query = _blank(q)
    if not query:
        return RedirectResponse("/", status_code=303)
    found = search(store, query, limit=BOARD_SIZE, kb_dir=kb_dir)
    return _render(
        request,
        "search.html",
        query=query,
        people=found.people[:30],
        clubs=found.clubs[:30],
        stories=found.stories,
    )


def install_pages(app: FastAPI) -> None:
    """Serve the dashboard's pages and static files from `app`."""
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    install_filters(templates.env)
    templates.env.filters["eur"] = lambda amount: money(float(amount), "EUR")
    templates.env.globals["stage_mark"] = stage_mark
    templates.env.globals["stage_legend"] = legend
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(router)
    app.include_router(reliability_router)

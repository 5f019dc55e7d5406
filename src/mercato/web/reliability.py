"""The "how good are these numbers" page: the backtest's figures and its reliability diagram.

The diagram is inline SVG laid out here (no script, nothing from another host), so it draws
under the dashboard's strict Content-Security-Policy and in a page saved to disk.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from mercato.api.deps import SettingsDep
from mercato.score.coherence import DROPPED, STAY_FLOOR
from mercato.services.forecast_report import ForecastReport, default_report_path, forecast_report

router = APIRouter(include_in_schema=False)

# The plot's square, in SVG units, inside margins for the axes' labels; a strip of bars below
# it shows how many forecasts fell in each bin (a point drawn from ten stories says little).
SIZE = 320
LEFT, TOP, BOTTOM_GAP = 48, 16, 40
STRIP = 60
WIDTH = LEFT + SIZE + 16
HEIGHT = TOP + SIZE + BOTTOM_GAP + STRIP + 24
TICKS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


@dataclass(frozen=True)
class Point:
    """One bin drawn: its centre, radius and the sentence its tooltip reads."""

    x: float
    y: float
    r: float
    title: str


@dataclass(frozen=True)
class Bar:
    """One bin's count drawn in the strip under the plot."""

    x: float
    y: float
    width: float
    height: float
    title: str


@dataclass(frozen=True)
class Diagram:
    """Everything the template needs to write the SVG."""

    width: int
    height: int
    left: int
    top: int
    size: int
    ticks: tuple[
        tuple[float, float, str], ...
    ]  # position along an axis (x from left, y from top), label
    points: tuple[Point, ...]
    line: str  # the polyline through the points
    bars: tuple[Bar, ...]
    strip_top: float
    strip_height: int


def _x(value: float) -> float:
    return round(LEFT + value * SIZE, 1)


def _y(value: float) -> float:
    return round(TOP + (1.0 - value) * SIZE, 1)


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def diagram(report: ForecastReport) -> Diagram | None:
    """The reliability diagram's geometry, or None when the report has no bins."""
    # Only the bands some forecasts fell in: an empty one has no mean and no share to draw.
    drawn = [
        (b, b.mean_forecast, b.observed)
        for b in report.reliability
        if b.count > 0 and b.mean_forecast is not None and b.observed is not None
    ]
    if not drawn:
        return None
    bins = [b for b, _, _ in drawn]
    most = max(b.count for b in bins)
    points = tuple(
        Point(
            x=_x(mean),
            y=_y(observed),
            r=round(3 + 7 * (b.count / most) ** 0.5, 1),
            title=(
                f"forecasts {_pct(b.low)}–{_pct(b.high)}: {b.count} stories, forecast "
                f"{_pct(mean)} on average, {_pct(observed)} happened"
            ),
        )
        for b, mean, observed in drawn
    )
    strip_top = TOP + SIZE + BOTTOM_GAP
    bars = tuple(
        Bar(
            x=_x(b.low) + 1,
            y=round(strip_top + STRIP * (1 - b.count / most), 1),
            width=max(round((b.high - b.low) * SIZE - 2, 1), 1.0),
            height=round(STRIP * b.count / most, 1),
            title=f"{b.count} forecasts between {_pct(b.low)} and {_pct(b.high)}",
        )
        for b in bins
    )
    return Diagram(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        top=TOP,
        size=SIZE,
        ticks=tuple((_x(t), _y(t), _pct(t)) for t in TICKS),
        points=points,
        line=" ".join(f"{p.x},{p.y}" for p in points),
        bars=bars,
        strip_top=strip_top,
        strip_height=STRIP,
    )


@router.get("/reliability", response_class=HTMLResponse)
def reliability_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    """How good the probabilities are: the backtest's figures, plainly explained, and the diagram."""
    report = forecast_report(settings.forecast_report)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "reliability.html",
        {
            "report": report,
            "diagram": diagram(report) if report is not None else None,
            "looked_at": str(settings.forecast_report or default_report_path()),
            "stay_floor": STAY_FLOOR,
            "dropped": DROPPED,
        },
    )

"""matplotlib is an optional extra: only drawing a PNG imports it, and its absence is explained."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True, text=True, timeout=120, check=False,
    )


def test_the_library_and_its_faces_load_without_matplotlib() -> None:
    result = _run("""
        import sys
        sys.modules["matplotlib"] = None  # as if the 'charts' extra were not installed
        import mercato, mercato.cli, mercato.api.app, mercato.replay.report, mercato.score.metrics
        from mercato.cli import build_cli
        build_cli()
        print("loaded")
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "loaded"


def test_drawing_without_matplotlib_names_the_extra(tmp_path: object) -> None:
    result = _run(f"""
        import sys
        sys.modules["matplotlib"] = None
        from mercato.errors import ConfigurationError
        from mercato.score.metrics import draw_reliability
        try:
            draw_reliability({{}}, {str(tmp_path)!r} + "/r.png", "t")
        except ConfigurationError as exc:
            print(exc)
    """)
    assert result.returncode == 0, result.stderr
    assert "charts" in result.stdout and "matplotlib" in result.stdout

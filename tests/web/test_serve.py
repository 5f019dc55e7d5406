"""`mercato serve`: options override the environment; local address by default."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from mercato.cli.serve import serve_command, serve_settings
from mercato.settings import Settings


def test_serves_on_the_local_address_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MERCATO_HOST", "MERCATO_PORT", "MERCATO_API_TOKEN", "MERCATO_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = serve_settings(Settings(), None, None, None, None)
    assert settings.host == "127.0.0.1" and settings.port == 8000
    assert settings.api_token is None


def test_options_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MERCATO_PORT", "9001")
    monkeypatch.setenv("MERCATO_API_TOKEN", "from-env")
    assert serve_settings(Settings(), None, None, None, None).port == 9001
    settings = serve_settings(Settings(), "store.db", "0.0.0.0", 9100, "from-option")
    assert settings.database_url == "sqlite:///store.db"
    assert (settings.host, settings.port, settings.api_token) == ("0.0.0.0", 9100, "from-option")
    assert serve_settings(Settings(), None, None, None, None).api_token == "from-env"


def test_help_names_every_option() -> None:
    result = CliRunner().invoke(serve_command, ["--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token"):
        assert option in result.output
    assert CliRunner().invoke(serve_command, ["--port", "70000"]).exit_code == 2

"""Schema-driven test: schemathesis generates requests from /openapi.json; none may get a 500.

Every operation of the schema is driven with a few generated cases (valid and invalid ones),
bounded so it stays a quick part of the default run. The operations are walked by hand rather
than through schemathesis' pytest plugin, which does not load under this pytest version.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mercato.settings import Settings
from mercato.web.app import create_app

TOKEN = "schema-token"
EXAMPLES_PER_OPERATION = 15


@pytest.fixture(scope="module")
def api_schema(sample_db: Path) -> schemathesis.BaseSchema:
    """The app's OpenAPI schema, bound to the app over the sample store."""
    app = create_app(Settings(database_url=f"sqlite:///{sample_db}", api_token=TOKEN))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_the_schema_lists_every_operation(api_schema: schemathesis.BaseSchema) -> None:
    labels = {result.ok().label for result in api_schema.get_all_operations()}
    assert "POST /api/articles" in labels and "GET /api/stories/{story_id}" in labels
    assert len(labels) >= 14


def test_no_generated_request_gets_a_server_error(api_schema: schemathesis.BaseSchema) -> None:
    failures: list[str] = []
    calls: list[int] = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        strategy = operation.as_strategy() | operation.as_strategy(
            schemathesis.GenerationMode.NEGATIVE
        )

        @given(case=strategy, authorised=st.booleans())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case, authorised: bool) -> None:
            headers = {"Authorization": f"Bearer {TOKEN}"} if authorised else {}
            response = case.call(headers=headers)
            calls.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.path} {case.query}: {response.text[:200]}")
            elif response.status_code >= 400:
                assert "error" in response.json(), response.text

        run()
    assert not failures, "\n".join(failures)
    operations = sum(1 for _ in api_schema.get_all_operations())
    assert len(calls) >= 5 * operations
    assert any(code < 300 for code in calls) and any(code == 422 for code in calls)

"""schemathesis over the whole API with every check it has (server errors, status codes,
content types, headers, response schemas, negative data rejected, positive data accepted, auth,
Allow headers), after validating the OpenAPI document itself: no failure allowed."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import CHECKS, load_all_checks

from mercato.pipeline import ingest_paths
from mercato.settings import Settings
from mercato.store import Store
from mercato.web.app import create_app
from support import SAMPLES_DIR

TOKEN = "schema-all-checks-token"


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> schemathesis.BaseSchema:
    url = f"sqlite:///{tmp_path_factory.mktemp('schema') / 'samples.db'}"
    with Store.open(url) as store:
        assert ingest_paths([SAMPLES_DIR], store).failed == 0
    app = create_app(Settings(database_url=url, api_token=TOKEN))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _run_every_check(api_schema: schemathesis.BaseSchema, examples: int) -> list[str]:
    load_all_checks()
    checks = CHECKS.get_all()
    assert len(checks) >= 10
    failures: list[str] = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        strategy = operation.as_strategy() | operation.as_strategy(
            schemathesis.GenerationMode.NEGATIVE
        )

        @given(case=strategy, authorised=st.booleans())
        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case, authorised: bool) -> None:
            headers = {"Authorization": f"Bearer {TOKEN}"} if authorised else {}
            try:
                case.call_and_validate(headers=headers, checks=checks)
            except BaseException as exc:  # noqa: BLE001 - schemathesis raises a group of failures
                failures.append(f"{case.method} {case.path}: {str(exc)[:600]}")

        run()
    return failures


def test_the_openapi_document_is_valid(api_schema: schemathesis.BaseSchema) -> None:
    api_schema.validate()


def test_every_check_passes_on_every_operation(api_schema: schemathesis.BaseSchema) -> None:
    failures = _run_every_check(api_schema, examples=40)
    assert not failures, "\n\n".join(failures[:10])


@pytest.mark.slow
def test_every_check_passes_on_many_cases(api_schema: schemathesis.BaseSchema) -> None:
    failures = _run_every_check(api_schema, examples=300)
    assert not failures, "\n\n".join(failures[:10])

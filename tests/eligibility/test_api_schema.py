"""The OpenAPI schema is exact: generated without a warning, and every operation, run by
Schemathesis against a live server with a token, answers as the schema says (never a 500).

Schemathesis draws a few examples per operation (valid and invalid requests alike); each
operation's test starts from a seeded profile, draws and a token, on a live server on the test
database.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import schemathesis
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from draws.models import Category, Draw
from tests.factories import DrawFactory, OccupationFactory, access_token, physician_profile

OPERATIONS = {
    ("GET", "/api/v1/draws/"),
    ("GET", "/api/v1/draws/{number}/"),
    ("GET", "/api/v1/categories/"),
    ("GET", "/api/v1/occupations/"),
    ("POST", "/api/v1/evaluate"),
    ("GET", "/api/v1/me/profile"),
    ("PUT", "/api/v1/me/profile"),
    ("GET", "/api/v1/me/eligibility"),
    ("GET", "/api/v1/me/draws/"),
    ("GET", "/api/v1/me/draws/{number}/"),
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def openapi() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_is_generated_without_a_warning_or_an_error():
    out, err = StringIO(), StringIO()

    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out, stderr=err)

    assert "Warning" not in err.getvalue()
    assert "Error" not in err.getvalue()


def test_the_schema_lists_every_operation_with_its_errors():
    paths = openapi()["paths"]

    listed = {(method.upper(), path) for path, item in paths.items() for method in item}
    assert listed == OPERATIONS
    for path, item in paths.items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"200", "400", "429"} <= codes, (method, path)
            for code, response in operation["responses"].items():
                schema = response["content"]["application/json"]["schema"]
                assert schema != {"type": "object", "additionalProperties": {}}, (path, code)
                if code != "200":
                    assert schema == {"$ref": "#/components/schemas/Errors"}, (path, code)


def test_the_personal_operations_need_a_token_or_the_session():
    for path, item in openapi()["paths"].items():
        for operation in item.values():
            security = operation.get("security", [])
            if path.startswith("/api/v1/me/"):
                assert {} not in security, path
                assert {"accessToken": []} in security, path


# Schemathesis' coverage phase sends hundreds of boundary requests per operation (about a
# minute in all); a few generated examples of each mode, valid and invalid, keep it bounded.
schema = schemathesis.openapi.from_dict(
    openapi(),
    config=SchemathesisConfig.from_dict(
        {"phases": {"coverage": {"enabled": False}}, "generation": {"mode": "all"}}
    ),
)


@pytest.fixture
def seeded(db, live_server, monkeypatch):
    """A physician's profile, its token, two categories of draws and the occupations they
    name. Rate limits far above what the run sends."""
    for scope in ("evaluate", "api-personal", "api-anonymous"):
        monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, scope, "100000/minute")
    call_command("load_categories", stdout=StringIO())
    for code in ("31100", "31101", "31102", "21232", "73300"):
        OccupationFactory(code=code)
    DrawFactory(number="397", held_on=dt.date(2026, 2, 19), pool_distribution=[[0, 600, 5]])
    DrawFactory(
        number="398",
        held_on=dt.date(2026, 2, 20),
        round_type=Draw.RoundType.CATEGORY,
        category=Category.objects.get(slug="physicians-2026-v1"),
    )
    profile = physician_profile()
    return access_token(profile.user)


@pytest.mark.django_db(transaction=True)  # the live server sees what the test committed
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,  # the same requests on every run
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_its_schema_says(case, seeded, live_server):
    case.call_and_validate(
        base_url=live_server.url, headers={"Authorization": f"Bearer {seeded}"}, checks=CHECKS
    )

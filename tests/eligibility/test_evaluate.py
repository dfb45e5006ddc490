"""The candidate JSON format through the command line and the API: the same verdict."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.throttling import ScopedRateThrottle

from tests.eligibility import workers

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "candidate-example.json"


def example() -> dict:
    return json.loads(EXAMPLE.read_text())


def command(*args: str) -> dict:
    out = StringIO()
    call_command("evaluate_candidate", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_readme_example_is_invited_in_draw_397_from_the_command_line(
    imported_draws, occupations
):
    verdict = command(str(EXAMPLE), "--draw", "397")

    assert verdict["on"] == "2026-02-19"
    assert verdict["draw"]["invited"] is True
    assert verdict["draw"]["cutoff"] == 169
    assert verdict["categories"]["physicians-2026-v1"]["eligible"] is True
    assert set(verdict["programs"]) == {"fsw", "cec", "fst"}
    assert verdict["crs"]["total"] == sum(
        f["points"] for f in verdict["crs"]["factors"] if not f["code"].startswith("subtotal")
    )


def test_the_api_answers_the_same_verdict_as_the_command(client, imported_draws, occupations):
    response = client.post(
        reverse("eligibility:api-evaluate") + "?on=2026-06-01",
        data=example(),
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json() == command(str(EXAMPLE), "--on", "2026-06-01")


def test_the_api_needs_no_account(client, categories):
    response = client.post(
        reverse("eligibility:api-evaluate"), data=example(), content_type="application/json"
    )

    assert response.status_code == 200
    assert "draw" not in response.json()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"birth_date": "17/05/1992"}, "birth_date"),
        ({"marital_status": "complicated"}, "marital_status"),
        ({"work": [{**example()["work"][0], "hours_per_week": 0}]}, "work[0].hours_per_week"),
        ({"work": [{**example()["work"][0], "end": "2020-01-01"}]}, "work[0].end"),
        ({"work": [{**example()["work"][0], "end": "9986-01-01"}]}, "work[0].end"),
        ({"work": [{**example()["work"][0], "start": "0001-01-01"}]}, "work[0].start"),
        ({"pool_entry": "1999-01-01T00:00:00Z"}, "pool_entry"),
        ({"work": [{**example()["work"][0], "noc": "99999"}]}, "work[0].noc"),
        (
            {"language_tests": [{**example()["language_tests"][0], "reading": 9.5}]},
            "language_tests[0].reading",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field(client, occupations, change, field):
    body = {**example(), **change}

    response = client.post(
        reverse("eligibility:api-evaluate"), data=body, content_type="application/json"
    )

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_an_unknown_draw_or_date_is_refused(client, categories):
    url = reverse("eligibility:api-evaluate")

    unknown = client.post(url + "?draw=9999", data=example(), content_type="application/json")
    bad_date = client.post(url + "?on=tomorrow", data=example(), content_type="application/json")

    assert unknown.status_code == 400
    assert "draw" in unknown.json()["errors"]
    assert bad_date.status_code == 400
    assert "on" in bad_date.json()["errors"]


@pytest.mark.parametrize("on", ["0001-01-01", "2014-12-31", "9999-12-31"])
def test_a_date_the_engine_cannot_answer_for_is_a_400_not_a_500(client, categories, on):
    url = reverse("eligibility:api-evaluate") + f"?on={on}"

    response = client.post(url, data=example(), content_type="application/json")

    assert response.status_code == 400
    assert "must be between 2015-01-01" in response.json()["errors"]["on"]


def test_the_first_day_of_express_entry_is_answered(client, categories):
    url = reverse("eligibility:api-evaluate") + "?on=2015-01-01"

    response = client.post(url, data=example(), content_type="application/json")

    assert response.status_code == 200
    assert response.json()["on"] == "2015-01-01"


def test_malformed_json_is_a_400_not_a_500(client, db):
    response = client.post(
        reverse("eligibility:api-evaluate"), data="{not json", content_type="application/json"
    )

    assert response.status_code == 400


# --- request bounds and the rate limit --------------------------------------------------------

API = "/api/v1/evaluate"


def post(client, body: str | bytes = "{}", **headers: str):
    return client.post(API, data=body, content_type="application/json", **headers)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[" * 1_000 + "]" * 1_000, "The JSON nests deeper than 10 levels."),
        ("[" * 30_000 + "]" * 30_000, "The body is not valid JSON"),  # past orjson's own limit
        ("[" * 1_000, "The body is not valid JSON"),
        ("{not json", "The body is not valid JSON"),
    ],
)
def test_deep_or_broken_json_is_a_400_in_the_apis_error_format(client, db, body, message):
    response = post(client, body)

    assert response.status_code == 400
    assert message in response.json()["errors"]["body"]


def test_a_candidate_nested_as_deep_as_the_format_goes_is_answered(client, occupations):
    candidate = example()
    candidate["marital_status"] = "married"
    candidate["family_size"] = 2
    candidate["spouse"] = {
        "accompanying": True,
        "citizen_or_pr": False,
        "education": [],
        "language_tests": [],
        "work": [candidate["work"][0]],
    }

    assert post(client, json.dumps(candidate)).status_code == 200


def test_a_body_over_64_kib_is_refused_in_the_apis_error_format(client, db):
    response = post(client, b'{"birth_date": "' + b"9" * 5_000_000 + b'"}')

    assert response.status_code == 413
    assert response.json() == {"errors": {"body": "The body is larger than 64 KiB."}}


def test_the_apis_answers_are_never_stored_by_a_cache(client, categories):
    for response in (post(client, json.dumps(example())), post(client, "{}")):
        assert response.status_code in {200, 400}
        assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


@pytest.fixture
def three_a_minute(monkeypatch):
    # DRF reads the rates into the throttle class when it is first imported.
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "evaluate", "3/minute")


def test_a_forged_forwarded_for_does_not_reset_the_rate_limit(client, db, three_a_minute):
    for number in range(3):
        assert post(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").status_code == 400

    response = post(client, HTTP_X_FORWARDED_FOR="203.0.113.99")

    assert response.status_code == 429
    assert "throttled" in response.json()["errors"]["request"]
    assert int(response["Retry-After"]) > 0


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(
    client, db, settings, three_a_minute
):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    for _ in range(3):
        post(client, HTTP_X_FORWARDED_FOR="203.0.113.1")

    assert post(client, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429
    assert post(client, HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 400


ANOTHER_PROCESS = """
import sys, django
django.setup()
from django.conf import settings
settings.CACHES["default"]["KEY_PREFIX"] = sys.argv[1]  # the test's own keys
from django.test import Client
print(Client().post("/api/v1/evaluate", data="{}", content_type="application/json").status_code)
"""


@pytest.mark.django_db(transaction=True)  # committed, so the other process sees the counts
def test_the_rate_limit_is_counted_once_for_every_process(client, settings, three_a_minute):
    for _ in range(3):
        post(client)

    result = subprocess.run(
        [sys.executable, "-c", ANOTHER_PROCESS, settings.CACHES["default"]["KEY_PREFIX"]],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": workers.test_database_url(),
            "ENV_FILE_DISABLED": "1",
            "DEBUG": "true",
            "ALLOWED_HOSTS": "testserver",
            "EVALUATE_RATE": "3/minute",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.stdout.strip() == "429", result.stderr


def test_the_command_refuses_bad_input_naming_the_field_with_a_non_zero_exit(tmp_path, occupations):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({**example(), "work": [{**example()["work"][0], "start": "2999-01-01"}]})
    )

    with pytest.raises(CommandError, match=r"work\[0\]\.start"):
        command(str(bad))
    bad.write_text("{")
    with pytest.raises(CommandError, match="not valid JSON"):
        command(str(bad))
    with pytest.raises(CommandError, match="--on must be a date"):
        command(str(EXAMPLE), "--on", "soon")
    with pytest.raises(CommandError, match="--on must be between 2015-01-01"):
        command(str(EXAMPLE), "--on", "9999-12-31")
    with pytest.raises(CommandError, match="Could not read"):
        command(str(tmp_path / "missing.json"))


def test_the_openapi_schema_describes_the_endpoint(client, db):
    response = client.get(reverse("api-schema"))

    assert response.status_code == 200
    assert b"/api/v1/evaluate" in response.content


# --- improvements in the verdict ----------------------------------------------------------------


def test_the_command_lists_improvements_sorted_by_gain_with_their_dates(categories, occupations):
    verdict = command(str(EXAMPLE), "--on", "2026-06-01", "--improvements")

    items = verdict["improvements"]
    assert items
    assert set(items[0]) == {"code", "label", "gain", "new_crs", "possible_from"}
    assert [i["gain"] for i in items] == sorted((i["gain"] for i in items), reverse=True)
    now = [i for i in items if i["possible_from"] == "2026-06-01"]
    assert all(i["new_crs"] == verdict["crs"]["total"] + i["gain"] for i in now)
    assert "provincial_nomination" in {i["code"] for i in items}
    assert "improvements" not in command(str(EXAMPLE), "--on", "2026-06-01")


def test_the_api_lists_the_same_improvements_as_the_command(client, categories, occupations):
    url = reverse("eligibility:api-evaluate") + "?on=2026-06-01&improvements=1"
    response = client.post(url, data=example(), content_type="application/json")

    assert response.status_code == 200
    expected = command(str(EXAMPLE), "--on", "2026-06-01", "--improvements")
    assert response.json()["improvements"] == expected["improvements"]


def test_the_api_refuses_an_improvements_flag_it_cannot_read(client, categories):
    url = reverse("eligibility:api-evaluate") + "?improvements=maybe"
    response = client.post(url, data=example(), content_type="application/json")

    assert response.status_code == 400
    assert "improvements" in response.json()["errors"]

"""Stored results stay right: the computed fingerprint, freshness, one bad profile contained,
category edits re-evaluated, failed runs retried, and run tasks failing the right run."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from draws.models import Category, Draw
from eligibility import runs
from eligibility.adapters import candidate_from_profile
from eligibility.models import EligibilityResult, EvaluationChunk, EvaluationRun
from eligibility.results.fingerprint import (
    ENGINE_FINGERPRINT,
    ENGINE_SOURCES,
    engine_fingerprint,
)
from eligibility.results.reader import draw_rows
from eligibility.results.services import results_compute_for_profile
from eligibility.tasks import evaluate_chunk, evaluate_draw
from profiles.models import WorkExperience
from profiles.selectors import profiles_with_entries
from tests.factories import UserFactory, physician_profile, physicians_round

pytestmark = pytest.mark.django_db

FAR_FUTURE = dt.date(9999, 12, 31)


@pytest.fixture
def physicians_draw(categories) -> Draw:
    """A published copy of draw 397 (physicians, cut-off 169)."""
    return physicians_round()


def planned_run(draw: Draw, settings, size: int = 10) -> EvaluationRun:
    settings.EVALUATION_CHUNK_SIZE = size
    run = EvaluationRun.objects.create(draw=draw)
    runs.run_plan(run_id=run.pk)
    run.refresh_from_db()
    return run


def run_to_the_end(run: EvaluationRun) -> EvaluationRun:
    for chunk in run.chunks.all():
        runs.chunk_evaluate(chunk_id=chunk.pk)
    run.refresh_from_db()
    return run


def broken_physician(**fields: Any):
    """A physician whose job ends on 9999-12-31: past the forms' checks (written straight into
    the database), the engine's calendar arithmetic cannot reckon from it."""
    profile = physician_profile(**fields)
    WorkExperience.objects.filter(profile=profile).update(end=FAR_FUTURE)
    return profile


# --- the fingerprint ----------------------------------------------------------------------------


def copy_of_the_engine(tmp_path: Path) -> tuple[Path, Path]:
    rules, adapters = ENGINE_SOURCES
    shutil.copytree(rules, tmp_path / "rules", ignore=shutil.ignore_patterns("*.so", "__py*"))
    shutil.copy(adapters, tmp_path / "adapters.py")
    return tmp_path / "rules", tmp_path / "adapters.py"


def test_the_fingerprint_of_an_unchanged_copy_of_the_engine_is_the_same(tmp_path):
    assert engine_fingerprint(copy_of_the_engine(tmp_path)) == ENGINE_FINGERPRINT


@pytest.mark.parametrize("module", ["rules/tables.py", "rules/crs.py", "adapters.py"])
def test_changing_a_rule_module_changes_the_fingerprint(tmp_path, module):
    sources = copy_of_the_engine(tmp_path)
    changed = tmp_path / module
    changed.write_text(changed.read_text().replace("(", "( ", 1))

    assert engine_fingerprint(sources) != ENGINE_FINGERPRINT


def test_adding_a_rule_module_changes_the_fingerprint(tmp_path):
    sources = copy_of_the_engine(tmp_path)
    (sources[0] / "new_rule.py").write_text("LIMIT = 1\n")

    assert engine_fingerprint(sources) != ENGINE_FINGERPRINT


def test_results_carry_the_fingerprint_and_an_older_one_is_stale(
    client, candidate, physicians_draw
):
    profile = physician_profile(user=candidate)
    results_compute_for_profile(profile_id=profile.pk)
    assert EligibilityResult.objects.get().engine_version == ENGINE_FINGERPRINT
    # Stored by another engine, with an answer this engine would not give:
    EligibilityResult.objects.update(engine_version="an-older-engine", crs=1)
    client.force_login(candidate)

    rows = client.get(reverse("eligibility:page", args=[profile.public_id])).context["draw_rows"]

    assert rows[0].stored is False
    assert rows[0].crs != 1


# --- one bad profile ----------------------------------------------------------------------------


def test_a_profile_the_engine_cannot_evaluate_gets_an_error_result_and_the_run_completes(
    physicians_draw, settings
):
    good = [physician_profile() for _ in range(3)]
    bad = broken_physician()

    run = run_to_the_end(planned_run(physicians_draw, settings, size=2))

    assert (run.status, run.done, run.errors) == ("completed", 4, 1)
    results = {r.profile_id: r for r in EligibilityResult.objects.filter(draw=physicians_draw)}
    assert set(results) == {p.pk for p in [*good, bad]}
    assert all(results[p.pk].eligible and not results[p.pk].error for p in good)
    assert "out of range" in results[bad.pk].error
    assert not results[bad.pk].eligible


def test_saving_a_profile_the_engine_cannot_evaluate_stores_error_results(physicians_draw):
    profile = broken_physician()

    assert results_compute_for_profile(profile_id=profile.pk) == 1
    assert EligibilityResult.objects.get(profile=profile).error


@pytest.mark.parametrize("view", ["page", "draw"])
def test_the_person_is_told_their_answer_could_not_be_computed_instead_of_an_error_page(
    client, candidate, physicians_draw, view
):
    profile = broken_physician(user=candidate)
    client.force_login(candidate)
    url = (
        reverse("eligibility:page", args=[profile.public_id])
        if view == "page"
        else reverse("eligibility:draw", args=[profile.public_id, physicians_draw.number])
    )

    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Your answer could not be computed" in page
    assert "out of range" in page
    if view == "page":
        assert "could not be computed</span>" in page  # the draw's row says so too


# --- category edits -----------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def category_form_data(category: Category, **changes: str) -> dict[str, str]:
    names = list(category.draw_names.all())
    data = {
        "name": category.name,
        "slug": category.slug,
        "family": category.family,
        "valid_from": category.valid_from.isoformat(),
        "valid_to": category.valid_to.isoformat() if category.valid_to else "",
        "occupation_codes": ", ".join(category.occupation_codes),
        "months_required": str(category.months_required),
        "window_years": str(category.window_years),
        "min_french_nclc": str(category.min_french_nclc or ""),
        "min_education": category.min_education,
        "military_service_years": str(category.military_service_years),
        "caf_offer_occupations": ", ".join(category.caf_offer_occupations),
        "caf_offer_min_years": str(category.caf_offer_min_years),
        "other_conditions": category.other_conditions,
        "notes": category.notes,
        "draw_names-TOTAL_FORMS": str(len(names)),
        "draw_names-INITIAL_FORMS": str(len(names)),
        "draw_names-MIN_NUM_FORMS": "0",
        "draw_names-MAX_NUM_FORMS": "1000",
    }
    if category.continuous:
        data["continuous"] = "on"
    if category.canada_only:
        data["canada_only"] = "on"
    for index, name in enumerate(names):
        data |= {
            f"draw_names-{index}-id": str(name.pk),
            f"draw_names-{index}-category": str(category.pk),
            f"draw_names-{index}-name": name.name,
        }
    return data | changes


def test_editing_a_categorys_occupations_reevaluates_its_draws_and_the_page_never_shows_the_old_answer(  # noqa: E501
    admin_client,
    client,
    candidate,
    occupations,
    physicians_draw,
    django_capture_on_commit_callbacks,
):
    profile = physician_profile(user=candidate)
    results_compute_for_profile(profile_id=profile.pk)
    assert EligibilityResult.objects.get().eligible is True
    category = physicians_draw.category
    without_family_physicians = ", ".join(c for c in category.occupation_codes if c != "31102")

    with django_capture_on_commit_callbacks() as enqueued:
        response = admin_client.post(
            reverse("admin:draws_category_change", args=[category.pk]),
            category_form_data(category, occupation_codes=without_family_physicians),
        )

    assert response.status_code == 302, response.context["adminform"].form.errors
    run = EvaluationRun.objects.get(draw=physicians_draw)
    assert run.reason == "category edited: occupation_codes"
    assert len(enqueued) == 1
    # Before the run: the stored answer is older than the edit, so the page computes anew.
    admin_client.logout()
    client.force_login(candidate)
    page = reverse("eligibility:page", args=[profile.public_id])
    row = client.get(page).context["draw_rows"][0]
    assert (row.stored, row.eligible) == (False, False)
    # The run rewrites the stored verdict, which the page's reader then uses.
    runs.run_plan(run_id=run.pk)
    run_to_the_end(run)
    assert EligibilityResult.objects.get().eligible is False
    loaded = profiles_with_entries().get(pk=profile.pk)
    row = draw_rows(loaded, candidate_from_profile(loaded)).rows[0]
    assert (row.stored, row.eligible) == (True, False)


def test_saving_a_category_unchanged_starts_no_run(admin_client, physicians_draw):
    category = physicians_draw.category

    response = admin_client.post(
        reverse("admin:draws_category_change", args=[category.pk]), category_form_data(category)
    )

    assert response.status_code == 302
    assert not EvaluationRun.objects.exists()


# --- run tasks fail their own run ---------------------------------------------------------------


def test_a_plan_task_that_fails_marks_its_run_failed(physicians_draw, monkeypatch):
    run = EvaluationRun.objects.create(draw=physicians_draw)

    def boom(*, run_id: int) -> list[int]:
        raise RuntimeError("the planner broke")

    monkeypatch.setattr(runs, "run_plan", boom)

    result = evaluate_draw.apply(args=[run.pk])

    assert result.failed()
    run.refresh_from_db()
    assert run.status == "failed"
    assert "the planner broke" in run.error
    assert run.retry_at is None  # not transient: staff retry it once the cause is fixed


def test_a_chunk_task_that_fails_marks_the_run_of_its_chunk_not_the_run_with_its_id(
    physicians_draw, settings, monkeypatch
):
    physician_profile()
    run = planned_run(physicians_draw, settings)
    chunk = run.chunks.get()
    if chunk.pk == run.pk:  # make the ids differ, so that mixing them up shows
        chunk = EvaluationChunk.objects.create(run=run, index=1, profile_ids=chunk.profile_ids)
    # The run a task that took the chunk's id for a run id would fail.
    decoy = EvaluationRun.objects.filter(pk=chunk.pk).first() or EvaluationRun.objects.create(
        pk=chunk.pk, draw=physicians_draw
    )

    def boom(*, chunk_id: int) -> bool:
        raise RuntimeError("the chunk broke")

    monkeypatch.setattr(runs, "chunk_evaluate", boom)

    assert evaluate_chunk.apply(args=[chunk.pk]).failed()

    run.refresh_from_db()
    decoy.refresh_from_db()
    assert run.status == "failed"
    assert "the chunk broke" in run.error
    assert decoy.status == "pending"
    assert decoy.error == ""


# --- failed runs are retried --------------------------------------------------------------------


def test_a_transient_failure_is_retried_by_the_sweep_after_its_wait(physicians_draw, settings):
    physician_profile()
    run = planned_run(physicians_draw, settings)

    runs.run_fail(run_id=run.pk, error="database unreachable", transient=True)
    run.refresh_from_db()
    assert run.status == "failed"
    assert dt.timedelta(seconds=50) < run.retry_at - timezone.now() <= dt.timedelta(minutes=1)

    assert runs.runs_sweep(stalled_after=dt.timedelta(minutes=10))["retried"] == []
    EvaluationRun.objects.filter(pk=run.pk).update(retry_at=timezone.now())
    swept = runs.runs_sweep(stalled_after=dt.timedelta(minutes=10))

    assert swept["retried"] == [run.pk]
    run.refresh_from_db()
    assert (run.status, run.attempts, run.retry_at) == ("running", 1, None)
    run = run_to_the_end(run)
    assert run.status == "completed"


def test_automatic_retries_wait_longer_each_time_and_stop(physicians_draw):
    run = EvaluationRun.objects.create(draw=physicians_draw)
    waits = []
    for attempt in range(runs.AUTOMATIC_RETRIES + 1):
        EvaluationRun.objects.filter(pk=run.pk).update(
            status="running", attempts=attempt, retry_at=None
        )
        runs.run_fail(run_id=run.pk, error="broker down", transient=True)
        run.refresh_from_db()
        waits.append(run.retry_at and round((run.retry_at - timezone.now()).total_seconds()))

    assert waits == [60, 120, 240, 480, 960, None]


def test_the_transient_errors_of_a_task_schedule_a_retry(physicians_draw, monkeypatch):
    run = EvaluationRun.objects.create(draw=physicians_draw)

    def unreachable(*, run_id: int) -> list[int]:
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(runs, "run_plan", unreachable)
    monkeypatch.setattr(evaluate_draw, "max_retries", 0)

    evaluate_draw.apply(args=[run.pk])

    run.refresh_from_db()
    assert run.status == "failed"
    assert run.retry_at is not None


def test_staff_retry_a_failed_run_where_it_stopped(physicians_draw, settings, client, staff):
    for _ in range(4):
        physician_profile()
    run = planned_run(physicians_draw, settings, size=2)
    first = run.chunks.first()
    runs.chunk_evaluate(chunk_id=first.pk)
    runs.run_fail(run_id=run.pk, error="a bug, since fixed")
    client.force_login(staff)

    response = client.post(
        reverse("admin:eligibility_evaluationrun_changelist"),
        {"action": "retry", "_selected_action": [run.pk]},
    )

    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == "running"
    assert EvaluationChunk.objects.filter(run=run, done_at__isnull=True).count() == 1
    run = run_to_the_end(run)
    assert (run.status, run.done) == ("completed", 4)
    assert EligibilityResult.objects.filter(draw=physicians_draw).count() == 4


def test_retrying_needs_its_permission(physicians_draw, client):
    run = EvaluationRun.objects.create(draw=physicians_draw)
    runs.run_fail(run_id=run.pk, error="boom")
    viewer = UserFactory(email="viewer@example.com", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_evaluationrun"))
    client.force_login(viewer)

    response = client.post(
        reverse("admin:eligibility_evaluationrun_changelist"),
        {"action": "retry", "_selected_action": [run.pk]},
    )

    run.refresh_from_db()
    assert run.status == "failed"
    assert response.status_code in {200, 302}

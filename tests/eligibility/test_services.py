"""The evaluation services one step at a time: runs, chunks, upserts, alerts and the sweep."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from config.celery import app
from draws.models import Draw
from eligibility import alerts, runs, services
from eligibility.adapters import candidate_from_profile, draw_rule
from eligibility.management import seeding
from eligibility.models import (
    DrawNotification,
    EligibilityResult,
    EvaluationChunk,
    EvaluationRun,
)
from eligibility.results import store
from eligibility.results.services import results_compute_for_profile
from eligibility.rules import draw_outcome
from profiles.models import User
from profiles.selectors import profiles_with_entries
from tests.factories import (
    DrawFactory,
    ProfileFactory,
    WorkExperienceFactory,
    physician_profile,
    physicians_round,
)

pytestmark = pytest.mark.django_db


def write_queries() -> int:
    """Statements of one write of new results: on PostgreSQL the probe for stored ones, and
    the COPY within a savepoint; on SQLite one upsert per 500 rows."""
    return 4 if connection.vendor == "postgresql" else 1


@pytest.fixture
def physicians_draw(categories) -> Draw:
    return physicians_round(status=Draw.Status.DRAFT, published_at=None)


@pytest.fixture
def eager():
    """Run tasks inline: the same task code, without a broker (the pipeline tests use one)."""
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def planned_run(draw: Draw, chunk_size: int, settings) -> EvaluationRun:
    settings.EVALUATION_CHUNK_SIZE = chunk_size
    run = EvaluationRun.objects.create(draw=draw)
    runs.run_plan(run_id=run.pk)
    run.refresh_from_db()
    return run


def test_the_adapter_runs_no_queries_on_a_prefetched_profile(django_assert_num_queries):
    profile = physician_profile(
        marital_status="married", spouse_accompanying=True, spouse_citizen_or_pr=False
    )
    loaded = profiles_with_entries().get(pk=profile.pk)

    with django_assert_num_queries(0):
        candidate = candidate_from_profile(loaded)

    assert candidate.work[0].noc == "31102"
    assert candidate.spouse is not None
    assert candidate.language_tests[0].listening == 8.0


def test_the_shipped_physicians_rule_adds_stints_with_a_gap(physicians_draw):
    """docs/rules.md §5.5.1: 12 months in Canada within 3 years, not necessarily continuous. Two
    stints of 10 and 11 months with a month between them qualify for round 397."""
    profile = physician_profile(start=dt.date(2024, 3, 1))
    profile.work.update(end=dt.date(2024, 12, 31))
    WorkExperienceFactory(
        profile=profile,
        occupation=profile.work.get().occupation,
        start=dt.date(2025, 2, 1),
        end=dt.date(2025, 12, 31),
    )
    loaded = profiles_with_entries().get(pk=profile.pk)

    outcome = draw_outcome(candidate_from_profile(loaded), draw_rule(physicians_draw))

    assert outcome.eligible, [r.message for r in outcome.reasons]


def test_publishing_twice_starts_one_run(physicians_draw, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.draw_publish(draw=physicians_draw) is True
        assert services.draw_publish(draw=physicians_draw) is False

    assert EvaluationRun.objects.filter(draw=physicians_draw).count() == 1
    assert len(callbacks) == 1


def test_only_rule_fields_of_a_published_draw_start_a_fresh_run(physicians_draw):
    services.draw_publish(draw=physicians_draw)

    assert services.draw_rules_changed(draw=physicians_draw, fields=["programs_text"]) is None
    assert services.draw_rules_changed(draw=physicians_draw, fields=["min_crs"]) is not None
    assert EvaluationRun.objects.filter(draw=physicians_draw).count() == 2


def test_planning_cuts_the_evaluable_profiles_into_chunks(physicians_draw, settings):
    for _ in range(7):
        physician_profile()
    ProfileFactory(birth_date=None)  # not filled in: not evaluated

    run = planned_run(physicians_draw, 3, settings)

    assert (run.status, run.total, run.chunk_count) == ("running", 7, 3)
    assert [len(c.profile_ids) for c in run.chunks.all()] == [3, 3, 1]
    assert runs.run_plan(run_id=run.pk) == []  # a second delivery plans nothing


def test_a_chunk_counts_once_and_completes_the_run(
    physicians_draw, settings, django_capture_on_commit_callbacks
):
    for _ in range(4):
        physician_profile()
    run = planned_run(physicians_draw, 2, settings)
    first, second = run.chunks.all()

    assert runs.chunk_evaluate(chunk_id=first.pk) is True
    assert runs.chunk_evaluate(chunk_id=first.pk) is False  # redelivered: counted once
    with django_capture_on_commit_callbacks() as callbacks:
        assert runs.chunk_evaluate(chunk_id=second.pk) is True

    run.refresh_from_db()
    assert (run.status, run.done, run.chunks_done) == ("completed", 4, 2)
    assert EligibilityResult.objects.filter(draw=physicians_draw).count() == 4
    # Stored as the engine decided: unmet reasons as [code, {name: value}] pairs.
    result = EligibilityResult.objects.filter(draw=physicians_draw).first()
    outcome = draw_outcome(
        candidate_from_profile(profiles_with_entries().get(pk=result.profile_id)),
        draw_rule(physicians_draw),
    )
    assert result.reasons == [
        [reason.code, dict(reason.numbers)]
        for reason in outcome.reasons
        if reason.status.value == "unmet"
    ]
    assert (result.crs, result.eligible, result.invited) == (
        outcome.crs,
        outcome.eligible,
        outcome.invited,
    )
    assert len(callbacks) == 1  # the alerts, once


def test_evaluating_the_same_profiles_again_rewrites_the_same_rows(physicians_draw):
    profiles = [physician_profile() for _ in range(3)]
    rule = draw_rule(physicians_draw)
    loaded = list(profiles_with_entries().filter(pk__in=[p.pk for p in profiles]))
    now = timezone.now()

    def write() -> list[tuple]:
        rows = [
            store.result_values(
                p.pk, physicians_draw.pk, draw_outcome(candidate_from_profile(p), rule), now
            )
            for p in loaded
        ]
        with transaction.atomic():
            store.results_upsert(rows)
        return list(
            EligibilityResult.objects.order_by("pk").values_list(
                "pk", "profile_id", "eligible", "invited", "crs", "cutoff_gap", "reasons"
            )
        )

    assert write() == write()
    assert EligibilityResult.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_profile_deleted_while_its_chunk_runs_leaves_the_others_stored(
    physicians_draw, settings, monkeypatch
):
    """The foreign keys are checked at commit: a result of a profile deleted after the read
    must not fail the run."""
    profiles = [physician_profile() for _ in range(3)]
    run = planned_run(physicians_draw, 3, settings)
    read = runs.selectors.candidates_for_evaluation

    def read_then_delete(ids):
        candidates = read(ids)
        profiles[1].delete()  # the owner closes the account meanwhile
        return candidates

    monkeypatch.setattr(runs.selectors, "candidates_for_evaluation", read_then_delete)

    assert runs.chunk_evaluate(chunk_id=run.chunks.get().pk) is True

    run.refresh_from_db()
    assert (run.status, run.done) == ("completed", 3)
    stored = set(EligibilityResult.objects.values_list("profile_id", flat=True))
    assert stored == {profiles[0].pk, profiles[2].pk}


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return str(cursor.fetchone()[0])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="asynchronous commit is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_only_a_chunks_own_transaction_commits_without_waiting_for_the_disk(
    physicians_draw, settings, monkeypatch
):
    """A chunk lost in a server crash is redone by the sweep, because its claim is lost with
    it; the setting must not outlive the chunk's transaction, nor change a caller's."""
    physician_profile()
    run = planned_run(physicians_draw, 1, settings)
    seen: list[str] = []
    upsert = runs.results_upsert

    def recording_upsert(rows):
        seen.append(synchronous_commit())
        upsert(rows)

    monkeypatch.setattr(runs, "results_upsert", recording_upsert)

    assert runs.chunk_evaluate(chunk_id=run.chunks.get().pk) is True
    assert synchronous_commit() == "on"  # the next transaction on this connection waits again

    again = planned_run(physicians_draw, 1, settings)
    with transaction.atomic():  # a caller's transaction: its own durability stands
        runs.chunk_evaluate(chunk_id=again.chunks.get().pk)
    assert seen == ["off", "on"]


@pytest.mark.parametrize("written_meanwhile", [False, True])
def test_new_results_are_merged_with_a_stored_one(physicians_draw, monkeypatch, written_meanwhile):
    """A stored row among new ones is rewritten, not duplicated: found by the probe, or (when
    a profile save wrote it between the probe and the COPY) by the unique index."""
    first, second = physician_profile(), physician_profile()
    rule = draw_rule(physicians_draw)
    loaded = {p.pk: p for p in profiles_with_entries().filter(pk__in=[first.pk, second.pk])}
    outcome = draw_outcome(candidate_from_profile(loaded[first.pk]), rule)
    stale = store.result_values(first.pk, physicians_draw.pk, outcome, timezone.now())
    with transaction.atomic():
        store.results_upsert([(*stale[:5], 1, -999, *stale[7:])])
    if written_meanwhile:
        monkeypatch.setattr(store, "_results_exist", lambda rows: False)
    now = timezone.now()
    rows = [
        store.result_values(
            pk, physicians_draw.pk, draw_outcome(candidate_from_profile(p), rule), now
        )
        for pk, p in loaded.items()
    ]

    with transaction.atomic():
        store.results_upsert(rows)

    stored = EligibilityResult.objects.filter(draw=physicians_draw)
    assert stored.count() == 2
    assert stored.get(profile=first).crs == outcome.crs != 1


@pytest.mark.parametrize("size", [2, 20])
def test_a_chunks_queries_do_not_grow_with_its_size(
    physicians_draw, settings, django_assert_num_queries, size
):
    for _ in range(size):
        physician_profile()
    run = planned_run(physicians_draw, size, settings)
    chunk = run.chunks.get()

    # the chunk with its run, draw and category; the education, tests, work and profiles as
    # rows (4); then a savepoint (the test's transaction turns atomic() into one), the claim,
    # the results write, the progress counter, the completion check, the savepoint's release.
    with django_assert_num_queries(10 + write_queries()):
        runs.chunk_evaluate(chunk_id=chunk.pk)
    assert EligibilityResult.objects.count() == size


@pytest.mark.parametrize("draws", [1, 30])
def test_a_saved_profile_is_evaluated_against_every_published_draw_in_one_write(
    categories, django_assert_num_queries, draws
):
    DrawFactory.create_batch(draws)
    profile = physician_profile()

    # the profile with its entries (4); the published draws with category; a savepoint, the
    # results write and the savepoint's release.
    with django_assert_num_queries(7 + write_queries()):
        written = results_compute_for_profile(profile_id=profile.pk)

    assert written == draws == EligibilityResult.objects.filter(profile=profile).count()


def test_an_incomplete_profile_is_not_evaluated(categories):
    DrawFactory()

    assert results_compute_for_profile(profile_id=ProfileFactory(birth_date=None).pk) == 0


def test_alerts_go_once_to_opted_in_eligible_people(physicians_draw, settings):
    alerted = physician_profile(draw_alerts=True)
    physician_profile(draw_alerts=False)
    physician_profile(draw_alerts=True, country="FR")  # abroad: not eligible
    run = planned_run(physicians_draw, 10, settings)
    runs.chunk_evaluate(chunk_id=run.chunks.get().pk)

    assert alerts.draw_notify(run_id=run.pk) == 1
    assert alerts.draw_notify(run_id=run.pk) == 0
    assert [message.to for message in mail.outbox] == [[alerted.user.email]]
    assert "you would have been invited" in mail.outbox[0].body
    assert f"/profiles/{alerted.public_id}/draws/9397/" in mail.outbox[0].body
    assert DrawNotification.objects.get().sent_at is not None


def test_an_alert_to_a_french_speaking_person_is_in_french(physicians_draw, settings):
    alerted = physician_profile(draw_alerts=True)
    User.objects.filter(pk=alerted.user.pk).update(language="fr")
    run = planned_run(physicians_draw, 10, settings)
    runs.chunk_evaluate(chunk_id=run.chunks.get().pk)

    alerts.draw_notify(run_id=run.pk)

    (message,) = mail.outbox
    assert message.subject.startswith("Ronde d'invitations nº 9397 d'Entrée express : ")
    assert "vous auriez été invité" in message.subject
    assert "D'après votre profil tel qu'il est maintenant" in message.body
    assert "invited" not in message.body


def test_no_alert_goes_to_an_address_its_owner_has_not_confirmed(physicians_draw, settings):
    confirmed = physician_profile(draw_alerts=True)
    physician_profile(draw_alerts=True, user__email_verified_at=None)
    run = planned_run(physicians_draw, 10, settings)
    runs.chunk_evaluate(chunk_id=run.chunks.get().pk)

    assert alerts.draw_notify(run_id=run.pk) == 1
    assert [message.to for message in mail.outbox] == [[confirmed.user.email]]


def test_the_sweep_resumes_a_stalled_run_and_leaves_a_progressing_one(
    physicians_draw, settings, eager
):
    for _ in range(4):
        physician_profile()
    stalled = planned_run(physicians_draw, 2, settings)
    EvaluationRun.objects.filter(pk=stalled.pk).update(
        progressed_at=timezone.now() - dt.timedelta(minutes=30)
    )
    progressing = planned_run(physicians_draw, 2, settings)

    swept = runs.runs_sweep(stalled_after=dt.timedelta(minutes=10))

    assert set(swept["chunks"]) == set(stalled.chunks.values_list("pk", flat=True))
    stalled.refresh_from_db()
    progressing.refresh_from_db()
    assert (stalled.status, stalled.done) == ("completed", 4)
    assert (progressing.status, progressing.done) == ("running", 0)
    assert not EvaluationChunk.objects.filter(run=stalled, done_at__isnull=True).exists()


def test_a_failed_chunk_marks_the_run_failed_with_the_error(physicians_draw, settings):
    physician_profile()
    run = planned_run(physicians_draw, 5, settings)

    runs.run_fail(run_id=run.pk, error="eligibility.evaluate_chunk: boom")

    run.refresh_from_db()
    assert run.status == "failed"
    assert "boom" in run.error


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics are PostgreSQL's")
def test_seeding_leaves_the_planner_statistics_of_what_it_wrote(occupations):
    from profiles.models import CandidateProfile, WorkExperience

    created, _ = seeding.profiles_seed(count=60, seed=11, on=dt.date(2026, 2, 19))

    assert created == 60
    for model in (CandidateProfile, WorkExperience):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
            )
            (estimate,) = cursor.fetchone()
        assert estimate == model.objects.count()  # ANALYZE read every row of these small tables

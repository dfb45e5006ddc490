"""Reminders before coming changes (one email per change and threshold, never two), and alert
subjects that say the verdict as it is."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from config.celery import app
from draws.models import Draw
from eligibility import alerts, runs
from eligibility.models import EvaluationRun, Reminder
from eligibility.reminders import due_threshold, reminders_plan, reminders_send
from tests.factories import physician_profile, physicians_round

pytestmark = pytest.mark.django_db

SUBMITTED = dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC)  # expires 2026-11-20
EXPIRY = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("days_left", "threshold"),
    [(90, None), (61, None), (60, 60), (15, 60), (14, 14), (2, 14), (1, 1), (0, None), (-3, None)],
)
def test_the_due_threshold_is_the_smallest_one_not_yet_passed(days_left, threshold):
    assert due_threshold(days_left) == threshold


def expiry_reminders(profile) -> list[Reminder]:
    return list(
        Reminder.objects.filter(profile=profile, item__contains="profile_expires").order_by(
            "-days_before"
        )
    )


def test_each_threshold_of_a_change_is_sent_once(categories):
    profile = physician_profile(pool_entry=SUBMITTED, deadline_reminders=True)
    for day, days_left in [
        (EXPIRY - dt.timedelta(days=60), 60),
        (EXPIRY - dt.timedelta(days=14), 14),
    ]:
        mail.outbox.clear()
        reminders_send(profile_ids=[profile.pk], day=day)
        reminders_send(profile_ids=[profile.pk], day=day)  # a repeated run: nothing more
        expiring = [m for m in mail.outbox if "Express Entry profile expires" in m.subject]
        assert len(expiring) == 1, [m.subject for m in mail.outbox]
        assert expiring[0].subject.startswith(f"In {days_left} days: your Express Entry profile")
        assert expiring[0].to == [profile.user.email]
        assert "On 2026-11-20 your Express Entry profile expires" in expiring[0].body
        assert "you leave the pool unless you submit a new profile" in expiring[0].body
    mail.outbox.clear()
    reminders_send(profile_ids=[profile.pk], day=EXPIRY - dt.timedelta(days=5))  # between: none
    assert not [m for m in mail.outbox if "profile expires" in m.subject]
    reminders_send(profile_ids=[profile.pk], day=EXPIRY - dt.timedelta(days=1))
    assert [m.subject for m in mail.outbox if "profile expires" in m.subject] == [
        "Tomorrow: your Express Entry profile expires (12 months after its submission)"
    ]
    sent = expiry_reminders(profile)
    assert [r.days_before for r in sent] == [60, 14, 1]
    assert all(r.sent_at is not None and r.due_on == EXPIRY for r in sent)


def test_a_missed_day_sends_the_threshold_due_not_an_earlier_one(categories):
    profile = physician_profile(pool_entry=SUBMITTED, deadline_reminders=True)

    reminders_send(profile_ids=[profile.pk], day=EXPIRY - dt.timedelta(days=10))

    assert [r.days_before for r in expiry_reminders(profile)] == [14]


def test_a_test_expiry_reminder_names_the_score_it_costs(categories):
    profile = physician_profile(pool_entry=None, deadline_reminders=True)  # IELTS of 2025-06-01

    reminders_send(profile_ids=[profile.pk], day=dt.date(2027, 5, 18))

    (message,) = [m for m in mail.outbox if "IELTS" in m.subject]
    assert message.subject.startswith("In 14 days: your IELTS General Training result")
    assert "On 2027-06-01 your IELTS General Training result of 2025-06-01 expires" in message.body
    assert "your CRS drops from" in message.body


@pytest.fixture
def eager():
    """Run tasks inline: the same task code, without a broker (the pipeline test uses one)."""
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def test_the_plan_cuts_the_opted_in_profiles_into_chunks_and_only_they_get_email(
    categories, settings, eager
):
    settings.EVALUATION_CHUNK_SIZE = 2
    opted_in = [physician_profile(pool_entry=SUBMITTED, deadline_reminders=True) for _ in range(3)]
    physician_profile(pool_entry=SUBMITTED, deadline_reminders=False, draw_alerts=True)

    assert reminders_plan(day=EXPIRY - dt.timedelta(days=14)) == 2

    expiring = [m for m in mail.outbox if "Express Entry profile expires" in m.subject]
    assert sorted(m.to[0] for m in expiring) == sorted(p.user.email for p in opted_in)
    assert {r.profile_id for r in Reminder.objects.all()} == {p.pk for p in opted_in}


def test_a_profile_that_opted_out_gets_nothing_even_when_its_chunk_was_planned(categories):
    quiet = physician_profile(pool_entry=SUBMITTED, deadline_reminders=False)

    assert reminders_send(profile_ids=[quiet.pk], day=EXPIRY - dt.timedelta(days=14)) == 0
    assert mail.outbox == []
    assert not Reminder.objects.exists()


def test_planning_with_no_one_opted_in_enqueues_nothing(categories):
    physician_profile(deadline_reminders=False)

    assert reminders_plan(day=EXPIRY) == 0


# --- alert subjects ------------------------------------------------------------------------------


@pytest.fixture
def physicians_draw(categories) -> Draw:
    return physicians_round()


def alert_subjects(draw: Draw, settings) -> dict[str, str]:
    settings.EVALUATION_CHUNK_SIZE = 50
    run = EvaluationRun.objects.create(draw=draw)
    runs.run_plan(run_id=run.pk)
    runs.chunk_evaluate(chunk_id=run.chunks.get().pk)
    alerts.draw_notify(run_id=run.pk)
    return {message.to[0]: str(message.subject) for message in mail.outbox}


def test_an_expired_profile_is_told_it_was_not_invited_because_it_had_expired(
    physicians_draw, settings
):
    expired = physician_profile(
        draw_alerts=True, pool_entry=dt.datetime(2025, 1, 10, 9, 0, tzinfo=dt.UTC)
    )
    invited = physician_profile(draw_alerts=True)
    late = physician_profile(draw_alerts=True, pool_entry=dt.datetime(2026, 2, 20, tzinfo=dt.UTC))

    subjects = alert_subjects(physicians_draw, settings)

    assert subjects[expired.user.email] == (
        "Express Entry draw #9397: not invited: your profile had expired"
    )
    assert subjects[invited.user.email] == "Express Entry draw #9397: you would have been invited"
    assert subjects[late.user.email] == (
        "Express Entry draw #9397: not invited: your profile was submitted after the round"
    )
    body = next(m.body for m in mail.outbox if m.to == [expired.user.email])
    assert "not in the Express Entry pool at the round's time" in body
    assert "you are eligible" not in body


def test_a_score_below_the_cut_off_is_told_with_both_numbers(physicians_draw, settings):
    Draw.objects.filter(pk=physicians_draw.pk).update(min_crs=900)
    profile = physician_profile(draw_alerts=True)

    subject = alert_subjects(physicians_draw, settings)[profile.user.email]

    assert subject.startswith("Express Entry draw #9397: not invited: your CRS ")
    assert subject.endswith("was below the cut-off 900")

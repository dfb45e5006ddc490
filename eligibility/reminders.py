"""Reminder emails before a coming change (docs/rules.md §4.12): the Express Entry profile
expiring, a language test expiring, a birthday or experience changing the score, a program or
category stopping or starting. Each opted-in person gets one email per change and threshold
(60, 14 and 1 day before), never two: a unique `Reminder` row is claimed before sending.

A daily beat task plans the work (`reminders_plan`: the opted-in profiles cut into chunks, one
task each); each chunk task (`reminders_send`) evaluates its profiles with the engine and sends
what is due on the planned day. A day that the beat missed is caught up: a change 10 days away
whose 14-day reminder was never sent gets it now; a 60-day reminder is never sent late, once
the 14-day one is due.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from draws.selectors import categories_active_on
from eligibility import dispatch, selectors
from eligibility.adapters import category_rule
from eligibility.models import Reminder
from eligibility.personal import named_decisions
from eligibility.rules import category_eligibility, program_eligibility
from eligibility.rules.model import Candidate, CategoryRule, Decision
from eligibility.rules.outlook import ComingChange, coming_changes

logger = logging.getLogger(__name__)

THRESHOLDS = (60, 14, 1)  # days before a change


def due_threshold(days_left: int) -> int | None:
    """The threshold whose reminder is due with `days_left` days to go: the smallest one at or
    above it (None on the day itself or later, and more than 60 days ahead)."""
    if days_left < 1:
        return None
    return min((days for days in THRESHOLDS if days_left <= days), default=None)


def reminder_item(change: ComingChange) -> str:
    """What identifies a change across days: its date and the codes of its causes."""
    return f"{change.on.isoformat()}:{'+'.join(change.codes)}"[:200]


def reminders_plan(*, day: date) -> int:
    """Enqueue one `send_reminders` task per chunk of opted-in profiles; returns the chunks."""
    ids = list(selectors.reminder_recipients().order_by("pk").values_list("pk", flat=True))
    size = settings.EVALUATION_CHUNK_SIZE
    chunks = [ids[start : start + size] for start in range(0, len(ids), size)]
    for chunk in chunks:
        dispatch.enqueue(dispatch.SEND_REMINDERS, chunk, day.isoformat())
    return len(chunks)


def _decisions(
    candidate: Candidate, day: date, categories: list[CategoryRule]
) -> list[tuple[str, Decision]]:
    """Today's decisions whose end or start is a coming change, named as on the page."""
    return named_decisions(
        program_eligibility(candidate, day),
        [(rule, category_eligibility(candidate, rule, day)) for rule in categories],
    )


def reminders_send(*, profile_ids: list[int], day: date) -> int:
    """Send the reminders due on `day` to these profiles (those still opted in); returns the
    number sent. A profile the engine cannot evaluate is skipped and logged; the others get
    theirs.

    Queries: the recipients (1), the profiles and entries as rows (4), the categories in force
    (1), then per reminder due a claim and, once sent, its time.
    """
    recipients = {
        pk: (email, public_id, language)
        for pk, email, public_id, language in selectors.reminder_recipients()
        .filter(pk__in=profile_ids)
        .values_list("pk", "user__email", "public_id", "user__language")
    }
    if not recipients:
        return 0
    categories = [category_rule(category) for category in categories_active_on(day)]
    until = day + timedelta(days=max(THRESHOLDS))
    sent = 0
    for profile_id, candidate in selectors.candidates_for_evaluation(recipients):
        if isinstance(candidate, Exception):
            logger.warning("No reminders for profile %s: %r", profile_id, candidate)
            continue
        try:
            changes = coming_changes(candidate, day, until, _decisions(candidate, day, categories))
        except Exception as error:  # one person's data must not stop everyone else's reminders
            logger.warning("No reminders for profile %s: %r", profile_id, error)
            continue
        email, public_id, language = recipients[profile_id]
        for change in changes:
            threshold = due_threshold((change.on - day).days)
            if threshold is not None and _claim(profile_id, change, threshold):
                with translation.override(language):  # the recipient's, whatever the worker's
                    _send(email, public_id, change, (change.on - day).days)
                Reminder.objects.filter(
                    profile_id=profile_id, item=reminder_item(change), days_before=threshold
                ).update(sent_at=timezone.now())
                sent += 1
    return sent


def _claim(profile_id: int, change: ComingChange, threshold: int) -> bool:
    """Create the unique row of this reminder; False if an earlier run or delivery did."""
    try:
        with transaction.atomic():
            Reminder.objects.create(
                profile_id=profile_id,
                item=reminder_item(change),
                days_before=threshold,
                due_on=change.on,
            )
    except IntegrityError:
        return False
    return True


def _send(email: str, public_id: object, change: ComingChange, days_left: int) -> None:
    context = {
        "change": change,
        "days_left": days_left,
        "page_url": settings.SITE_URL + reverse("eligibility:page", args=[public_id]),
    }
    send_mail(
        subject=render_to_string("eligibility/reminder_subject.txt", context).strip(),
        message=render_to_string("eligibility/reminder_email.txt", context),
        from_email=None,
        recipient_list=[email],
    )

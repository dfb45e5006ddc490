"""Alert emails after a run: each opted-in person the draw concerns, once per draw."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from eligibility import selectors
from eligibility.models import DrawNotification, EligibilityResult, EvaluationRun


def draw_notify(*, run_id: int) -> int:
    """Email each opted-in person the draw concerns, once per draw even if runs repeat."""
    run = EvaluationRun.objects.select_related("draw").filter(pk=run_id).first()
    if run is None or run.status != EvaluationRun.Status.COMPLETED:
        return 0
    sent = 0
    for result in selectors.alert_recipients(draw=run.draw):
        notification, created = DrawNotification.objects.get_or_create(
            profile=result.profile,
            draw=run.draw,
            defaults={"eligible": result.eligible, "invited": result.invited},
        )
        if not created:
            continue  # already claimed by an earlier run or delivery: never email twice
        _send_alert(result)
        DrawNotification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())
        sent += 1
    EvaluationRun.objects.filter(pk=run_id).update(
        notified=F("notified") + sent, alerts_done_at=timezone.now()
    )
    return sent


def _send_alert(result: EligibilityResult) -> None:
    profile, draw = result.profile, result.draw
    context = {
        "result": result,
        "draw": draw,
        "page_url": settings.SITE_URL
        + reverse("eligibility:draw", args=[profile.public_id, draw.number]),
    }
    send_mail(
        subject=render_to_string("eligibility/alert_subject.txt", context).strip(),
        message=render_to_string("eligibility/alert_email.txt", context),
        from_email=None,
        recipient_list=[profile.user.email],
    )

"""Alert emails after a run: each opted-in person the draw concerns, once per draw. The
subject and the body say the verdict as it is, reasons included ("not invited: your profile
had expired")."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eligibility import selectors
from eligibility.models import DrawNotification, EligibilityResult, EvaluationRun
from eligibility.rules import codes


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


def _pool_entry_numbers(result: EligibilityResult) -> dict[str, str] | None:
    """The numbers of the stored unmet pool-entry reason, if the profile was outside the pool
    for its submission time ([code, {name: value}] pairs: unmet reasons only)."""
    for code, numbers in result.reasons:
        if code == codes.POOL_ENTRY:
            return numbers
    return None


def alert_verdict(result: EligibilityResult) -> str:
    """The verdict of a stored result in a few words, with its reason when not invited."""
    if result.invited:
        return _("you would have been invited")
    if result.invited is None:
        return _("you are exactly at the cut-off: it depends on when you submitted your profile")
    if not result.in_pool:
        entry = _pool_entry_numbers(result)
        if entry is None:
            return _("not invited: you met no program's minimum criteria on the round's date")
        round_at = datetime.fromisoformat(entry["round_at"])
        if datetime.fromisoformat(entry["expires_at"]) <= round_at:
            return _("not invited: your profile had expired")
        return _("not invited: your profile was submitted after the round")
    if not result.eligible:
        return _("not invited: the round was not open to you")
    if result.tie_break == EligibilityResult.TieBreak.LOST:
        return _("not invited: at the cut-off, your profile was submitted after the tie-break time")
    return _("not invited: your CRS %(crs)s was below the cut-off %(cutoff)s") % {
        "crs": result.crs,
        "cutoff": result.draw.min_crs,
    }


def _send_alert(result: EligibilityResult) -> None:
    """In the recipient's language (profiles.User.language), whatever the worker's."""
    with translation.override(result.profile.user.language):
        _send_alert_in_active_language(result)


def _send_alert_in_active_language(result: EligibilityResult) -> None:
    profile, draw = result.profile, result.draw
    context = {
        "result": result,
        "verdict": alert_verdict(result),
        "gap": f"+{result.cutoff_gap}" if result.cutoff_gap > 0 else str(result.cutoff_gap),
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

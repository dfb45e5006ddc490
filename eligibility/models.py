from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from draws.models import Draw
from profiles.models import CandidateProfile


class StoredJSONField(models.JSONField):
    """JSON that is stored and read back whole, never queried inside: PostgreSQL keeps it as
    `json` (the text, checked) rather than `jsonb` (parsed into a binary tree on every write).
    Parsing the reasons of 250,000 results into jsonb cost PostgreSQL about 2.3 s of CPU per
    run, against 0.4 s to check them as json. Other databases store it as JSONField does.

    `json` has no equality operator: no lookup, `distinct()` or `union()` may compare it."""

    def db_type(self, connection: Any) -> str | None:
        if connection.vendor == "postgresql":
            return "json"
        return super().db_type(connection)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if isinstance(value, list | dict):  # psycopg decodes `json` itself (Django: only jsonb)
            return value
        return super().from_db_value(value, expression, connection)


class EvaluationRun(models.Model):
    """One re-evaluation of every profile against one draw, with its progress."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        FAILED = "failed", _("Failed")

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="evaluation_runs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(max_length=100, default="published")
    total = models.PositiveIntegerField(default=0, help_text=_("Profiles to evaluate."))
    done = models.PositiveIntegerField(default=0, help_text=_("Profiles evaluated so far."))
    errors = models.PositiveIntegerField(
        default=0, help_text=_("Profiles the engine could not evaluate (their results say why).")
    )
    chunk_count = models.PositiveIntegerField(default=0)
    chunks_done = models.PositiveIntegerField(default=0)
    notified = models.PositiveIntegerField(default=0, help_text=_("Emails sent after completion."))
    alerts_done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    progressed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_(
            "When a chunk last finished: a run that stops "
            "progressing for long is resumed by the sweep."
        ),
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text=_("Automatic retries after transient failures.")
    )
    retry_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the sweep retries this failed run.")
    )

    class Meta:
        ordering = ["-created_at"]
        permissions = [("retry_evaluationrun", "Can retry a failed evaluation run")]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=F("total")), name="run_done_within_total")
        ]

    def __str__(self) -> str:
        return f"Run {self.pk} for draw #{self.draw.number}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total


class EvaluationChunk(models.Model):
    """A slice of a run's profile ids. `done_at` is the claim that makes a redelivered chunk
    count once: it is set in the same transaction as the chunk's results."""

    run = models.ForeignKey(EvaluationRun, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    profile_ids = models.JSONField()
    enqueued_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "index"]
        constraints = [
            models.UniqueConstraint(fields=["run", "index"], name="unique_chunk_per_run")
        ]

    def __str__(self) -> str:
        return f"Chunk {self.index} of run {self.run_id}"


class EligibilityResult(models.Model):
    """The engine's answer for one profile and one draw, as of `evaluated_at`."""

    class TieBreak(models.TextChoices):
        NOT_NEEDED = "not_needed", _("Not needed")
        WON = "won", _("Submitted in time")
        LOST = "lost", _("Submitted too late")
        UNKNOWN_SUBMISSION = "unknown_submission", _("Depends on your submission time")
        NOT_PUBLISHED = "not_published", _("Not published")

    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="results")
    # No index of its own: the unique (draw, profile) index serves lookups by draw.
    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="results", db_index=False)
    in_pool = models.BooleanField()
    eligible = models.BooleanField()
    invited = models.BooleanField(null=True)
    crs = models.PositiveSmallIntegerField()
    cutoff_gap = models.SmallIntegerField()
    tie_break = models.CharField(max_length=20, choices=TieBreak.choices)
    # Unmet reasons only, compact: [[code, {name: value, ...}], ...]
    reasons = StoredJSONField(default=list)
    # Set when the engine could not evaluate the profile: the verdict fields mean nothing then.
    error = models.TextField(blank=True)
    engine_version = models.CharField(max_length=20)
    evaluated_at = models.DateTimeField()

    class Meta:
        ordering = ["profile", "-draw__held_on"]
        # Draw first, so the one unique index also finds a draw's results (alerts); every
        # index costs time on the bulk writes of an evaluation run.
        constraints = [
            models.UniqueConstraint(fields=["draw", "profile"], name="one_result_per_profile_draw")
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} in draw {self.draw_id}"


class DrawNotification(models.Model):
    """One alert email per person and draw: the unique row is claimed before sending, so a
    repeated run or a redelivered task never emails anyone twice."""

    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="notifications"
    )
    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="notifications")
    invited = models.BooleanField(null=True)
    eligible = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "draw"], name="one_alert_per_profile_draw")
        ]

    def __str__(self) -> str:
        return f"Alert to {self.profile_id} for draw {self.draw_id}"


class Reminder(models.Model):
    """One reminder email per person, coming change and threshold (60, 14 or 1 day before):
    the unique row is claimed before sending, so a repeated or redelivered task never emails
    anyone twice."""

    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="reminders"
    )
    # The change: its day and the codes of its causes ("2027-05-10:test_expires")
    item = models.CharField(max_length=200)
    days_before = models.PositiveSmallIntegerField()
    due_on = models.DateField(help_text=_("The day of the change."))
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "item", "days_before"], name="one_reminder_per_item_threshold"
            )
        ]

    def __str__(self) -> str:
        return f"Reminder to {self.profile_id}: {self.item}, {self.days_before} day(s) before"

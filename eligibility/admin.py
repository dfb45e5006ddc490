from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from eligibility import runs
from eligibility.models import DrawNotification, EligibilityResult, EvaluationRun, Reminder


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the pipeline: staff read them, only the engine writes them."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(EvaluationRun)
class EvaluationRunAdmin(ReadOnlyAdmin):
    # Columns that fit at 1280 px; the chunks and the end time are on each run's page.
    list_display = [
        "pk",
        "draw",
        "reason",
        "status",
        "progress",
        "errors",
        "notified",
        "started_at",
    ]
    list_filter = ["status"]
    list_select_related = ["draw"]
    search_fields = ["draw__number"]
    readonly_fields = ["error"]
    actions = ["retry"]

    @admin.display(description=_("Profiles evaluated"))
    def progress(self, run: EvaluationRun) -> str:
        return format_html(
            '<progress max="100" value="{}"></progress> {} / {} ({}%)',
            run.percent,
            run.done,
            run.total,
            run.percent,
        )

    @admin.display(description=_("Chunks done"))
    def chunks(self, run: EvaluationRun) -> str:
        return f"{run.chunks_done} / {run.chunk_count}"

    @admin.action(description=_("Retry the selected failed runs"), permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[EvaluationRun]) -> None:
        resumed = [run.pk for run in queryset if runs.run_resume(run_id=run.pk)]
        if resumed:
            self.message_user(
                request,
                _("Retrying %(count)s run(s) where they stopped.") % {"count": len(resumed)},
                messages.SUCCESS,
            )
        if skipped := queryset.count() - len(resumed):
            self.message_user(
                request,
                _("%(count)s run(s) had not failed; left as they were.") % {"count": skipped},
                messages.WARNING,
            )

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("eligibility.retry_evaluationrun")


class ComputedFilter(admin.SimpleListFilter):
    """Results the engine could not compute (their error says why)."""

    title = "computed"
    parameter_name = "computed"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Computed"), ("no", "Could not be computed")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.filter(error="")
        if self.value() == "no":
            return queryset.exclude(error="")
        return queryset


@admin.register(EligibilityResult)
class EligibilityResultAdmin(ReadOnlyAdmin):
    list_display = [
        "profile",
        "draw",
        "in_pool",
        "eligible",
        "invited",
        "crs",
        "cutoff_gap",
        "error",
    ]
    list_filter = [ComputedFilter, "eligible", "invited", "in_pool"]
    list_select_related = ["profile__user", "draw"]
    search_fields = ["profile__user__email", "draw__number"]
    raw_id_fields = ["profile", "draw"]


@admin.register(DrawNotification)
class DrawNotificationAdmin(ReadOnlyAdmin):
    list_display = ["profile", "draw", "eligible", "invited", "created_at", "sent_at"]
    list_select_related = ["profile__user", "draw"]
    search_fields = ["profile__user__email", "draw__number"]
    raw_id_fields = ["profile", "draw"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["profile", "item", "days_before", "due_on", "created_at", "sent_at"]
    list_filter = ["days_before"]
    list_select_related = ["profile__user"]
    search_fields = ["profile__user__email", "item"]
    raw_id_fields = ["profile"]

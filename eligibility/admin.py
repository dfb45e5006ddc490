from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html

from eligibility.models import DrawNotification, EligibilityResult, EvaluationRun


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the pipeline: staff read them, only the engine writes them."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(EvaluationRun)
class EvaluationRunAdmin(ReadOnlyAdmin):
    list_display = [
        "pk",
        "draw",
        "reason",
        "status",
        "progress",
        "chunks",
        "notified",
        "started_at",
        "finished_at",
    ]
    list_filter = ["status"]
    list_select_related = ["draw"]
    search_fields = ["draw__number"]
    readonly_fields = ["error"]

    @admin.display(description="Profiles evaluated")
    def progress(self, run: EvaluationRun) -> str:
        return format_html(
            '<progress max="100" value="{}"></progress> {} / {} ({}%)',
            run.percent,
            run.done,
            run.total,
            run.percent,
        )

    @admin.display(description="Chunks done")
    def chunks(self, run: EvaluationRun) -> str:
        return f"{run.chunks_done} / {run.chunk_count}"


@admin.register(EligibilityResult)
class EligibilityResultAdmin(ReadOnlyAdmin):
    list_display = ["profile", "draw", "in_pool", "eligible", "invited", "crs", "cutoff_gap"]
    list_filter = ["eligible", "invited", "in_pool"]
    list_select_related = ["profile__user", "draw"]
    search_fields = ["profile__user__email", "draw__number"]
    raw_id_fields = ["profile", "draw"]


@admin.register(DrawNotification)
class DrawNotificationAdmin(ReadOnlyAdmin):
    list_display = ["profile", "draw", "eligible", "invited", "created_at", "sent_at"]
    list_select_related = ["profile__user", "draw"]
    search_fields = ["profile__user__email", "draw__number"]
    raw_id_fields = ["profile", "draw"]

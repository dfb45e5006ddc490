from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from profiles.forms import plain_number
from profiles.models import CandidateProfile, Education, LanguageTest, User, WorkExperience


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_staff", "is_active", "date_joined"]
    search_fields = ["email"]
    readonly_fields = ["email_verified_at"]
    fieldsets = [
        (None, {"fields": ["email", "email_verified_at", "language", "password"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if change and "email" in form.changed_data:
            obj.email_verified_at = None  # the new address has not been confirmed by its owner
        super().save_model(request, obj, form, change)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EducationInline(ReadOnlyInline):
    model = Education


class LanguageTestInline(ReadOnlyInline):
    model = LanguageTest


class WorkExperienceInline(ReadOnlyInline):
    model = WorkExperience
    exclude = ["hours_per_week"]
    readonly_fields = ["hours"]

    @admin.display(description=_("Hours per week"))
    def hours(self, work: WorkExperience) -> str:
        return plain_number(work.hours_per_week)


@admin.register(CandidateProfile)
class CandidateProfileAdmin(admin.ModelAdmin):
    """Staff may read profiles to help people; only their owners edit them."""

    list_display = ["user", "birth_date", "marital_status", "pool_entry", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    inlines = [EducationInline, LanguageTestInline, WorkExperienceInline]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

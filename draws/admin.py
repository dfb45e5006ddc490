from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from draws.models import Category, CategoryDrawName, Draw, FeedSync, Occupation, UnknownRoundName
from eligibility import services as eligibility_services
from eligibility.rules.validation import EXPRESS_ENTRY_START, date_range_problem, latest_date


def _bound_dates(form: forms.ModelForm, labels: dict[str, str]) -> None:
    """A field error on each date (or date and time) outside the years of Express Entry up to
    ten years from today: the engine judges rounds by their date and cannot reckon from a
    typo like 2206 or 9999."""
    today = timezone.localdate()
    for name, label in labels.items():
        value = form.cleaned_data.get(name)
        day = value.date() if isinstance(value, datetime) else value
        if day is not None and (
            problem := date_range_problem(day, EXPRESS_ENTRY_START, latest_date(today), label)
        ):
            form.add_error(name, problem + ".")


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "teer", "broad_category_title"]
    list_filter = ["teer", "broad_category_title"]
    search_fields = ["code", "title"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # work history points at occupations; reload with `load_noc` instead


class OccupationCodesField(forms.CharField):
    """NOC codes typed as text (commas, spaces or new lines), stored as a sorted list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(value)
        return "" if value is None else str(value)

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]  # text in, codes out
        text = super().to_python(value) or ""
        codes = sorted({token for token in text.replace(",", " ").split() if token})
        bad = [code for code in codes if not (len(code) == 5 and code.isdigit())]
        if bad:
            raise forms.ValidationError(
                "Not five-digit NOC 2021 codes: %(codes)s", params={"codes": ", ".join(bad)}
            )
        known = set(Occupation.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [code for code in codes if code not in known]
        if unknown and Occupation.objects.exists():
            raise forms.ValidationError(
                "Unknown NOC 2021 codes: %(codes)s", params={"codes": ", ".join(unknown)}
            )
        return codes


class CategoryForm(forms.ModelForm):
    occupation_codes = OccupationCodesField(
        required=False,
        help_text="NOC 2021 codes, separated by commas or spaces. Empty: no occupation rule.",
    )
    caf_offer_occupations = OccupationCodesField(
        required=False,
        label="Canadian Armed Forces offer occupations",
        help_text="NOC 2021 codes an offer from the Canadian Armed Forces must be in, separated "
        "by commas or spaces. Empty: no offer needed.",
    )

    class Meta:
        model = Category
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        _bound_dates(self, {"valid_from": "The first day", "valid_to": "The last day"})
        return cleaned


class CategoryDrawNameInline(admin.TabularInline):
    model = CategoryDrawName
    extra = 1


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    form = CategoryForm
    inlines = [CategoryDrawNameInline]
    list_display = ["name", "family", "months_required", "continuous", "canada_only", "valid_from"]
    list_filter = ["family", "continuous", "canada_only"]
    search_fields = ["name", "slug", "draw_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "family", "valid_from", "valid_to"]}),
        (
            "Rule",
            {"fields": list(Category.CONDITION_FIELDS)},
        ),
        ("Sources", {"fields": ["notes"]}),
    ]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if not change:
            return  # a new version has no published draws yet
        fields = list(form.changed_data)
        if any(formset.has_changed() for formset in formsets):
            fields.append("draw_names")
        runs = eligibility_services.category_rules_changed(category=form.instance, fields=fields)
        if runs:
            self.message_user(
                request,
                _(
                    "The category's rules changed: every profile is being re-evaluated for its "
                    "%(count)s published draw(s)."
                )
                % {"count": len(runs)},
            )


class EmptyWhenNoneJSONField(forms.JSONField):
    """A JSON field shown empty when it holds nothing, not as the word `null`."""

    def prepare_value(self, value: Any) -> Any:
        return "" if value is None else super().prepare_value(value)


class DrawForm(forms.ModelForm):
    pool_distribution = EmptyWhenNoneJSONField(
        required=False, help_text=Draw._meta.get_field("pool_distribution").help_text
    )
    publish_now = forms.BooleanField(
        required=False,
        label="Publish on save",
        help_text="Makes the draw public and re-evaluates every profile against it.",
    )

    class Meta:
        model = Draw
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        _bound_dates(
            self,
            {
                # The engine's English sentence names them (its checks are not translated).
                "held_on": "The round's date",
                "held_at": "The round's date and time",
                "tie_break_at": "The tie-break",
                "distribution_as_of": "The distribution's date",
            },
        )
        return cleaned


@admin.register(Draw)
class DrawAdmin(SimpleHistoryAdmin):
    form = DrawForm
    list_display = [
        "number",
        "held_on",
        "rule_label",
        "invitations",
        "min_crs",
        "tie_break_at",
        "status",
        "source",
    ]
    list_filter = ["status", "round_type", "category", "source", "held_on"]
    search_fields = ["number", "name", "category__name"]
    date_hierarchy = "held_on"
    list_select_related = ["category"]
    readonly_fields = ["status", "published_at", "source", "created_at", "updated_at"]
    actions = ["publish"]
    fieldsets = [
        (None, {"fields": ["number", "name", "round_type", "category", "programs_text"]}),
        (_("When"), {"fields": ["held_on", "held_at", "held_at_note"]}),
        (_("Result"), {"fields": ["invitations", "min_crs", "tie_break_at"]}),
        (_("Pool"), {"fields": ["distribution_as_of", "pool_total", "pool_distribution"]}),
        (
            _("Status"),
            {
                "fields": [
                    "publish_now",
                    "status",
                    "published_at",
                    "source",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("draws.publish_draw")

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateTimeField) and field is not None:
            # The admin's date and time boxes have a text beside them but no label of their own.
            name = capfirst(db_field.verbose_name)
            date_box, time_box = field.widget.widgets
            date_box.attrs["aria-label"] = _("%(name)s: date") % {"name": name}
            time_box.attrs["aria-label"] = _("%(name)s: time (24-hour)") % {"name": name}
        return field

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if not self.has_publish_permission(request):
            # A declared field stays in the form even off the fieldsets: remove the switch, so
            # a posted "publish_now" from someone without the permission publishes nothing.
            form.base_fields.pop("publish_now", None)
        return form

    def get_fieldsets(self, request: HttpRequest, obj: Draw | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if (obj is not None and obj.is_published) or not self.has_publish_permission(request):
            # Already public, or not for this user to publish: no switch to show.
            return [
                (title, {"fields": [f for f in opts["fields"] if f != "publish_now"]})
                for title, opts in fieldsets
            ]
        return fieldsets

    def save_model(self, request: HttpRequest, obj: Draw, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("publish_now"):
            eligibility_services.draw_publish(draw=obj)
            self.message_user(request, _("Published; every profile is being re-evaluated."))
        elif change and eligibility_services.draw_rules_changed(draw=obj, fields=form.changed_data):
            self.message_user(
                request, _("The draw's rules changed; every profile is being re-evaluated.")
            )

    @admin.display(description=_("Rules"))
    def rule_label(self, draw: Draw) -> str:
        return draw.rule_label

    @admin.action(description=_("Publish the selected draws"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Draw]) -> None:
        published = skipped = 0
        for draw in queryset:
            if eligibility_services.draw_publish(draw=draw):
                published += 1
            else:
                skipped += 1
        if published:
            self.message_user(
                request,
                _("Published %(count)s draw(s); every profile is being re-evaluated.")
                % {"count": published},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                _("%(count)s draw(s) were already published; left as they were.")
                % {"count": skipped},
                messages.WARNING,
            )


@admin.register(FeedSync)
class FeedSyncAdmin(admin.ModelAdmin):
    """Every attempt to read IRCC's feed (draws.sync_ircc_feed, manage.py sync_ircc_feed)."""

    list_display = [
        "started_at",
        "status",
        "http_status",
        "created",
        "updated",
        "unchanged",
        "finished_at",
    ]
    list_filter = ["status"]
    date_hierarchy = "started_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(UnknownRoundName)
class UnknownRoundNameAdmin(admin.ModelAdmin):
    """Round names in IRCC's feed that mapped to nothing; staff were emailed once for each.
    Map one by adding it to a category's draw names; the next sync publishes its rounds."""

    list_display = ["name", "round_numbers", "first_seen_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

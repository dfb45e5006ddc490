from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone

from draws.models import Occupation
from eligibility.rules import validation
from eligibility.rules.model import Ability
from eligibility.rules.model import TestKind as EngineTestKind
from profiles.models import (
    SPOUSE_STATUSES,
    CandidateProfile,
    Education,
    LanguageTest,
    User,
    WorkExperience,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("", "Choose…"), ("true", "Yes"), ("false", "No")]


class SignUpForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email address already exists.")
        return email


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput, help_text="Type your password to confirm."
    )
    confirm = forms.BooleanField(
        label="I understand that my profile and all my results will be deleted for good."
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password


def today() -> Any:
    return timezone.localdate()


class OccupationField(forms.CharField):
    """An occupation typed as its NOC code, picked from the suggestion list ("31102 General
    practitioners and family physicians"), or typed as words of its title."""

    widget = forms.TextInput(attrs={"list": "noc-list", "autocomplete": "off", "size": 50})

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, Occupation):
            return f"{value.code} {value.title}"
        return super().prepare_value(value)

    def to_python(self, value: Any) -> Occupation | None:
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        ProhibitNullCharactersValidator()(text)  # before the lookups: PostgreSQL refuses NUL
        if code := re.match(r"^(\d{5})\b", text):
            occupation = Occupation.objects.filter(code=code.group(1)).first()
            if occupation is None:
                raise forms.ValidationError(
                    "%(code)s is not a NOC 2021 occupation code.", params={"code": code.group(1)}
                )
            return occupation
        if re.match(r"^\d", text):
            raise forms.ValidationError("A NOC 2021 code has exactly five digits, e.g. 31102.")
        return self._by_title(text)

    @staticmethod
    def _by_title(text: str) -> Occupation:
        matches = Occupation.objects.all()
        for word in text.split():
            matches = matches.filter(title__icontains=word)
        found = list(matches[:6])
        exact = [occupation for occupation in found if occupation.title.lower() == text.lower()]
        if exact or len(found) == 1:
            return (exact or found)[0]
        if not found:
            raise forms.ValidationError(
                "No NOC 2021 occupation matches “%(text)s”. Try other words or the code.",
                params={"text": text},
            )
        names = "; ".join(f"{occupation.code} {occupation.title}" for occupation in found[:5])
        raise forms.ValidationError(
            "Several occupations match “%(text)s”: %(names)s. Pick one from the list.",
            params={"text": text, "names": names},
        )


class AboutForm(forms.ModelForm):
    class Meta:
        model = CandidateProfile
        fields = ["birth_date", "marital_status"]
        widgets = {"birth_date": DATE_INPUT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].required = True

    def clean_birth_date(self) -> Any:
        birth_date = self.cleaned_data["birth_date"]
        if problem := validation.birth_date_problem(birth_date, today()):
            raise forms.ValidationError(problem)
        return birth_date


class SpouseForm(forms.ModelForm):
    spouse_accompanying = forms.TypedChoiceField(
        label="Will your spouse or partner come with you to Canada?",
        choices=YES_NO,
        coerce=lambda value: value == "true",
    )
    spouse_citizen_or_pr = forms.TypedChoiceField(
        label="Is your spouse or partner a Canadian citizen or permanent resident?",
        choices=YES_NO,
        coerce=lambda value: value == "true",
    )

    class Meta:
        model = CandidateProfile
        fields = ["spouse_accompanying", "spouse_citizen_or_pr"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            value = getattr(self.instance, name)
            self.initial[name] = "" if value is None else ("true" if value else "false")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.instance.marital_status not in SPOUSE_STATUSES:
            raise forms.ValidationError(
                "Your marital status (in “About you”) is not married or common-law, "
                "so there is no spouse or partner to describe."
            )
        return cleaned


class OtherFactorsForm(forms.ModelForm):
    job_offer_occupation = OccupationField(
        required=False,
        label="Job offer occupation",
        help_text="Leave empty if you have no valid job offer.",
    )

    class Meta:
        model = CandidateProfile
        fields = [
            "provincial_nomination",
            "certificate_of_qualification",
            "sibling_in_canada",
            "licensed_in_canada",
            "job_offer_occupation",
            "job_offer_lmia_exempt_or_approved",
            "settlement_funds_cad",
            "family_size",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.job_offer_occupation_id:
            self.initial["job_offer_occupation"] = self.instance.job_offer_occupation

    def clean_family_size(self) -> int:
        size = self.cleaned_data["family_size"]
        if not 1 <= size <= 20:
            raise forms.ValidationError("A family has between 1 and 20 members, you included.")
        return size


class ExpressEntryForm(forms.ModelForm):
    pool_entry = forms.DateTimeField(
        required=False,
        label="Express Entry profile submitted (UTC)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": 1}),
        help_text="The date and time your IRCC account shows, in UTC. It decides ties at the "
        "cut-off. Leave empty if you have not submitted a profile.",
    )

    class Meta:
        model = CandidateProfile
        fields = ["pool_entry", "reported_crs", "draw_alerts", "deadline_reminders"]

    def clean_pool_entry(self) -> Any:
        pool_entry = self.cleaned_data["pool_entry"]
        if pool_entry and pool_entry > timezone.now():
            raise forms.ValidationError("The submission time cannot be in the future.")
        if pool_entry and (problem := validation.pool_entry_problem(pool_entry.date(), today())):
            raise forms.ValidationError(problem + ".")
        return pool_entry

    def clean_reported_crs(self) -> Any:
        crs = self.cleaned_data["reported_crs"]
        if crs is not None and crs > 1200:
            raise forms.ValidationError("A CRS score is at most 1,200.")
        return crs


class EducationForm(forms.ModelForm):
    class Meta:
        model = Education
        fields = ["level", "canadian", "years", "eca", "eca_issued_on"]
        widgets = {"eca_issued_on": DATE_INPUT}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("canadian") and cleaned.get("eca"):
            self.add_error("eca", "A Canadian credential needs no ECA; untick one of the two.")
        issued = cleaned.get("eca_issued_on")
        if issued is not None:
            if not cleaned.get("eca"):
                self.add_error(
                    "eca_issued_on", "Give an ECA date only for a credential with an ECA."
                )
            elif problem := validation.eca_date_problem(issued, today()):
                self.add_error("eca_issued_on", problem)
        return cleaned


class LanguageTestForm(forms.ModelForm):
    class Meta:
        model = LanguageTest
        fields = ["test", "taken_on", "listening", "reading", "writing", "speaking"]
        widgets = {"taken_on": DATE_INPUT}

    def clean_taken_on(self) -> Any:
        taken_on = self.cleaned_data["taken_on"]
        if problem := validation.test_date_problem(taken_on, today()):
            raise forms.ValidationError(problem)
        return taken_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("test"):
            return cleaned
        kind = EngineTestKind(cleaned["test"])
        for ability in Ability:
            value = cleaned.get(ability.value)
            if value is not None and (
                problem := validation.score_problem(kind, ability, float(value))
            ):
                self.add_error(ability.value, problem)
        return cleaned


class WorkExperienceForm(forms.ModelForm):
    occupation = OccupationField(label="Occupation (NOC 2021)")
    # No default: unknown authorization must not count work in Canada (docs/rules.md §8.8)
    authorized = forms.NullBooleanField(
        label="Authorized to work (in Canada: a valid permit or status)",
        widget=forms.NullBooleanSelect,
        required=False,
        help_text="Required for work in Canada: work without authorization does not count.",
    )

    class Meta:
        model = WorkExperience
        fields = [
            "occupation",
            "country",
            "start",
            "end",
            "hours_per_week",
            "self_employed",
            "full_time_student",
            "authorized",
            "fee_for_service_public",
        ]
        widgets = {"start": DATE_INPUT, "end": DATE_INPUT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.occupation_id:
            # The formset loaded it with the row: show "code title" without another query.
            self.initial["occupation"] = self.instance.occupation

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("authorized") is None:
            if cleaned.get("country") == "CA":
                self.add_error(
                    "authorized", "Say whether you were authorized to work in Canada in this job."
                )
            else:
                cleaned["authorized"] = True  # abroad no rule reads it
        occupation = cleaned.get("occupation")
        if cleaned.get("fee_for_service_public") and occupation and cleaned.get("country"):
            problem = validation.fee_for_service_problem(
                occupation.code, str(cleaned["country"]), bool(cleaned.get("self_employed"))
            )
            if problem:
                self.add_error("fee_for_service_public", problem[0].upper() + problem[1:] + ".")
        start, hours = cleaned.get("start"), cleaned.get("hours_per_week")
        if start is None or hours is None:
            return cleaned
        problems = validation.work_period_problems(start, cleaned.get("end"), float(hours), today())
        for field, message in problems.items():
            self.add_error(field if field in self.fields else None, message)
        return cleaned


class ProfileEntryFormSet(forms.BaseInlineFormSet):
    """Rows of one person (you, or your spouse); new rows are stamped with that person."""

    def __init__(self, *args: Any, person: str, **kwargs: Any) -> None:
        self.person = person
        queryset = self.model._default_manager.filter(person=person)
        if self.model is WorkExperience:
            queryset = queryset.select_related("occupation")
        super().__init__(*args, queryset=queryset, **kwargs)

    def save_new(self, form: forms.ModelForm, commit: bool = True) -> Any:
        form.instance.person = self.person
        return super().save_new(form, commit=commit)


def entry_formset(model: type, form: type[forms.ModelForm]) -> Any:
    return forms.inlineformset_factory(
        CandidateProfile,
        model,
        form=form,
        formset=ProfileEntryFormSet,
        extra=1,
        can_delete=True,
        max_num=20,
        validate_max=True,
    )


EducationFormSet = entry_formset(Education, EducationForm)
LanguageTestFormSet = entry_formset(LanguageTest, LanguageTestForm)
WorkExperienceFormSet = entry_formset(WorkExperience, WorkExperienceForm)

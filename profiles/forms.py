from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from draws.models import Occupation
from draws.selectors import (
    OCCUPATION_TEXT_MAX_LENGTH,
    occupation_named,
    occupation_text_problem,
    occupations_matching,
)
from eligibility.adapters import WORK_COLUMNS
from eligibility.api import MAX_BODY_BYTES, bounded_json
from eligibility.rules import validation
from eligibility.rules.model import Ability
from eligibility.rules.model import TefScale as EngineTefScale
from eligibility.rules.model import TestKind as EngineTestKind
from profiles.access_tokens import MAX_TOKENS_PER_USER
from profiles.models import (
    SPOUSE_STATUSES,
    CandidateProfile,
    Education,
    LanguageTest,
    MaritalStatus,
    TefScale,
    User,
    WorkExperience,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("", _("Choose…")), ("true", _("Yes")), ("false", _("No"))]


class SignUpForm(forms.Form):
    """Sign-up asks only for the address: the password is chosen after following the link
    sent to it, so only the owner of the address can make (and then use) its account."""

    email = forms.EmailField(
        label=_("Email address"), max_length=254, widget=forms.EmailInput(attrs={"autofocus": True})
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class SignUpPasswordForm(SetPasswordForm):
    """The password of a new account, for the address its confirmation link names."""

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        # An unsaved user lets the validators compare the password with the address.
        super().__init__(User(email=email), *args, **kwargs)


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput, help_text=_("Type your password to confirm.")
    )
    confirm = forms.BooleanField(
        label=_("I understand that my profile and all my results will be deleted for good.")
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class AccessTokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, help_text=_("What it is for, so you can tell your tokens apart.")
    )
    expires_on = forms.DateField(
        required=False,
        label=_("Valid until (optional)"),
        widget=DATE_INPUT,
        help_text=_("The token stops working after this day (UTC). Empty: until you revoke it."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_expires_on(self) -> Any:
        day = self.cleaned_data["expires_on"]
        if day is not None and not today() <= day <= validation.latest_date(today()):
            raise forms.ValidationError(
                _("Choose a day from today to %(last)s."),
                params={"last": validation.latest_date(today())},
            )
        return day

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if self.user.access_tokens.count() >= MAX_TOKENS_PER_USER:
            raise forms.ValidationError(
                _("You hold %(limit)d tokens, the most one account may: revoke one first."),
                params={"limit": MAX_TOKENS_PER_USER},
            )
        return cleaned

    def expires_at(self) -> datetime | None:
        """The moment the token stops working: the end of the chosen day, UTC."""
        day = self.cleaned_data["expires_on"]
        if day is None:
            return None
        return datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)


class ProfileFileForm(forms.Form):
    """A profile file in the candidate JSON format, read within the API's bounds (size and
    depth); what it describes is checked by `eligibility.profile_io`."""

    file = forms.FileField(label=_("Profile file (candidate JSON)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BODY_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d KiB: a profile takes a few."),
                params={"limit": MAX_BODY_BYTES // 1024},
            )
        try:
            return bounded_json(upload.read(), "file")
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


def plain_number(value: Decimal) -> str:
    """A stored decimal as a person writes it: 40 for 40.0, 37.5 stays."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def today() -> Any:
    return timezone.localdate()


class OccupationField(forms.CharField):
    """An occupation typed as its NOC code, picked from the suggestion list ("31102 General
    practitioners and family physicians"), or typed as words of its title."""

    widget = forms.TextInput(
        attrs={
            "list": "noc-list",
            "autocomplete": "off",
            "size": 50,
            "maxlength": OCCUPATION_TEXT_MAX_LENGTH,
        }
    )

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, Occupation):
            return f"{value.code} {value.title}"
        return super().prepare_value(value)

    def to_python(self, value: Any) -> Occupation | None:  # type: ignore[override]  # text in, a row out
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        ProhibitNullCharactersValidator()(text)  # before the lookups: PostgreSQL refuses NUL
        if problem := occupation_text_problem(text):
            raise forms.ValidationError(problem)
        if code := re.match(r"^(\d{5})\b", text):
            occupation = Occupation.objects.filter(code=code.group(1)).first()
            if occupation is None:
                raise forms.ValidationError(
                    _("%(code)s is not a NOC 2021 occupation code."), params={"code": code.group(1)}
                )
            return occupation
        if re.match(r"^\d", text):
            raise forms.ValidationError(_("A NOC 2021 code has exactly five digits, e.g. 31102."))
        return self._by_title(text)

    @staticmethod
    def _by_title(text: str) -> Occupation:
        if named := occupation_named(text):
            return named
        found = list(occupations_matching(text)[:6])
        if len(found) == 1:
            return found[0]
        if not found:
            raise forms.ValidationError(
                _("No NOC 2021 occupation matches “%(text)s”. Try other words or the code."),
                params={"text": text},
            )
        names = "; ".join(f"{occupation.code} {occupation.title}" for occupation in found[:5])
        raise forms.ValidationError(
            _("Several occupations match “%(text)s”: %(names)s. Pick one from the list."),
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
        marital_status = cast(forms.ChoiceField, self.fields["marital_status"])  # a model choice
        marital_status.choices = [("", _("Choose…")), *MaritalStatus.choices]
        marital_status.error_messages["required"] = _("Choose your marital status.")
        if self.instance.birth_date is None:
            # Never saved: the model's default ("single") is no answer of the person's.
            self.initial["marital_status"] = ""

    def clean_birth_date(self) -> Any:
        birth_date = self.cleaned_data["birth_date"]
        if problem := validation.birth_date_problem(birth_date, today()):
            raise forms.ValidationError(problem)
        return birth_date


class SpouseForm(forms.ModelForm):
    spouse_accompanying = forms.TypedChoiceField(
        label=_("Will your spouse or partner come with you to Canada?"),
        choices=YES_NO,
        coerce=lambda value: value == "true",
    )
    spouse_citizen_or_pr = forms.TypedChoiceField(
        label=_("Is your spouse or partner a Canadian citizen or permanent resident?"),
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
        super().clean()
        cleaned = self.cleaned_data
        if self.instance.marital_status not in SPOUSE_STATUSES:
            raise forms.ValidationError(
                _(
                    "Your marital status (in “About you”) is not married or common-law, "
                    "so there is no spouse or partner to describe."
                )
            )
        return cleaned


class OtherFactorsForm(forms.ModelForm):
    settlement_funds_cad = forms.IntegerField(
        required=False,
        min_value=0,
        label=_("Settlement funds (CAD)"),
        help_text=_(
            "Money you can show for your family's settlement, asked by the Federal "
            "Skilled Worker and Trades programs unless you are authorized to work in Canada and "
            "hold a valid job offer (the Canadian Experience Class asks none). Leave empty for "
            "none."
        ),
    )
    certificate_trade = OccupationField(
        required=False,
        label=_("Trade of the certificate of qualification (NOC 2021)"),
        help_text=_(
            "The trade your certificate is in: IRCC gives points only for a certificate "
            "in a listed trade, and the Federal Skilled Trades program counts it only in its trade."
        ),
    )
    job_offer_occupation = OccupationField(
        required=False,
        label=_("Job offer occupation"),
        help_text=_("Leave empty if you have no valid job offer."),
    )

    class Meta:
        model = CandidateProfile
        fields = [
            "provincial_nomination",
            "certificate_of_qualification",
            "certificate_trade",
            "sibling_in_canada",
            "licensed_in_canada",
            "job_offer_occupation",
            "job_offer_lmia_exempt_or_approved",
            "settlement_funds_cad",
            "family_size",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.settlement_funds_cad:
            self.initial["settlement_funds_cad"] = None  # empty, not a 0 to type over
        for name in ("job_offer_occupation", "certificate_trade"):
            if getattr(self.instance, f"{name}_id"):
                # Loaded with the profile (profiles_with_entries): "code title", no query
                self.initial[name] = getattr(self.instance, name)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        certificate, trade = (
            cleaned.get("certificate_of_qualification"),
            cleaned.get("certificate_trade"),
        )
        if certificate and trade is None and "certificate_trade" not in self.errors:
            self.add_error(
                "certificate_trade",
                _(
                    "Which trade is your certificate of qualification in? Give its NOC code or "
                    "title: the points and the Federal Skilled Trades program depend on it."
                ),
            )
        if trade is not None and not certificate:
            self.add_error(
                "certificate_trade",
                _(
                    "Leave the trade empty unless you hold a certificate of qualification (tick it "
                    "above)."
                ),
            )
        return cleaned

    def clean_settlement_funds_cad(self) -> int:
        return self.cleaned_data["settlement_funds_cad"] or 0

    def clean_family_size(self) -> int:
        size = self.cleaned_data["family_size"]
        if not 1 <= size <= 20:
            raise forms.ValidationError(_("A family has between 1 and 20 members, you included."))
        return size


class MilitaryForm(forms.ModelForm):
    caf_offer_occupation = OccupationField(
        required=False,
        label=_("Occupation of the Canadian Armed Forces offer (NOC 2021)"),
        help_text=_(
            "An offer of employment made by the Canadian Forces Recruiting Group, e.g. "
            "42102 Specialized members of the Canadian Armed Forces. Leave empty if you have none."
        ),
    )

    class Meta:
        model = CandidateProfile
        fields = [
            "military_recognized",
            "military_service_since",
            "military_service_until",
            "caf_offer_occupation",
            "caf_offer_years",
            "caf_offer_full_time",
        ]
        widgets = {"military_service_since": DATE_INPUT, "military_service_until": DATE_INPUT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.caf_offer_occupation_id:
            self.initial["caf_offer_occupation"] = self.instance.caf_offer_occupation

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        since, until = cleaned.get("military_service_since"), cleaned.get("military_service_until")
        if since is None:
            if (until or cleaned.get("military_recognized")) and not self.has_error(
                "military_service_since"
            ):
                self.add_error(
                    "military_service_since",
                    _("Give the first day of your current unbroken period of service."),
                )
        else:
            problems = validation.military_service_problems(since, until, today())
            for field, message in problems.items():
                self.add_error(
                    f"military_service_{'since' if field == 'start' else 'until'}", message
                )
        occupation, years = cleaned.get("caf_offer_occupation"), cleaned.get("caf_offer_years")
        if occupation is None:
            if (years is not None or cleaned.get("caf_offer_full_time")) and not self.has_error(
                "caf_offer_occupation"
            ):
                self.add_error(
                    "caf_offer_occupation",
                    _("Give the occupation the Canadian Armed Forces offered."),
                )
        elif years is None:
            if not self.has_error("caf_offer_years"):
                self.add_error(
                    "caf_offer_years", _("Give the length of the offered work in years.")
                )
        elif problem := validation.caf_offer_years_problem(years):
            self.add_error("caf_offer_years", problem + ".")
        return cleaned


class ExpressEntryForm(forms.ModelForm):
    pool_entry = forms.DateTimeField(
        required=False,
        label=_("Express Entry profile submitted (UTC)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": 1}),
        help_text=_(
            "The date and time your IRCC account shows, in UTC. It decides ties at the "
            "cut-off. Leave empty if you have not submitted a profile."
        ),
    )

    class Meta:
        model = CandidateProfile
        fields = ["pool_entry", "reported_crs", "draw_alerts", "deadline_reminders"]

    def clean_pool_entry(self) -> Any:
        pool_entry = self.cleaned_data["pool_entry"]
        if pool_entry and pool_entry > timezone.now():
            raise forms.ValidationError(_("The submission time cannot be in the future."))
        if pool_entry and (problem := validation.pool_entry_problem(pool_entry.date(), today())):
            raise forms.ValidationError(problem + ".")
        return pool_entry

    def clean_reported_crs(self) -> Any:
        crs = self.cleaned_data["reported_crs"]
        if crs is not None and crs > 1200:
            raise forms.ValidationError(_("A CRS score is at most 1,200."))
        return crs


class EducationForm(forms.ModelForm):
    class Meta:
        model = Education
        fields = ["level", "canadian", "years", "eca", "eca_issued_on"]
        widgets = {"eca_issued_on": DATE_INPUT}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("canadian") and cleaned.get("eca"):
            self.add_error("eca", _("A Canadian credential needs no ECA; untick one of the two."))
        issued = cleaned.get("eca_issued_on")
        if issued is not None:
            if not cleaned.get("eca"):
                self.add_error(
                    "eca_issued_on", _("Give an ECA date only for a credential with an ECA.")
                )
            elif problem := validation.eca_date_problem(issued, today()):
                self.add_error("eca_issued_on", problem)
        return cleaned


class LanguageTestForm(forms.ModelForm):
    scale = forms.ChoiceField(
        required=False,
        label=_("Score scale (TEF Canada only)"),
        choices=[("", _("Decide from the scores")), *TefScale.choices],
        help_text=_(
            "TEF Canada results come on two scales. When your scores fit both, say which "
            "one your results use."
        ),
    )

    class Meta:
        model = LanguageTest
        fields = ["test", "taken_on", "listening", "reading", "writing", "speaking", "scale"]
        widgets = {"taken_on": DATE_INPUT}

    def clean_taken_on(self) -> Any:
        taken_on = self.cleaned_data["taken_on"]
        if problem := validation.test_date_problem(taken_on, today()):
            raise forms.ValidationError(problem)
        return taken_on

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("test"):
            return cleaned
        kind = EngineTestKind(cleaned["test"])
        taken_on = cleaned.get("taken_on")
        scores: dict[Ability, float] = {}
        for ability in Ability:
            value = cleaned.get(ability.value)
            if value is None:
                continue
            if problem := validation.score_problem(kind, ability, float(value), taken_on):
                self.add_error(ability.value, problem)
            else:
                scores[ability] = float(value)
        scale = EngineTefScale(cleaned["scale"]) if cleaned.get("scale") else None
        if problem := validation.scale_problem(kind, scale):
            self.add_error("scale", problem)
        elif kind is EngineTestKind.TEF_CANADA and taken_on is not None:
            for field, message in validation.tef_scale_problems(taken_on, scores, scale).items():
                self.add_error(field, message)
        return cleaned


class WorkExperienceForm(forms.ModelForm):
    occupation = OccupationField(label=_("Occupation (NOC 2021)"))
    # No default: unknown authorization must not count work in Canada (docs/rules.md §8.8)
    authorized = forms.NullBooleanField(
        label=_("Authorized to work (in Canada: a valid permit or status)"),
        widget=forms.NullBooleanSelect,
        required=False,
        help_text=_("Required for work in Canada: work without authorization does not count."),
    )

    class Meta:
        model = WorkExperience
        fields = [column.removesuffix("_id") for column in WORK_COLUMNS]  # the engine's order
        widgets = {"start": DATE_INPUT, "end": DATE_INPUT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.occupation_id:
            # The formset loaded it with the row: show "code title" without another query.
            self.initial["occupation"] = self.instance.occupation
        if self.instance.hours_per_week is not None:
            self.initial["hours_per_week"] = plain_number(self.instance.hours_per_week)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("authorized") is None:
            if cleaned.get("country") == "CA":
                self.add_error(
                    "authorized",
                    _("Say whether you were authorized to work in Canada in this job."),
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


class SpouseWorkExperienceForm(WorkExperienceForm):
    """A spouse's job: only work in Canada earns the spouse points, so the section asks for no
    country."""

    class Meta(WorkExperienceForm.Meta):
        fields = [name for name in WorkExperienceForm.Meta.fields if name != "country"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.country = "CA"
        # A row saved before keeps its country: saving the section must not move a job.

    def clean(self) -> dict[str, Any]:
        self.cleaned_data["country"] = self.instance.country  # for the checks of the country
        return super().clean()


#: Rows one person may keep in one list (jobs, tests, credentials).
MAX_ROWS = 20


class ProfileEntryFormSet(forms.BaseInlineFormSet):
    """Rows of one person (you, or your spouse); new rows are stamped with that person."""

    def __init__(self, *args: Any, person: str, **kwargs: Any) -> None:
        self.person = person
        queryset = self.model._default_manager.filter(person=person)
        if self.model is WorkExperience:
            queryset = queryset.select_related("occupation")
        super().__init__(*args, queryset=queryset, **kwargs)  # type: ignore[misc]  # args hold no queryset

    def count_is_forged(self) -> bool:
        """Whether the posted row count is above MAX_ROWS, which the page never sends (its
        script stops adding rows there). Checked before any row is built or shown."""
        management = self.management_form
        return (
            self.is_bound
            and management.is_valid()
            and (management.cleaned_data["TOTAL_FORMS"] or 0) > self.absolute_max
        )

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        # The profile comes from the address, checked against its owner, never from the form:
        # no hidden field showing the profile's sequential id. The formset still sets it.
        del form.fields[self.fk.name]

    def clean(self) -> None:
        """The list keeps at most MAX_ROWS rows once saved, counting the rows already stored,
        not only those posted: posting new rows again and again cannot grow it."""
        super().clean()
        stored = len(self.get_queryset())  # loaded already for the posted rows
        deleted = {
            form.instance.pk
            for form in self.initial_forms
            if form.instance.pk and self._should_delete_form(form)  # type: ignore[attr-defined]  # Django's, not in the stubs
        }
        added = len(
            [
                form
                for form in self.extra_forms
                if form.has_changed() and not self._should_delete_form(form)  # type: ignore[attr-defined]  # as above
            ]
        )
        if stored - len(deleted) + added > MAX_ROWS:
            raise forms.ValidationError(
                _("A list keeps at most %(limit)d rows: delete one before adding another."),
                params={"limit": MAX_ROWS},
            )

    def save_new(self, form: forms.ModelForm, commit: bool = True) -> Any:
        form.instance.person = self.person
        return super().save_new(form, commit=commit)


def entry_formset(model: type, form: type[forms.ModelForm]) -> Any:
    # absolute_max: a forged TOTAL_FORMS builds at most MAX_ROWS forms (Django's default
    # would build a thousand more before refusing the count).
    return forms.inlineformset_factory(
        CandidateProfile,
        model,
        form=form,
        formset=ProfileEntryFormSet,
        extra=1,
        can_delete=True,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        validate_max=True,
    )


EducationFormSet = entry_formset(Education, EducationForm)
LanguageTestFormSet = entry_formset(LanguageTest, LanguageTestForm)
WorkExperienceFormSet = entry_formset(WorkExperience, WorkExperienceForm)
SpouseWorkExperienceFormSet = entry_formset(WorkExperience, SpouseWorkExperienceForm)

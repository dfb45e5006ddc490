from __future__ import annotations

import uuid
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from eligibility.rules import model as engine

if TYPE_CHECKING:  # types only: django-stubs is a development dependency
    from django_stubs_ext import StrOrPromise


class UserManager(BaseUserManager["User"]):
    """Users log in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]  # email login: no username
    first_name = None  # type: ignore[assignment]  # not asked
    last_name = None  # type: ignore[assignment]  # not asked
    email = models.EmailField(_("email address"), unique=True)
    # Set when the owner of the address followed a link sent to it; alerts go only to
    # confirmed addresses. Accounts made by sign-up are confirmed by the link that made them.
    email_verified_at = models.DateTimeField(_("address confirmed"), null=True, blank=True)
    # The language of the pages once signed in and of every email sent to this person
    # (profiles.middleware.AccountLanguageMiddleware); set by the language switcher.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    objects = UserManager()  # type: ignore[assignment,misc]  # email login: a manager without usernames

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email


class UserSession(AbstractBaseSession):
    """A database session that knows its user, so deleting an account deletes its sessions
    (Django's documented way to extend the database session engine: profiles.session_store)."""

    # Deleting a user deletes these rows through the ORM's cascade. No database constraint:
    # a request still saving its session while the account is deleted must not fail.
    user = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )

    @classmethod
    def get_session_store_class(cls) -> Any:
        from profiles.session_store import SessionStore

        return SessionStore


# The engine's vocabulary is the one source of these choices: the names and values come from
# its enums (`eligibility.rules.model`, standard library only), and only the labels people
# read live here. A member added to the engine without a label stops the import.


def engine_choices(
    members: type[StrEnum], labels: dict[Any, StrOrPromise]
) -> type[models.TextChoices]:
    """Django choices with the names and values of the engine enum `members`, in its order,
    labelled by `labels` (keyed by member)."""
    if set(labels) != set(members):
        raise ImproperlyConfigured(
            f"{members.__name__}: labels for {sorted(map(str, labels))}, "
            f"members {sorted(map(str, members))}"
        )
    return models.TextChoices(  # type: ignore[call-overload]  # the functional Enum API
        members.__name__, [(member.name, (member.value, labels[member])) for member in members]
    )


MaritalStatus = engine_choices(
    engine.MaritalStatus,
    {
        engine.MaritalStatus.SINGLE: _("Never married / single"),
        engine.MaritalStatus.MARRIED: _("Married"),
        engine.MaritalStatus.COMMON_LAW: _("Common-law"),
        engine.MaritalStatus.SEPARATED: _("Legally separated"),
        engine.MaritalStatus.DIVORCED: _("Divorced"),
        engine.MaritalStatus.WIDOWED: _("Widowed"),
        engine.MaritalStatus.ANNULLED: _("Annulled marriage"),
    },
)

EducationLevel = engine_choices(
    engine.EducationLevel,
    {
        engine.EducationLevel.NONE: _("Less than secondary school"),
        engine.EducationLevel.SECONDARY: _("Secondary (high school) diploma"),
        engine.EducationLevel.ONE_YEAR: _("One-year post-secondary program"),
        engine.EducationLevel.TWO_YEAR: _("Two-year post-secondary program"),
        engine.EducationLevel.BACHELORS: _("Bachelor's degree or a program of three or more years"),
        engine.EducationLevel.TWO_OR_MORE: _("Two or more credentials, one of three or more years"),
        engine.EducationLevel.MASTERS: _(
            "Master's, or a professional degree to practise (MD, law, ...)"
        ),
        engine.EducationLevel.DOCTORAL: _("Doctoral degree (PhD)"),
    },
)

TestKind = engine_choices(
    engine.TestKind,
    {
        engine.TestKind.IELTS_GENERAL: _("IELTS General Training"),
        engine.TestKind.CELPIP_GENERAL: _("CELPIP-General"),
        engine.TestKind.PTE_CORE: _("PTE Core"),
        engine.TestKind.TEF_CANADA: _("TEF Canada"),
        engine.TestKind.TCF_CANADA: _("TCF Canada"),
    },
)

#: The two score scales of TEF Canada results (docs/rules.md §3.3.4).
TefScale = engine_choices(
    engine.TefScale,
    {
        engine.TefScale.OLD: _(
            "Old scale: listening out of 360, reading 300, writing and speaking 450"
        ),
        engine.TefScale.CURRENT: _("Current scale: each ability out of 699"),
    },
)


class Person(models.TextChoices):
    """Whose entry a row is: the candidate's own or their spouse's or partner's."""

    PRINCIPAL = "principal", _("You")
    SPOUSE = "spouse", _("Your spouse or partner")


SPOUSE_STATUSES = {engine.MaritalStatus.MARRIED, engine.MaritalStatus.COMMON_LAW}


class CandidateProfile(models.Model):
    """Everything the candidate JSON format holds, for one user (DESIGN.md)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="candidate_profile")
    # In URLs instead of the sequential id, so addresses reveal nothing about other users.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    birth_date = models.DateField(null=True, blank=True)
    marital_status = models.CharField(
        max_length=12, choices=MaritalStatus.choices, default=engine.MaritalStatus.SINGLE.value
    )
    spouse_accompanying = models.BooleanField(
        _("spouse or partner will come with you to Canada"), null=True, blank=True
    )
    spouse_citizen_or_pr = models.BooleanField(
        _("spouse or partner is a Canadian citizen or permanent resident"), null=True, blank=True
    )
    provincial_nomination = models.BooleanField(_("holds a provincial nomination"), default=False)
    certificate_of_qualification = models.BooleanField(
        _("holds a Canadian certificate of qualification in a trade"), default=False
    )
    # Empty on a certificate recorded before the trade was asked for: it then earns nothing
    # until the trade is given (the engine says so).
    certificate_trade = models.ForeignKey(
        "draws.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trade of the certificate of qualification"),
    )
    sibling_in_canada = models.BooleanField(
        _(
            "you or your accompanying spouse have a brother or sister in Canada "
            "(18 or older, citizen or permanent resident)"
        ),
        default=False,
    )
    licensed_in_canada = models.BooleanField(
        _("licensed to practise medicine in a Canadian province or territory"),
        default=False,
        help_text=_("Physicians only: shown as a warning for the physicians category, not a rule."),
    )
    job_offer_occupation = models.ForeignKey(
        "draws.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("job offer occupation"),
    )
    job_offer_lmia_exempt_or_approved = models.BooleanField(
        _("the job offer is backed by an LMIA or is LMIA-exempt"), default=False
    )
    # Service in a foreign military and an offer from the Canadian Armed Forces: the skilled
    # military recruits category (docs/rules.md §5.5.4). No service on record:
    # `military_service_since` empty; no offer: `caf_offer_occupation` empty.
    military_recognized = models.BooleanField(
        _(
            "the Canadian Armed Forces recognize this military for foreign skilled military "
            "applicants"
        ),
        default=False,
    )
    military_service_since = models.DateField(
        _("serving continuously since"),
        null=True,
        blank=True,
        help_text=_("First day of your current unbroken period of service."),
    )
    military_service_until = models.DateField(
        _("service ended on"),
        null=True,
        blank=True,
        help_text=_("Leave empty if you still serve."),
    )
    caf_offer_occupation = models.ForeignKey(
        "draws.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Canadian Armed Forces offer occupation"),
    )
    caf_offer_years = models.PositiveSmallIntegerField(
        _("length of the offered work (years)"), null=True, blank=True
    )
    caf_offer_full_time = models.BooleanField(_("the offered work is full-time"), default=False)
    settlement_funds_cad = models.PositiveIntegerField(_("settlement funds (CAD)"), default=0)
    family_size = models.PositiveSmallIntegerField(
        default=1,
        help_text=_(
            "You, your spouse or partner and dependent children, "
            "even if they are not coming with you."
        ),
    )
    pool_entry = models.DateTimeField(
        _("Express Entry profile submitted (UTC)"),
        null=True,
        blank=True,
        help_text=_("Shown in your IRCC account; decides ties at the cut-off."),
    )
    reported_crs = models.PositiveSmallIntegerField(
        _("CRS score IRCC shows"), null=True, blank=True
    )
    draw_alerts = models.BooleanField(_("email me when a new draw concerns me"), default=False)
    deadline_reminders = models.BooleanField(
        _("email me before my profile, a test or my score changes"),
        default=False,
        help_text=_(
            "60, 14 and 1 day before: your Express Entry profile expiring, a language "
            "test expiring, a birthday or more experience changing your score."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def get_absolute_url(self) -> str:
        return reverse("profiles:overview", args=[self.public_id])

    @property
    def has_spouse(self) -> bool:
        return self.marital_status in SPOUSE_STATUSES


class ProfileEntry(models.Model):
    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE)
    person = models.CharField(max_length=10, choices=Person.choices, default=Person.PRINCIPAL)

    class Meta:
        abstract = True


class Education(ProfileEntry):
    level = models.CharField(max_length=12, choices=EducationLevel.choices)
    canadian = models.BooleanField(_("studied in Canada"), default=False)
    years = models.PositiveSmallIntegerField(
        _("length of the program (years)"),
        default=0,
        validators=[MaxValueValidator(12)],
    )
    eca = models.BooleanField(
        _("has an Educational Credential Assessment (ECA) for immigration"),
        default=False,
        help_text=_("A foreign credential counts only with an ECA less than five years old."),
    )
    eca_issued_on = models.DateField(
        _("ECA issued on"),
        null=True,
        blank=True,
        help_text=_(
            "The date on the ECA report: it is valid five years. Leave empty if unknown "
            "(its validity is then not checked)."
        ),
    )

    class Meta:
        ordering = ["pk"]
        default_related_name = "education"

    def __str__(self) -> str:
        return self.get_level_display()


class LanguageTest(ProfileEntry):
    test = models.CharField(max_length=16, choices=TestKind.choices)
    taken_on = models.DateField(_("test date"))
    listening = models.DecimalField(max_digits=4, decimal_places=1)
    reading = models.DecimalField(max_digits=4, decimal_places=1)
    writing = models.DecimalField(max_digits=4, decimal_places=1)
    speaking = models.DecimalField(max_digits=4, decimal_places=1)
    # TEF Canada only; empty: not stated (decided from the scores where they allow one scale)
    scale = models.CharField(max_length=7, choices=TefScale.choices, blank=True, default="")

    class Meta:
        ordering = ["pk"]
        default_related_name = "language_tests"

    def __str__(self) -> str:
        return f"{self.get_test_display()} of {self.taken_on}"


class WorkExperience(ProfileEntry):
    occupation = models.ForeignKey("draws.Occupation", on_delete=models.PROTECT, related_name="+")
    country = CountryField()
    start = models.DateField()
    end = models.DateField(
        null=True, blank=True, help_text=_("Leave empty if you still work there.")
    )
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    self_employed = models.BooleanField(default=False)
    full_time_student = models.BooleanField(_("while a full-time student"), default=False)
    authorized = models.BooleanField(
        _("authorized to work (in Canada: a valid permit or status)"), default=True
    )
    fee_for_service_public = models.BooleanField(
        _("paid fee-for-service by a provincial or territorial health plan"),
        default=False,
        help_text=_(
            "Self-employed physicians in Canada only: IRCC counts such work as Canadian "
            "experience only when a public health plan paid for it."
        ),
    )

    class Meta:
        ordering = ["start", "pk"]
        default_related_name = "work"

    def __str__(self) -> str:
        return f"{self.occupation_id} from {self.start}"


class AccessToken(models.Model):
    """A personal access token for the API, made and named by its owner. Only a digest of
    the token is kept: the token itself is shown once, when made (profiles.access_tokens)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_tokens")
    # In the account page's revoke form instead of the sequential id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=100, help_text=_("What the token is for, e.g. “my sheet”."))
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # The token's first characters, so its owner can tell tokens apart; not a secret.
    prefix = models.CharField(max_length=12, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True, help_text=_("Empty: never expires."))
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

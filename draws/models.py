from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from config.i18n import english_active
from profiles.models import EducationLevel

MAX_CRS = 1200
noc_code_validator = RegexValidator(r"^\d{5}$", "A NOC 2021 code has exactly five digits.")


def pool_distribution_problem(value: Any) -> str | None:
    """What is wrong with a draw's pool distribution, or None when it is empty or a list of
    [low, high, count] rows of whole numbers with 0 <= low <= high <= 1,200 and count >= 0
    (the shape the draw's page draws)."""
    if value is None:
        return None
    if not isinstance(value, list):
        return "Give a list of [low, high, count] rows, e.g. [[601, 1200, 1020], [501, 600, 9000]]."
    for number, row in enumerate(value, start=1):
        if not (isinstance(row, list) and len(row) == 3 and all(type(item) is int for item in row)):
            return f"Row {number} must be three whole numbers: [low, high, count]."
        low, high, count = row
        if not 0 <= low <= high <= MAX_CRS:
            return f"Row {number}: the CRS range must go from low to high within 0-{MAX_CRS}."
        if count < 0:
            return f"Row {number}: the number of candidates cannot be negative."
    return None


#: The programs as IRCC's English feed names them (Draw.programs_text), in both languages.
_PROGRAM_NAMES = {
    "Federal Skilled Worker Program": _("Federal Skilled Worker Program"),
    "Federal Skilled Worker": _("Federal Skilled Worker Program"),
    "Canadian Experience Class": _("Canadian Experience Class"),
    "Federal Skilled Trades Program": _("Federal Skilled Trades Program"),
    "Federal Skilled Trades": _("Federal Skilled Trades Program"),
    "Provincial Nominee Program": _("Provincial Nominee Program"),
}
_PROGRAM_LIST_SEPARATORS = re.compile(r",\s*|\s+and\s+")

#: The version at the end of a category's name, as IRCC writes it: "(2026-Version 1)".
_VERSION_IN_NAME = re.compile(r"\((?P<year>\d{4})-Version (?P<number>\d+)\)")


class Occupation(models.Model):
    """A NOC 2021 unit group. The second digit of the code is its TEER category."""

    code = models.CharField(max_length=5, primary_key=True, validators=[noc_code_validator])
    title = models.CharField(max_length=255)
    teer = models.PositiveSmallIntegerField()
    broad_category = models.PositiveSmallIntegerField()
    broad_category_title = models.CharField(max_length=255)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class OccupationTitle(models.Model):
    """An everyday name of a unit group ("family doctor", "RN"), so that the occupation search
    finds what people type, not only NOC's own titles (draws/data/noc_2021_common_titles.csv)."""

    title = models.CharField(max_length=100, unique=True)
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="titles")

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.occupation_id})"


class Category(models.Model):
    """One version of a category IRCC has used, with its rule as data (docs/rules.md §5)."""

    #: The rule's conditions, in the order admin and the API show them.
    CONDITION_FIELDS = (
        "occupation_codes",
        "months_required",
        "continuous",
        "window_years",
        "canada_only",
        "min_french_nclc",
        "min_education",
        "military_service_years",
        "caf_offer_occupations",
        "caf_offer_min_years",
        "other_conditions",
    )
    # Fields whose change alters who is eligible: editing one re-evaluates the category's draws
    # ("draw_names" stands for the inline list of round names).
    RULE_FIELDS = frozenset({*CONDITION_FIELDS, "valid_from", "valid_to", "draw_names"})

    class Family(models.TextChoices):
        HEALTHCARE = "healthcare", _("Healthcare and social services")
        STEM = "stem", _("STEM")
        TRADES = "trades", _("Trades")
        TRANSPORT = "transport", _("Transport")
        AGRICULTURE = "agriculture", _("Agriculture and agri-food")
        # The category's name, not the CRS factor also called "Education" in English.
        EDUCATION = "education", pgettext_lazy("category family", "Education")
        FRENCH = "french", _("French-language proficiency")
        PHYSICIANS = "physicians", _("Physicians with Canadian work experience")
        SENIOR_MANAGERS = "senior-managers", _("Senior managers with Canadian work experience")
        RESEARCHERS = "researchers", _("Researchers with Canadian work experience")
        MILITARY = "military", _("Skilled military recruits")

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    family = models.CharField(max_length=20, choices=Family.choices)
    occupation_codes = models.JSONField(
        default=list,
        blank=True,
        help_text=_("NOC 2021 codes whose experience counts. Empty: no occupation requirement."),
    )
    months_required = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(120)],
        help_text=_("Full-time-equivalent months needed in one listed occupation (130 h a month)."),
    )
    continuous = models.BooleanField(
        default=False, help_text=_("The months must form one unbroken period in one occupation.")
    )
    window_years = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Experience counts only within this many years before the draw."),
    )
    canada_only = models.BooleanField(
        default=False, help_text=_("Only experience in Canada counts.")
    )
    min_french_nclc = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Every French ability must be at or above this NCLC level."),
    )
    other_conditions = models.TextField(
        blank=True,
        help_text=_(
            "Conditions a profile does not record, one per line. "
            "Candidates cannot be confirmed eligible while any are listed."
        ),
    )
    min_education = models.CharField(
        _("minimum education"),
        max_length=12,
        choices=EducationLevel.choices,
        blank=True,
        help_text=_(
            "The highest credential that counts (Canadian, or foreign with an ECA) must "
            "be at least this level. Empty: no education rule."
        ),
    )
    military_service_years = models.PositiveSmallIntegerField(
        _("years of foreign military service"),
        default=0,
        validators=[MaxValueValidator(60)],
        help_text=_(
            "Years of continuous service in a recognized foreign military, still serving. "
            "0: no service rule."
        ),
    )
    caf_offer_occupations = models.JSONField(
        _("Canadian Armed Forces offer occupations"),
        default=list,
        blank=True,
        help_text=_(
            "NOC 2021 codes an offer from the Canadian Armed Forces (Canadian Forces "
            "Recruiting Group) must be in. Empty: no offer needed."
        ),
    )
    caf_offer_min_years = models.PositiveSmallIntegerField(
        _("Canadian Armed Forces offer, minimum years"),
        default=0,
        validators=[MaxValueValidator(40)],
        help_text=_("The offer must be for continuous full-time work of at least this many years."),
    )
    valid_from = models.DateField(help_text=_("First day this version applies."))
    valid_to = models.DateField(null=True, blank=True, help_text=_("Last day; empty if current."))
    notes = models.TextField(blank=True, help_text=_("Sources and caveats."))
    # Results computed before this are stale (eligibility.results.freshness).
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-valid_from", "name"]
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the reader's language. `name` is IRCC's English name with its version
        ("Physicians with Canadian Work Experience (2026-Version 1)"); in French, IRCC's
        French name of the category's family with the same version."""
        if english_active():
            return self.name
        version = _VERSION_IN_NAME.search(self.name)
        family = str(self.get_family_display())
        return f"{family} ({version['year']}-version {version['number']})" if version else family

    def clean(self) -> None:
        errors: dict[str, str] = {}
        for name in ("occupation_codes", "caf_offer_occupations"):
            if not _is_noc_list(getattr(self, name)):
                errors[name] = "Give a list of five-digit NOC 2021 codes."
        if self.caf_offer_min_years and not self.caf_offer_occupations:
            errors["caf_offer_occupations"] = "An offer's minimum length needs its occupations."
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            errors["valid_to"] = "The last day cannot be before the first day."
        if self.months_required and not self.occupation_codes:
            errors["occupation_codes"] = "Months of experience need at least one occupation."
        if errors:
            raise ValidationError(errors)

    @property
    def condition_list(self) -> list[str]:
        return [line.strip() for line in self.other_conditions.splitlines() if line.strip()]


def _is_noc_list(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(code, str) and len(code) == 5 and code.isdigit() for code in value
    )


class CategoryDrawName(models.Model):
    """An exact `drawName` from IRCC's feed that identifies a category version."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="draw_names")
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Draw(models.Model):
    """A round of invitations."""

    # Fields whose change alters who is eligible or invited: editing one re-evaluates the draw.
    RULE_FIELDS = frozenset(
        {"held_on", "held_at", "round_type", "category", "min_crs", "tie_break_at"}
    )

    class RoundType(models.TextChoices):
        GENERAL = "general", _("General (all programs)")
        CEC = "cec", _("Canadian Experience Class")
        FSW = "fsw", _("Federal Skilled Worker")
        FST = "fst", _("Federal Skilled Trades")
        PNP = "pnp", _("Provincial Nominee Program")
        CATEGORY = "category", _("Category-based")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Source(models.TextChoices):
        ENTERED = "entered", _("Entered by staff")
        IMPORTED = "imported", _("Imported from IRCC")

    number = models.CharField(
        max_length=10,
        unique=True,
        validators=[RegexValidator(r"^\d+[a-z]?$", "A round number is digits, e.g. 397 or 91a.")],
    )
    held_on = models.DateField(_("date"), help_text=_("The round's date, which selects the rules."))
    held_at = models.DateTimeField(
        _("date and time (UTC)"), help_text=_("When the pool was ranked.")
    )
    held_at_note = models.CharField(max_length=200, blank=True)
    name = models.CharField(
        _("round name"),
        max_length=200,
        help_text=_("As IRCC published it, e.g. 'Canadian Experience Class'."),
    )
    round_type = models.CharField(max_length=10, choices=RoundType.choices)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="draws"
    )
    programs_text = models.CharField(_("eligible programs"), max_length=200, blank=True)
    invitations = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    min_crs = models.PositiveSmallIntegerField(
        _("CRS cut-off"), validators=[MinValueValidator(0), MaxValueValidator(MAX_CRS)]
    )
    tie_break_at = models.DateTimeField(
        _("tie-break (UTC)"),
        null=True,
        blank=True,
        help_text=_("Candidates at the cut-off who submitted at or before this were invited."),
    )
    distribution_as_of = models.DateField(null=True, blank=True)
    pool_distribution = models.JSONField(
        null=True,
        blank=True,
        help_text=_("Candidates in the pool by CRS range: [low, high, count]."),
    )
    pool_total = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    source_data = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["source_data", "updated_at"])

    class Meta:
        ordering = ["-held_on", "-held_at", "-number"]
        indexes = [models.Index(fields=["status", "-held_on"])]
        # Publishing starts a re-evaluation of every profile and alerts people: a permission
        # of its own, apart from editing (the "Draw editors" group has both).
        permissions = [("publish_draw", "Can publish a draw and start its re-evaluation")]

    def __str__(self) -> str:
        return f"#{self.number} {self.name} ({self.held_on})"

    def get_absolute_url(self) -> str:
        return reverse("draws:detail", args=[self.number])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.round_type == self.RoundType.CATEGORY and not self.category_id:
            errors["category"] = "A category round needs its category."
        if self.round_type and self.round_type != self.RoundType.CATEGORY and self.category_id:
            errors["category"] = (
                "Only a category round has a category; clear it or change the type."
            )
        if self.tie_break_at and self.held_at and self.tie_break_at > self.held_at:
            errors["tie_break_at"] = "The tie-break time cannot be after the round was held."
        if self.held_at and self.held_on and abs((self.held_at.date() - self.held_on).days) > 1:
            errors["held_at"] = "The date and time must fall within a day of the round's date."
        if problem := pool_distribution_problem(self.pool_distribution):
            errors["pool_distribution"] = problem
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def programs_display(self) -> str:
        """`programs_text` (IRCC's English, e.g. "Federal Skilled Worker, Canadian Experience
        Class and Provincial Nominee Program") in the reader's language: each program by its
        name there, when every name in it is known."""
        if english_active():
            return self.programs_text
        names = [name.strip() for name in _PROGRAM_LIST_SEPARATORS.split(self.programs_text)]
        if not all(name in _PROGRAM_NAMES for name in names):
            return self.programs_text
        return str(get_text_list([str(_PROGRAM_NAMES[name]) for name in names], _("and")))

    @property
    def rule_label(self) -> str:
        return (
            self.category.display_name
            if self.category is not None
            else self.get_round_type_display()
        )


class FeedSync(models.Model):
    """One attempt to bring the draws up to date with IRCC's feed.

    The row of a sync under way is also its lock: at most one row may be running (a unique
    index), and a running row older than a task's time limit belongs to a worker that died, so
    the next sync marks it failed and goes ahead.
    """

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        NOT_MODIFIED = "not_modified", _("Not modified since the last sync")
        FAILED = "failed", _("Failed")

    url = models.URLField(max_length=500)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    # The answer's validators, sent back on the next sync for a conditional GET.
    etag = models.CharField(_("ETag"), max_length=200, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    changes = models.TextField(blank=True, help_text=_("What the sync created or changed."))
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status="running"),
                name="one_feed_sync_at_a_time",
            )
        ]

    def __str__(self) -> str:
        return f"Sync of {self.started_at:%Y-%m-%d %H:%M} UTC: {self.get_status_display()}"

    @property
    def reached_feed(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.NOT_MODIFIED}


class UnknownRoundName(models.Model):
    """A round name in IRCC's feed that maps to no category or round type. Staff are emailed
    once per name (the unique row is claimed before sending)."""

    name = models.CharField(max_length=200, unique=True, help_text=_("As normalised for matching."))
    first_seen_at = models.DateTimeField(auto_now_add=True)
    round_numbers = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-first_seen_at"]

    def __str__(self) -> str:
        return self.name

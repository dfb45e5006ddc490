"""The API's request and response shapes, one serializer each, so the OpenAPI schema at
/api/v1/schema describes every field exactly.

The candidate and verdict serializers describe the JSON of `eligibility.candidate_json`; that
module still reads and writes it (every check, each problem named by its field), and these
serializers are what the schema shows of it. The query serializers validate query strings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers

from draws.models import Category, Draw, Occupation, pool_distribution_problem
from draws.selectors import OCCUPATION_TEXT_MAX_LENGTH, occupation_text_problem
from eligibility.models import EligibilityResult
from eligibility.rules.model import (
    MaritalStatus,
    ReasonStatus,
    TefScale,
    TestKind,
)
from profiles.models import EducationLevel as EducationLevelChoices

CANDIDATE_EXAMPLE = json.loads(
    (Path(__file__).resolve().parents[1] / "docs" / "candidate-example.json").read_text()
)
NOC = r"^\d{5}$"


def _values(kind: Any) -> list[str]:
    return [member.value for member in kind]


# --- errors ----------------------------------------------------------------------------------


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A field",
            value={"errors": {"work[0].end": "must be a date written YYYY-MM-DD"}},
        ),
        OpenApiExample("The request", value={"errors": {"request": "Invalid or expired token."}}),
    ]
)
class ErrorsSerializer(serializers.Serializer):
    """Every error of the API: each problem keyed by where it is (a field's path such as
    `work[0].end`, a query parameter, `body` for the request body, `request` for the rest)."""

    errors = serializers.DictField(child=serializers.CharField())  # type: ignore[assignment]  # a field named as Serializer.errors, as the API answers


# --- the candidate JSON format ---------------------------------------------------------------


class EducationSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=EducationLevelChoices.choices)
    canadian = serializers.BooleanField()
    years = serializers.IntegerField(min_value=0, max_value=15, required=False, default=0)
    eca = serializers.BooleanField(required=False, default=False)


class LanguageTestSerializer(serializers.Serializer):
    test = serializers.ChoiceField(choices=_values(TestKind))
    taken_on = serializers.DateField()
    listening = serializers.FloatField(min_value=0)
    reading = serializers.FloatField(min_value=0)
    writing = serializers.FloatField(min_value=0)
    speaking = serializers.FloatField(min_value=0)
    scale = serializers.ChoiceField(
        choices=_values(TefScale),
        required=False,
        allow_null=True,
        help_text="TEF Canada only: the old scale or the current one (required when the "
        "scores fit both).",
    )


class WorkSerializer(serializers.Serializer):
    noc = serializers.RegexField(NOC, help_text="NOC 2021 code, five digits")
    country = serializers.RegexField(r"^[A-Z]{2}$", help_text='ISO 3166 code, "CA" for Canada')
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True, help_text="null: the job continues")
    hours_per_week = serializers.FloatField(min_value=1, max_value=80)
    self_employed = serializers.BooleanField(required=False, default=False)
    full_time_student = serializers.BooleanField(required=False, default=False)
    authorized = serializers.BooleanField(
        required=False, help_text="Required for work in Canada (CA)."
    )
    fee_for_service_public = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Self-employed physician work in Canada paid by a provincial health plan.",
    )


class SpouseSerializer(serializers.Serializer):
    accompanying = serializers.BooleanField()
    citizen_or_pr = serializers.BooleanField()
    education = EducationSerializer(many=True, required=False)
    language_tests = LanguageTestSerializer(many=True, required=False)
    work = WorkSerializer(many=True, required=False)


class JobOfferSerializer(serializers.Serializer):
    noc = serializers.RegexField(NOC)
    lmia_exempt_or_approved = serializers.BooleanField()


class MilitaryServiceSerializer(serializers.Serializer):
    recognized = serializers.BooleanField()
    start = serializers.DateField()
    end = serializers.DateField(required=False, allow_null=True)


class CafOfferSerializer(serializers.Serializer):
    noc = serializers.RegexField(NOC)
    years = serializers.IntegerField(min_value=1, max_value=40)
    full_time = serializers.BooleanField()


@extend_schema_serializer(
    examples=[OpenApiExample("A family physician working in Canada", value=CANDIDATE_EXAMPLE)]
)
class CandidateSerializer(serializers.Serializer):
    """The candidate JSON format (README, "Checking a candidate"). Unknown fields are
    refused; every problem is reported at once, keyed by the field's path."""

    birth_date = serializers.DateField()
    marital_status = serializers.ChoiceField(choices=_values(MaritalStatus), required=False)
    spouse = SpouseSerializer(
        required=False, allow_null=True, help_text="Only when married or common-law."
    )
    education = EducationSerializer(many=True, required=False)
    language_tests = LanguageTestSerializer(many=True, required=False)
    work = WorkSerializer(many=True, required=False)
    provincial_nomination = serializers.BooleanField(required=False, default=False)
    certificate_of_qualification = serializers.BooleanField(required=False, default=False)
    certificate_trade = serializers.RegexField(
        NOC,
        required=False,
        allow_null=True,
        help_text="The trade of the certificate: required exactly when it is held.",
    )
    sibling_in_canada = serializers.BooleanField(required=False, default=False)
    licensed_in_canada = serializers.BooleanField(required=False, default=False)
    job_offer = JobOfferSerializer(required=False, allow_null=True)
    settlement_funds_cad = serializers.IntegerField(min_value=0, max_value=10**9, required=False)
    family_size = serializers.IntegerField(min_value=1, max_value=20, required=False)
    pool_entry = serializers.DateTimeField(
        required=False, allow_null=True, help_text="Express Entry profile submission (UTC)."
    )
    reported_crs = serializers.IntegerField(
        min_value=0, max_value=1200, required=False, allow_null=True
    )
    military_service = MilitaryServiceSerializer(required=False, allow_null=True)
    caf_offer = CafOfferSerializer(required=False, allow_null=True)


# --- verdicts --------------------------------------------------------------------------------


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"anyOf": [{"type": "number"}, {"type": "string"}]},
        "example": {"months": 14.7, "required": 12},
    }
)
class NumbersField(serializers.DictField):
    """The figures behind a reason, by name."""


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable and machine-readable.")
    message = serializers.CharField(help_text="A sentence for people.")
    status = serializers.ChoiceField(choices=_values(ReasonStatus))
    numbers = NumbersField()
    passes_on = serializers.DateField(allow_null=True)
    stops_on = serializers.DateField(allow_null=True)


class DecisionSerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    reasons = ReasonSerializer(many=True)
    eligible_from = serializers.DateField(
        allow_null=True, help_text="Not eligible yet: the first day it would be, jobs continuing."
    )
    eligible_until = serializers.DateField(
        allow_null=True, help_text="Eligible: the first day it would stop."
    )


class FactorSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named as Field.label
    points = serializers.IntegerField()


class CrsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    core = serializers.IntegerField()
    spouse = serializers.IntegerField()
    transferability = serializers.IntegerField()
    additional = serializers.IntegerField()
    factors = FactorSerializer(many=True)
    notes = ReasonSerializer(many=True)
    next_change_on = serializers.DateField(allow_null=True)


class ProgramsSerializer(serializers.Serializer):
    fsw = DecisionSerializer()
    cec = DecisionSerializer()
    fst = DecisionSerializer()


class DrawOutcomeSerializer(serializers.Serializer):
    """One draw judged on its date: in the pool, eligible, CRS against the cut-off, the
    tie-break, invited."""

    number = serializers.CharField()
    held_on = serializers.DateField()
    held_at = serializers.DateTimeField()
    in_pool = serializers.BooleanField()
    eligible = serializers.BooleanField()
    crs = serializers.IntegerField(help_text="The score compared: IRCC's reported one if given.")
    computed_crs = serializers.IntegerField()
    cutoff = serializers.IntegerField()
    gap = serializers.IntegerField(help_text="crs - cutoff")
    tie_break = serializers.ChoiceField(choices=EligibilityResult.TieBreak.choices)
    tie_break_at = serializers.DateTimeField(allow_null=True)
    invited = serializers.BooleanField(allow_null=True, help_text="null: cannot be known.")
    reasons = ReasonSerializer(many=True)


class ImprovementSerializer(serializers.Serializer):
    """One change that would raise the CRS (`eligibility.rules.improvements`)."""

    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named as Field.label
    gain = serializers.IntegerField()
    new_crs = serializers.IntegerField()
    possible_from = serializers.DateField(help_text="Today, or the day it could happen.")


class VerdictSerializer(serializers.Serializer):
    """DESIGN.md's verdict: everything on the date `on`."""

    on = serializers.DateField()
    crs = CrsSerializer()
    programs = ProgramsSerializer()
    categories = serializers.DictField(
        child=DecisionSerializer(), help_text="Each category version in force, by its slug."
    )
    draw = DrawOutcomeSerializer(required=False, help_text="With ?draw= only.")
    improvements = ImprovementSerializer(
        many=True, required=False, help_text="With ?improvements=1 only; the largest gain first."
    )


# --- stored results --------------------------------------------------------------------------


class UnmetReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    numbers = NumbersField()


class StoredDrawVerdictSerializer(serializers.Serializer):
    """One published draw's answer for the profile: stored when a fresh stored result
    exists, computed now otherwise (`stored` says which); never a stale stored answer."""

    number = serializers.CharField(source="draw.number")
    held_on = serializers.DateField(source="draw.held_on")
    round_type = serializers.ChoiceField(source="draw.round_type", choices=Draw.RoundType.choices)
    category = serializers.CharField(source="draw.category.slug", allow_null=True, default=None)
    cutoff = serializers.IntegerField(source="draw.min_crs")
    in_pool = serializers.BooleanField()
    eligible = serializers.BooleanField()
    crs = serializers.IntegerField()
    gap = serializers.IntegerField()
    tie_break = serializers.ChoiceField(
        source="tie_break_code", choices=EligibilityResult.TieBreak.choices
    )
    invited = serializers.BooleanField(allow_null=True)
    unmet_reasons = serializers.SerializerMethodField()
    error = serializers.CharField(help_text="Set when the profile could not be evaluated.")
    stored = serializers.BooleanField()

    @extend_schema_field(UnmetReasonSerializer(many=True))
    def get_unmet_reasons(self, row: Any) -> list[dict[str, Any]]:
        return [{"code": code, "numbers": numbers} for code, numbers in row.reasons]


# --- public data -----------------------------------------------------------------------------


class CategoryBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["slug", "name", "family"]


class DrawSerializer(serializers.ModelSerializer):
    category = CategoryBriefSerializer(allow_null=True, help_text="Category rounds only.")
    cutoff = serializers.IntegerField(source="min_crs", help_text="The lowest CRS invited.")
    programs = serializers.CharField(source="programs_text")

    class Meta:
        model = Draw
        fields = [
            "number",
            "held_on",
            "held_at",
            "name",
            "round_type",
            "category",
            "programs",
            "invitations",
            "cutoff",
            "tie_break_at",
        ]


class PoolBucketSerializer(serializers.Serializer):
    low = serializers.IntegerField()
    high = serializers.IntegerField()
    count = serializers.IntegerField()


class DrawDetailSerializer(DrawSerializer):
    pool_distribution = serializers.SerializerMethodField()

    class Meta(DrawSerializer.Meta):
        fields = [
            *DrawSerializer.Meta.fields,
            "held_at_note",
            "distribution_as_of",
            "pool_total",
            "pool_distribution",
        ]

    @extend_schema_field(PoolBucketSerializer(many=True))
    def get_pool_distribution(self, draw: Draw) -> list[dict[str, int]]:
        """Candidates in the pool by CRS range; empty when unknown (or stored malformed, as
        the draw's page does)."""
        if pool_distribution_problem(draw.pool_distribution) is not None:
            return []
        rows = draw.pool_distribution or []
        return [{"low": low, "high": high, "count": count} for low, high, count in rows]


class CategorySerializer(serializers.ModelSerializer):
    occupation_codes = serializers.ListField(child=serializers.CharField())
    caf_offer_occupations = serializers.ListField(child=serializers.CharField())
    min_education = serializers.SerializerMethodField()
    other_conditions = serializers.ListField(source="condition_list", child=serializers.CharField())
    draw_names = serializers.SlugRelatedField(  # type: ignore[var-annotated]  # many=True: a list of names
        slug_field="name", many=True, read_only=True
    )

    class Meta:
        model = Category
        fields = [
            "slug",
            "name",
            "family",
            "valid_from",
            "valid_to",
            *Category.CONDITION_FIELDS,
            "draw_names",
            "notes",
        ]

    @extend_schema_field(
        serializers.ChoiceField(choices=EducationLevelChoices.choices, allow_null=True)
    )
    def get_min_education(self, category: Category) -> str | None:
        return category.min_education or None


class OccupationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Occupation
        fields = ["code", "title", "teer", "broad_category", "broad_category_title"]


# --- query strings ---------------------------------------------------------------------------

DRAW_ORDERINGS = {
    "held_on": ["held_on", "held_at", "number"],
    "-held_on": ["-held_on", "-held_at", "-number"],
    "cutoff": ["min_crs", "-held_on", "-number"],
    "-cutoff": ["-min_crs", "-held_on", "-number"],
    "invitations": ["invitations", "-held_on", "-number"],
    "-invitations": ["-invitations", "-held_on", "-number"],
}


class DrawQuerySerializer(serializers.Serializer):
    round_type = serializers.ChoiceField(choices=Draw.RoundType.choices, required=False)
    category = serializers.ChoiceField(
        choices=Category.Family.choices, required=False, help_text="A category family."
    )
    since = serializers.DateField(required=False, help_text="Held on or after this date.")
    until = serializers.DateField(required=False, help_text="Held on or before this date.")
    ordering = serializers.ChoiceField(
        choices=list(DRAW_ORDERINGS), required=False, default="-held_on"
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        since, until = attrs.get("since"), attrs.get("until")
        if since and until and since > until:
            raise serializers.ValidationError({"until": "must not be before since"})
        return attrs


class CategoryQuerySerializer(serializers.Serializer):
    family = serializers.ChoiceField(choices=Category.Family.choices, required=False)
    active_on = serializers.DateField(
        required=False, help_text="Only the versions in force on this date."
    )


class OccupationQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=OCCUPATION_TEXT_MAX_LENGTH,
        help_text="Digits: codes starting with them; words: titles holding every word.",
    )

    def validate_q(self, value: str) -> str:
        if problem := occupation_text_problem(value):
            raise serializers.ValidationError(problem)
        return value


class EvaluateQuerySerializer(serializers.Serializer):
    """Documentation of POST /api/v1/evaluate's query (the view reads it as typed, and
    `eligibility.verdicts` checks it, naming `on` or `draw`)."""

    on = serializers.DateField(required=False, help_text="Evaluate on this date (YYYY-MM-DD).")
    draw = serializers.CharField(
        required=False, help_text="Also judge this published draw, on its date."
    )
    improvements = serializers.ChoiceField(
        choices=["1", "0", "true", "false"],
        required=False,
        help_text="1: also list the single changes that would raise the CRS.",
    )
    lang = serializers.ChoiceField(
        choices=["en", "fr"],
        required=False,
        help_text="The language of the reasons' sentences (en); codes and fields stay the same.",
    )

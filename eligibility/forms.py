"""Forms of the personal pages: the draw table's filters and the what-if form. Both are read
with GET and save nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from draws.models import Category, Draw
from eligibility.rules import validation
from eligibility.rules.facts import eca_valid
from eligibility.rules.language import ABILITIES, TEST_NAME, expires_on
from eligibility.rules.model import Ability, Candidate, LanguageTest, TestKind
from profiles.models import EducationLevel as EducationChoices

SCOPE_CHOICES = [
    ("recent", _("Since you entered the pool, and the last 12 months")),
    ("all", _("All draws")),
]


class DrawTableForm(forms.Form):
    """Filters of the personal page's draw table; every field may be left out."""

    scope = forms.ChoiceField(label=_("Draws"), choices=SCOPE_CHOICES, required=False)
    round_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Draw.RoundType.choices]
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Category.Family.choices],
    )
    open_to_me = forms.BooleanField(label=_("Open to me"), required=False)
    invited = forms.BooleanField(label=_("Would have invited me"), required=False)


MAX_EXTRA_MONTHS = 120
CLB_CHOICES = [
    ("", _("unchanged")),
    ("0", _("below CLB 4")),
    *[(str(n), f"CLB {n}") for n in range(4, 11)],
]
LEVEL_CHOICES = [("", _("unchanged")), *EducationChoices.choices]
FRENCH_TESTS = [
    ("", _("none")),
    (TestKind.TEF_CANADA.value, TEST_NAME[TestKind.TEF_CANADA]),
    (TestKind.TCF_CANADA.value, TEST_NAME[TestKind.TCF_CANADA]),
]
#: The four abilities as each language names them (the engine's values are English words).
ABILITY_LABELS = {
    Ability.LISTENING: _("listening"),
    Ability.READING: _("reading"),
    Ability.WRITING: _("writing"),
    Ability.SPEAKING: _("speaking"),
}


def score_field(label: Any) -> forms.DecimalField:
    """A test score to change: empty keeps the profile's (`label`: lazy, in the reader's
    language)."""
    return forms.DecimalField(
        label=label, required=False, max_digits=4, decimal_places=1, min_value=0
    )


YES_NO = {True: _("yes"), False: _("no")}
YES_NO_CHOICES = [("yes", _("yes")), ("no", _("no"))]


def yes_no(value: str, current: bool) -> bool:
    """A yes/no question of the what-if: "" keeps the profile's answer."""
    return current if not value else value == "yes"


def test_field(index: int, ability: Ability) -> str:
    return f"test{index}_{ability.value}"


class WhatIfForm(forms.Form):
    """Factors to change, each starting at the profile's value; nothing is saved.

    One group of four score fields per language test valid today (built in `__init__`), a
    French test to add, education, more experience, the spouse's factors (when a spouse
    counts), a provincial nomination and a sibling in Canada.
    """

    french_test = forms.ChoiceField(
        label=_("Add a French test"), choices=FRENCH_TESTS, required=False
    )
    french_listening = score_field(ABILITY_LABELS[Ability.LISTENING])
    french_reading = score_field(ABILITY_LABELS[Ability.READING])
    french_writing = score_field(ABILITY_LABELS[Ability.WRITING])
    french_speaking = score_field(ABILITY_LABELS[Ability.SPEAKING])
    education_level = forms.ChoiceField(
        label=_("A further credential"), choices=LEVEL_CHOICES, required=False
    )
    education_canadian = forms.BooleanField(label=_("earned in Canada"), required=False)
    eca = forms.ChoiceField(
        label=_("An ECA (Educational Credential Assessment) for every foreign credential"),
        required=False,
    )
    canadian_months = forms.IntegerField(
        label=_("More months of full-time work in Canada"),
        min_value=0,
        max_value=MAX_EXTRA_MONTHS,
        required=False,
    )
    foreign_months = forms.IntegerField(
        label=_("More months of full-time work abroad"),
        min_value=0,
        max_value=MAX_EXTRA_MONTHS,
        required=False,
    )
    spouse_education_level = forms.ChoiceField(
        label=_("Your spouse or partner's highest credential"),
        choices=LEVEL_CHOICES,
        required=False,
    )
    spouse_clb = forms.ChoiceField(
        label=_("Your spouse or partner's language level (all four abilities)"),
        choices=CLB_CHOICES,
        required=False,
    )
    spouse_canadian_months = forms.IntegerField(
        label=_("More months of full-time work in Canada for your spouse or partner"),
        min_value=0,
        max_value=MAX_EXTRA_MONTHS,
        required=False,
    )
    provincial_nomination = forms.ChoiceField(label=_("A provincial nomination"), required=False)
    sibling_in_canada = forms.ChoiceField(
        label=_("A brother or sister in Canada (citizen or permanent resident, 18 or older)"),
        required=False,
    )

    def __init__(
        self, *args: Any, candidate: Candidate, spouse_counts: bool, today: date, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.candidate = candidate
        # The tests valid today (an expired one would stay expired whatever its scores)
        self.tests: list[tuple[int, LanguageTest]] = [
            (index, test)
            for index, test in enumerate(candidate.language_tests)
            if test.taken_on <= today < expires_on(test)
        ]
        self.test_groups: list[tuple[str, list[forms.BoundField]]] = []
        for index, test in self.tests:
            for ability in ABILITIES:
                name = test_field(index, ability)
                self.fields[name] = score_field(ABILITY_LABELS[ability])
                self.initial[name] = Decimal(str(getattr(test, ability.value)))
        if not spouse_counts:
            for name in ("spouse_education_level", "spouse_clb", "spouse_canadian_months"):
                del self.fields[name]
        # Yes/no questions start at "as now": a link that names only some fields (or a
        # browser that leaves a box out) changes nothing else.
        current = {
            "eca": all(entry.canadian or eca_valid(entry, today) for entry in candidate.education),
            "provincial_nomination": candidate.provincial_nomination,
            "sibling_in_canada": candidate.sibling_in_canada,
        }
        for name, value in current.items():
            field = cast(forms.ChoiceField, self.fields[name])  # declared as one above
            field.choices = [
                ("", _("as now (%(answer)s)") % {"answer": YES_NO[value]}),
                *YES_NO_CHOICES,
            ]

    def test_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        """(test name and date, its four bound fields) for the template."""
        return [
            (
                _("%(test)s of %(day)s") % {"test": TEST_NAME[test.test], "day": test.taken_on},
                [self[test_field(index, ability)] for ability in ABILITIES],
            )
            for index, test in self.tests
        ]

    def french_fields(self) -> list[forms.BoundField]:
        return [self[f"french_{ability.value}"] for ability in ABILITIES]

    def other_fields(self) -> list[forms.BoundField]:
        names = [
            "education_level",
            "education_canadian",
            "eca",
            "canadian_months",
            "foreign_months",
            "spouse_education_level",
            "spouse_clb",
            "spouse_canadian_months",
            "provincial_nomination",
            "sibling_in_canada",
        ]
        return [self[name] for name in names if name in self.fields]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for index, test in self.tests:
            for ability in ABILITIES:
                name = test_field(index, ability)
                value = cleaned.get(name)
                if value is None:
                    continue  # left empty: the test keeps its score
                changed = value != Decimal(str(getattr(test, ability.value)))
                # judged on the scale of the test's date (TEF Canada changed scales)
                if changed and (
                    problem := validation.score_problem(
                        test.test, ability, float(value), test.taken_on
                    )
                ):
                    self.add_error(name, problem)
        kind = cleaned.get("french_test")
        if kind:
            for ability in ABILITIES:
                name = f"french_{ability.value}"
                value = cleaned.get(name)
                if value is None:
                    self.add_error(
                        name,
                        _("Give the %(ability)s score of the French test.")
                        % {"ability": ABILITY_LABELS[ability]},
                    )
                elif problem := validation.score_problem(TestKind(kind), ability, float(value)):
                    self.add_error(name, problem)
        return cleaned

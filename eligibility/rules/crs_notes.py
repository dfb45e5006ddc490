"""The notes of a CRS breakdown: which test was first official language, what was assumed, and
whether the score is an estimate (docs/rules.md §3.1, §4.8, §4.9, §8.6, §8.7)."""

from __future__ import annotations

from datetime import date

from . import codes
from .facts import PARTNERED, Facts, physician_work_notes
from .language import ScoredTest
from .model import Factor, Reason
from .reasons import note
from .tables import CrsRuleSet


def crs_notes(
    facts: Facts,
    rule_set: CrsRuleSet,
    first: ScoredTest | None,
    second: ScoredTest | None,
    additional: list[Factor],
) -> list[Reason]:
    candidate = facts.candidate
    notes: list[Reason] = []
    if first is not None:
        text = f"{first.language} ({first.describe()}) was taken as first official language"
        if second is not None:
            text += f" and {second.language} ({second.describe()}) as second"
        if len(facts.tests) > 1:
            text += ", the assignment with the highest score"
        notes.append(note(codes.CRS_FIRST_LANGUAGE, text, (("first_language", first.language),)))
    else:
        notes.append(
            note(codes.LANGUAGE_TEST_MISSING, "No valid language test: no language points")
        )
    notes.extend(note(codes.LANGUAGE_TEST_NOT_COUNTED, text) for text in facts.dropped_tests)
    if candidate.marital_status in PARTNERED and not facts.spouse_counts:
        if candidate.spouse is None:
            notes.append(
                note(
                    codes.CRS_SPOUSE_MISSING,
                    "Married or common-law without spouse details: scored without a spouse",
                )
            )
        else:
            notes.append(
                note(
                    codes.CRS_SPOUSE_NOT_COUNTED,
                    "Your spouse or partner does not accompany you or is a Canadian citizen or "
                    "permanent resident: scored as without a spouse",
                )
            )
    if any(factor.code == "canadian_education" for factor in additional):
        notes.append(
            note(
                codes.CRS_CANADIAN_EDUCATION_ASSUMED,
                "Canadian-education points assume at least 8 months of full-time study while in "
                "Canada, not by distance learning, and not mostly English or French language "
                "study",
            )
        )
    if facts.uncounted_foreign_education:
        notes.append(
            note(
                codes.EDUCATION_WITHOUT_ECA,
                "A foreign credential without an ECA valid on this date (ECAs are valid five "
                "years) does not count for CRS points",
            )
        )
    notes.extend(physician_work_notes(facts.work))
    if not rule_set.verified:
        notes.append(high_wage_note(facts.on, rule_set))
    return notes


def high_wage_note(on: date, rule_set: CrsRuleSet) -> Reason:
    return note(
        codes.CRS_ESTIMATE_HIGH_WAGE_UNVERIFIED,
        f"Estimate: from {rule_set.effective_from} a high-wage occupation factor is reported "
        f"(rule set {rule_set.code}) but no official point table is known, so no points are "
        f"given for it and the score on {on} may differ from IRCC's",
        (("rule_set", rule_set.code),),
    )

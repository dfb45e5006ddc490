"""The notes of a CRS breakdown: which test was first official language, what was assumed, and
whether the score is an estimate (docs/rules.md §3.1, §4.8, §4.9, §8.6, §8.7)."""

from __future__ import annotations

from datetime import date

from . import codes
from .facts import PARTNERED, Facts, physician_work_notes
from .language import ScoredTest
from .model import Factor, Reason
from .reasons import note
from .tables import CrsRuleSet, certificate_trade_removed_on, certificate_trades


def crs_notes(
    facts: Facts,
    rule_set: CrsRuleSet,
    first: ScoredTest | None,
    second: ScoredTest | None,
    additional: list[Factor],
    certificate_points: int,
) -> list[Reason]:
    """`certificate_points`: what a certificate in a listed trade gives with `first`."""
    candidate = facts.candidate
    notes = _language_notes(facts, first, second)
    if candidate.marital_status in PARTNERED and not facts.spouse_counts:
        notes.append(_spouse_not_counted_note(has_details=candidate.spouse is not None))
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
    if candidate.certificate_of_qualification:
        notes.extend(certificate_notes(facts, certificate_points))
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


def certificate_notes(facts: Facts, points: int) -> list[Reason]:
    """Why a certificate of qualification earns no points, or on which list it does."""
    trade = facts.candidate.certificate_trade
    if trade is None:
        return [
            note(
                codes.CRS_CERTIFICATE_TRADE_MISSING,
                "Your certificate of qualification earns no points until its trade is recorded: "
                "IRCC gives them only for a certificate in a listed trade. Add the trade (NOC "
                f"code) in your profile; in a listed trade it would add {points} points with "
                "your language results",
                (("points_if_listed", points),),
            )
        ]
    trades = certificate_trades(facts.on)
    if trade not in trades.nocs:
        removed = certificate_trade_removed_on(trade, facts.on)
        why = f" (IRCC removed it on {removed})" if removed is not None else ""
        return [
            note(
                codes.CRS_CERTIFICATE_NOT_LISTED,
                f"Your certificate of qualification in {trade} earns no points on {facts.on}: "
                f"{trade} is not on IRCC's list of trades whose certificate counts{why}",
                (("trade", trade), ("list", trades.label)),
            )
        ]
    if trades.estimated:
        return [
            note(
                codes.CRS_CERTIFICATE_LIST_ESTIMATE,
                "IRCC's list of trades whose certificate earns points is on record only from "
                "2023-09-08: that list is applied to this earlier date",
                (("list", trades.label),),
            )
        ]
    return []


def _language_notes(
    facts: Facts, first: ScoredTest | None, second: ScoredTest | None
) -> list[Reason]:
    """Which tests the score took (or that none is valid), and the tests it could not count."""
    if first is not None:
        text = f"{first.language} ({first.describe()}) was taken as first official language"
        if second is not None:
            text += f" and {second.language} ({second.describe()}) as second"
        if len(facts.tests) > 1:
            text += ", the assignment with the highest score"
        notes = [note(codes.CRS_FIRST_LANGUAGE, text, (("first_language", first.language),))]
    else:
        notes = [note(codes.LANGUAGE_TEST_MISSING, "No valid language test: no language points")]
    notes.extend(note(codes.LANGUAGE_TEST_NOT_COUNTED, text) for text in facts.dropped_tests)
    notes.extend(
        note(codes.LANGUAGE_TEST_SCALE_UNCONFIRMED, text) for text in facts.scale_questions
    )
    return notes


def _spouse_not_counted_note(*, has_details: bool) -> Reason:
    """Why a married or common-law candidate is scored as without a spouse."""
    if not has_details:
        return note(
            codes.CRS_SPOUSE_MISSING,
            "Married or common-law without spouse details: scored without a spouse",
        )
    return note(
        codes.CRS_SPOUSE_NOT_COUNTED,
        "Your spouse or partner does not accompany you or is a Canadian citizen or "
        "permanent resident: scored as without a spouse",
    )

"""The three programs together: FSW, CEC and FST (docs/rules.md §2), each in its own module
(`fsw`, `cec`, `fst`); here, the composer that assesses them on one date, explains them and
projects when each starts or stops being met.

`program_eligibility` lists every rule of every program, met or not, so a candidate sees all
that is missing. Living outside Quebec (all three programs) is not recorded and is assumed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from . import codes
from .cec import CecAssessment, cec_experience_reason, explain_cec
from .facts import Facts, physician_work_notes
from .fst import FST_UNITS, FstAssessment, explain_fst, fst_experience_reason, fst_offer_reason
from .fsw import FswAssessment, explain_fsw
from .fsw import education_reason as fsw_education_reason
from .fsw import experience_reason as fsw_experience_reason
from .fsw import points_reason as fsw_points_reason
from .model import Candidate, Decision, Program, Reason
from .reasons import decide, note, project
from .tables import (
    FSW_PASS_MARK,
    NOC_2021_FROM,
    YEAR_UNITS,
)

PROGRAM_NAMES = {
    Program.FSW: "Federal Skilled Worker",
    Program.CEC: "Canadian Experience Class",
    Program.FST: "Federal Skilled Trades",
}


Assessment = FswAssessment | CecAssessment | FstAssessment


def assess_programs(facts: Facts) -> dict[Program, Assessment]:
    """Each program's verdict and numbers on the facts' date, without sentences."""
    fsw = FswAssessment(facts)
    return {
        Program.FSW: fsw,
        Program.CEC: CecAssessment(facts),
        Program.FST: FstAssessment(facts, fsw.funds),
    }


#: Fixed words for a failing rule in summaries such as the pool (see `failing_rules`).
FSW_EXPERIENCE_SHORT = "one continuous year (1,560 h) of skilled work in one occupation"
FSW_EDUCATION_SHORT = "a credential that counts (Canadian, or foreign with an ECA)"
FSW_POINTS_SHORT = f"{FSW_PASS_MARK} grid points"
CEC_EXPERIENCE_SHORT = "1,560 h of qualifying Canadian work in 3 years"
FST_EXPERIENCE_SHORT = "3,120 h in one skilled trade in 5 years"
FST_OFFER_TRADE_SHORT = "3,120 h in 5 years in the trade of the job offer or certificate"
FST_OFFER_SHORT = "a job offer in the trade or a certificate of qualification"


def failing_rules(facts: Facts, assessment: Assessment) -> list[tuple[Reason, str]]:
    """Only the failing rules of one program, each with its numbers (no dates) and a few fixed
    words for a summary: what a round outcome lists for a candidate outside the pool.

    Built by the same functions as the full explanation (so the sentences are identical), but
    only for the rules that fail: outside the pool is the common case of a bulk evaluation.
    """
    found: list[tuple[Reason, str]] = []
    if isinstance(assessment, FswAssessment):
        if assessment.block[1] < YEAR_UNITS:
            reason = fsw_experience_reason(facts, assessment, project=False)
            found.append((reason, FSW_EXPERIENCE_SHORT))
        language = assessment.language
        if not language.passed:
            found.append((language.reason(codes.FSW_LANGUAGE), language.shortfall()))
        if not assessment.education_ok:
            found.append((fsw_education_reason(facts, assessment), FSW_EDUCATION_SHORT))
        grid = assessment.grid
        if grid.total < FSW_PASS_MARK:
            found.append((fsw_points_reason(facts, grid, project=False), FSW_POINTS_SHORT))
        funds = assessment.funds
        if not funds.passed:
            found.append((funds.rule_reason(codes.FSW_FUNDS, project=False), funds.shortfall()))
    elif isinstance(assessment, CecAssessment):
        if assessment.units < YEAR_UNITS:
            reason = cec_experience_reason(facts, assessment, project_dates=False)
            found.append((reason, CEC_EXPERIENCE_SHORT))
        language = assessment.language
        if not language.passed:
            suffix = (
                " (CLB 7 if your Canadian experience is TEER 0 or 1)" if assessment.no_work else ""
            )
            found.append((assessment.language_reason(suffix), language.shortfall()))
    else:
        if assessment.units < FST_UNITS:
            reason = fst_experience_reason(facts, assessment, project_dates=False)
            short = FST_OFFER_TRADE_SHORT if assessment.trades else FST_EXPERIENCE_SHORT
            found.append((reason, short))
        language = assessment.language
        if not language.passed:
            found.append((language.reason(codes.FST_LANGUAGE), language.shortfall()))
        if not (assessment.offer or assessment.certificate):
            found.append((fst_offer_reason(assessment), FST_OFFER_SHORT))
        funds = assessment.funds
        if not funds.passed:
            found.append((funds.rule_reason(codes.FST_FUNDS, project=False), funds.shortfall()))
    return found


def shared_notes(facts: Facts) -> list[Reason]:
    """Notes every program decision on this date carries."""
    notes = [note(codes.LANGUAGE_TEST_NOT_COUNTED, text) for text in facts.dropped_tests]
    notes.extend(
        note(codes.LANGUAGE_TEST_SCALE_UNCONFIRMED, text) for text in facts.scale_questions
    )
    notes.extend(physician_work_notes(facts.work))
    if facts.work.not_yet_skilled:
        notes.append(not_yet_skilled_note(facts.work.not_yet_skilled))
    if facts.work.skilled_under_noc_2016:
        notes.append(skilled_under_noc_2016_note(facts.work.skilled_under_noc_2016))
    return notes


def not_yet_skilled_note(nocs: set[str]) -> Reason:
    listed = ", ".join(sorted(nocs))
    occupations = "this occupation was" if len(nocs) == 1 else "these occupations were"
    return note(
        codes.NOC_2016_NOT_SKILLED,
        f"Work in {listed} is not counted: before {NOC_2021_FROM} IRCC used NOC 2016, in which "
        f"{occupations} skill level C, not skilled work (TEER 3 from that date)",
        (("nocs", listed),),
    )


def skilled_under_noc_2016_note(nocs: set[str]) -> Reason:
    listed = ", ".join(sorted(nocs))
    occupations = "this occupation was" if len(nocs) == 1 else "these occupations were"
    return note(
        codes.NOC_2016_SKILLED,
        f"Work in {listed} is counted as skilled work: before {NOC_2021_FROM} IRCC used NOC "
        f"2016, in which {occupations} skill level B (TEER 4 or 5 from that date, no longer "
        "skilled)",
        (("nocs", listed),),
    )


def explain_program(
    facts: Facts, program: Program, assessment: Assessment, project_dates: bool
) -> Decision:
    if isinstance(assessment, FswAssessment):
        reasons = explain_fsw(facts, assessment, project_dates)
    elif isinstance(assessment, CecAssessment):
        reasons = explain_cec(facts, assessment, project_dates)
    else:
        reasons = explain_fst(facts, assessment, project_dates)
    decision = decide([*reasons, *shared_notes(facts)])
    if decision.eligible != assessment.eligible:  # one assessment, one verdict
        raise RuntimeError(f"{program}: the reasons and the assessment disagree")
    return decision


def programs_on(facts: Facts, project_dates: bool) -> dict[Program, Decision]:
    """Each program's decision on the facts' date, without eligible_from/until."""
    return {
        program: explain_program(facts, program, assessment, project_dates)
        for program, assessment in assess_programs(facts).items()
    }


def program_eligibility(candidate: Candidate, on: date) -> dict[Program, Decision]:
    """FSW, CEC and FST on `on`, every rule listed, with eligible_from / eligible_until."""
    decisions = programs_on(Facts(candidate, on), project_dates=True)
    return {
        program: project(decision, on, program_on_later(candidate, program))
        for program, decision in decisions.items()
    }


def program_on_later(candidate: Candidate, program: Program) -> Callable[[date], Decision]:
    """Re-evaluates one program on another date (for `reasons.project`)."""

    def evaluate(day: date) -> Decision:
        facts = Facts(candidate, day)
        return explain_program(facts, program, assess_programs(facts)[program], True)

    return evaluate

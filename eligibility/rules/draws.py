"""Would this candidate have been invited in this round? (docs/rules.md §6)

Evaluated on the round's date (`held_on`: rule tables, age, windows, test validity) and its
instant (`held_at`: pool membership):

1. In the pool: meets the minimum criteria of at least one program on the date, submitted the
   profile strictly before the round's instant (docs/rules.md §0.1, §6.4), and the profile had not
   expired (12 months after submission). Without a submission time the candidate is assumed in
   the pool when the criteria are met, and a note says so.
2. Eligible for the round: a general round takes any program; a CEC/FSW/FST round that program
   (docs/rules.md §8.18); a PNP round a provincial nomination; a category round the category's rule
   (and an unmapped category is never eligible).
3. Score on the date (the reported score when given, with the computed one kept) against the
   cut-off: above it is invited whatever the submission time; at it, the tie-break decides:
   submitted at or before the tie-break instant (to the second) wins [INTERPRETATION docs/rules.md
   §6.2: the instant belongs to an invited profile].
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from . import codes
from .categories import ProgramStatus, category_on, fixed_reasons
from .crs import crs_total
from .crs_notes import high_wage_note
from .dates import add_years_instant, instant_text
from .facts import PHYSICIAN_NOT_FEE_FOR_SERVICE_NOTE, Facts
from .model import Candidate, DrawRule, Numbers, Outcome, Program, Reason, RoundType, TieBreak
from .programs import (
    PROGRAM_NAMES,
    Assessment,
    assess_programs,
    explain_program,
    failing_rules,
    not_yet_skilled_note,
)
from .reasons import note, rule
from .tables import PROFILE_VALID_YEARS

ENTRY_UNKNOWN = note(
    codes.POOL_ENTRY_UNKNOWN,
    "No profile submission time given: assumed in the pool at the round's time (submitted "
    "before it and not expired)",
)
SHORT_NAMES = {Program.FSW: "FSW", Program.CEC: "CEC", Program.FST: "FST"}
ROUND_PROGRAM = {RoundType.CEC: Program.CEC, RoundType.FSW: Program.FSW, RoundType.FST: Program.FST}


@lru_cache(maxsize=256)
def _programs_met(eligible: tuple[Program, ...], on: date) -> Reason:
    """Shared by every candidate of a round who meets the same programs (Reasons are
    immutable)."""
    names = ", ".join(PROGRAM_NAMES[program] for program in eligible)
    return rule(
        True,
        codes.POOL_PROGRAMS,
        f"Meets the minimum criteria of {names} on {on.isoformat()}",
        (("programs", ",".join(program.value for program in eligible)),),
    )


@lru_cache(maxsize=1024)
def _no_program(missing: tuple[tuple[str, str], ...], on: date) -> Reason:
    """The summary; its numbers name no program met, like `_programs_met` (the failing rules
    that follow it carry their own numbers, so stored results stay small)."""
    needs = "; ".join(f"{program} needs {what}" for program, what in missing)
    return rule(
        False,
        codes.POOL_PROGRAMS,
        f"Meets the minimum criteria of no program on {on.isoformat()}, so not in the pool "
        f"({needs})",
        (("programs", ""),),
    )


@lru_cache(maxsize=4096)
def _cutoff_reason(score: int, cutoff: int, on: date) -> Reason:
    gap = score - cutoff
    relation = "above" if gap > 0 else "at" if gap == 0 else "below"
    return rule(
        gap >= 0,
        codes.CRS_CUTOFF,
        f"CRS {score} on {on.isoformat()} is {relation} the cut-off {cutoff} ({gap:+d})",
        (("crs", score), ("cutoff", cutoff), ("gap", gap)),
    )


def _pool_reasons(
    facts: Facts, draw_rule: DrawRule, programs: dict[Program, Assessment]
) -> tuple[bool, list[Reason]]:
    """In the pool at the round's time: meeting a program, and a profile submitted before the
    round and not expired. Outside it, every failing rule (the submission time then cannot
    change the verdict and is left out)."""
    eligible = tuple(program for program, assessment in programs.items() if assessment.eligible)
    if not eligible:
        return False, _no_program_reasons(facts, draw_rule, programs)
    in_pool, entry = _entry_reason(facts.candidate.pool_entry, draw_rule.held_at)
    return in_pool, [_programs_met(eligible, draw_rule.held_on), entry]


def _no_program_reasons(
    facts: Facts, draw_rule: DrawRule, programs: dict[Program, Assessment]
) -> list[Reason]:
    """Outside the pool a candidate sees everything missing (STYLE.md): a summary of every
    failing rule of every program, then each of those rules with its numbers. Only this path
    pays for the full lists; a candidate in the pool never builds them."""
    failing: list[Reason] = []
    missing: list[tuple[str, str]] = []
    for program, assessment in programs.items():
        words: list[str] = []
        for reason, short in failing_rules(facts, assessment):
            failing.append(reason)
            words.append(short)
        missing.append((SHORT_NAMES[program], ", ".join(words)))
    reasons = [_no_program(tuple(missing), draw_rule.held_on), *failing]
    if facts.work.not_yet_skilled:  # why that work is missing from the totals above
        reasons.append(not_yet_skilled_note(facts.work.not_yet_skilled))
    if facts.work.physician_not_fee_for_service:
        reasons.append(PHYSICIAN_NOT_FEE_FOR_SERVICE_NOTE)
    return reasons


def _entry_reason(entry: datetime | None, round_at: datetime) -> tuple[bool, Reason]:
    """Whether a profile submitted at `entry` was in the pool at the round's instant, and why
    (no submission time given: assumed so, with a note)."""
    if entry is None:
        return True, ENTRY_UNKNOWN
    expiry = add_years_instant(entry, PROFILE_VALID_YEARS)
    # docs/rules.md §0.1, §6.4: submitted BEFORE the round's date-time; a profile submitted at the
    # very instant of the round was not in the frozen pool.
    if entry >= round_at or expiry <= round_at:
        # Failures show the instants: they are what decides the verdict (ISO 8601 in the
        # numbers, as the site writes them in the sentence).
        numbers: Numbers = (
            ("pool_entry", entry.isoformat()),
            ("round_at", round_at.isoformat()),
            ("expires_at", expiry.isoformat()),
        )
        entry_text, round_text, expiry_text = map(instant_text, (entry, round_at, expiry))
        if entry >= round_at:
            message = f"Profile submitted {entry_text}, not before the round at {round_text}"
        else:
            message = (
                f"Profile submitted {entry_text} expired on {expiry_text} (profiles stay in "
                "the pool for 12 months), before the round"
            )
        return False, rule(False, codes.POOL_ENTRY, message, numbers)
    # In the pool (the common case): the submission instant once, dates in the sentence.
    expires_on = expiry.date().isoformat()
    numbers = (("pool_entry", entry.isoformat()), ("expires_on", expires_on))
    message = (
        f"Profile submitted on {entry.date().isoformat()}, in the pool at the round's time "
        f"(valid until {expires_on})"
    )
    return True, rule(True, codes.POOL_ENTRY, message, numbers)


def _round_reasons(
    facts: Facts, draw_rule: DrawRule, programs: dict[Program, Assessment], in_pool: bool
) -> tuple[bool, list[Reason]]:
    kind = draw_rule.round_type
    if kind is RoundType.CATEGORY:
        if draw_rule.category is None:
            return False, [
                rule(
                    False,
                    codes.ROUND_CATEGORY_NOT_MAPPED,
                    f"Round {draw_rule.number} is a category round whose category is not "
                    "mapped: eligibility cannot be judged",
                )
            ]
        status: dict[Program, ProgramStatus] = {
            program: (assessment.eligible, None, None) for program, assessment in programs.items()
        }
        # Looked up once per candidate: the lookup hashes and compares the whole rule
        fixed = fixed_reasons(draw_rule.category, facts.on)
        decision = category_on(facts, draw_rule.category, status, project_dates=True, fixed=fixed)
        summary = fixed.eligible if decision.eligible else fixed.not_eligible
        return decision.eligible, [summary, *decision.reasons]
    if kind in ROUND_PROGRAM:
        program = ROUND_PROGRAM[kind]
        eligible = programs[program].eligible
        verdict = "Eligible" if eligible else "Not eligible"
        message = f"{verdict} for the {PROGRAM_NAMES[program]}, the only program of this round"
        reasons = [rule(eligible, codes.ROUND_ELIGIBILITY, message, (("program", program.value),))]
        if not eligible and in_pool:  # outside the pool they are already listed
            decision = explain_program(facts, program, programs[program], project_dates=True)
            reasons.extend(r for r in decision.reasons if r.status.value == "unmet")
        return eligible, reasons
    if kind is RoundType.PNP:
        nominated = facts.candidate.provincial_nomination
        in_any = any(assessment.eligible for assessment in programs.values())
        eligible = nominated and in_any
        message = (
            "Provincial nomination: eligible for this Provincial Nominee Program round"
            if nominated
            else "No provincial nomination: Provincial Nominee Program rounds invite nominees only"
        )
        return eligible, [rule(nominated, codes.ROUND_ELIGIBILITY, message)]
    eligible = any(assessment.eligible for assessment in programs.values())
    message = (
        "General round: every program's candidates are eligible"
        if eligible
        else "General round, but no program's minimum criteria are met"
    )
    return eligible, [rule(eligible, codes.ROUND_ELIGIBILITY, message)]


def _tie_break(
    candidate: Candidate, draw_rule: DrawRule, score: int
) -> tuple[TieBreak, bool | None, Reason | None]:
    cutoff = draw_rule.cutoff
    if score != cutoff:
        return TieBreak.NOT_NEEDED, score > cutoff, None
    tie = draw_rule.tie_break
    if tie is None:
        return (
            TieBreak.NOT_PUBLISHED,
            None,
            note(
                codes.TIE_BREAK,
                "At the cut-off, and this round published no tie-break time: undetermined",
            ),
        )
    entry = candidate.pool_entry
    if entry is None:
        return (
            TieBreak.UNKNOWN_SUBMISSION,
            None,
            note(
                codes.TIE_BREAK,
                f"Tie: at the cut-off it depends on when your profile was submitted (invited "
                f"if at or before {tie.isoformat()})",
                (("tie_break", tie.isoformat()),),
            ),
        )
    won = entry <= tie
    verb = "at or before" if won else "after"
    return (
        TieBreak.WON if won else TieBreak.LOST,
        won,
        rule(
            won,
            codes.TIE_BREAK,
            f"At the cut-off: profile submitted {entry.isoformat()}, {verb} the tie-break time "
            f"{tie.isoformat()}",
            (("pool_entry", entry.isoformat()), ("tie_break", tie.isoformat())),
        ),
    )


def draw_outcome(candidate: Candidate, draw_rule: DrawRule) -> Outcome:
    """The candidate in one round: pool, round eligibility, score, tie-break, invitation."""
    facts = Facts(candidate, draw_rule.held_on)
    programs = assess_programs(facts)
    in_pool, reasons = _pool_reasons(facts, draw_rule, programs)
    eligible, round_reasons = _round_reasons(facts, draw_rule, programs, in_pool)
    reasons.extend(round_reasons)

    computed, rule_set = crs_total(facts)
    score = candidate.reported_crs if candidate.reported_crs is not None else computed
    if candidate.reported_crs is not None:
        reasons.append(
            note(
                codes.REPORTED_CRS_USED,
                f"The score you reported ({score}) is used; computed here: {computed} "
                f"(difference {score - computed:+d})",
                (("reported", score), ("computed", computed), ("difference", score - computed)),
            )
        )
    gap = score - draw_rule.cutoff
    reasons.append(_cutoff_reason(score, draw_rule.cutoff, draw_rule.held_on))
    if not rule_set.verified:
        reasons.append(high_wage_note(draw_rule.held_on, rule_set))

    tie_break = TieBreak.NOT_NEEDED
    invited: bool | None = False
    if in_pool and eligible:
        tie_break, invited, tie_reason = _tie_break(candidate, draw_rule, score)
        if tie_reason is not None:
            reasons.append(tie_reason)
    return Outcome(
        number=draw_rule.number,
        in_pool=in_pool,
        eligible=eligible,
        crs=score,
        computed_crs=computed,
        cutoff=draw_rule.cutoff,
        gap=gap,
        tie_break=tie_break,
        invited=invited,
        reasons=tuple(reasons),
    )

"""The engine's reasons as sentences in the reader's language.

The engine (eligibility/rules, standard library only) names every reason with a stable code
and the numbers behind it, and writes an English sentence. Here each code has one or more
sentence templates with named placeholders, marked for translation, so a reason reads in
French too, and a stored result (which keeps only codes and numbers) reads in either
language. In English the engine's own sentence is shown when there is one: it is the fuller
text, with dates and test details the numbers do not carry.

Each code maps to variants tried in order: the first whose placeholders are all among the
reason's numbers (and whose status matches, when it names one) is used. A test renders every
code of eligibility/rules/codes.py in both languages and fails on a code without a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from config.i18n import english_active
from eligibility.candidate_json import Words
from eligibility.rules import codes
from eligibility.rules.improvements import Improvement
from eligibility.rules.model import Factor, Reason
from eligibility.rules.outlook import ComingChange, ScoreStep

MET, UNMET = "met", "unmet"
_FOUR_ABILITIES = ("listening", "reading", "writing", "speaking")


@dataclass(frozen=True)
class Variant:
    template: Promise  # a gettext_lazy sentence with %(name)s placeholders
    needs: tuple[str, ...] = ()  # numbers the sentence uses
    status: str | None = None  # only for a reason with this status (met or unmet)


def _v(template: Promise, *needs: str, status: str | None = None) -> Variant:
    return Variant(template, needs, status)


# The official names of the three programs, and of the language tests (their own names).
PROGRAM_NAMES: dict[str, Promise] = {
    "fsw": _("Federal Skilled Worker Program"),
    "cec": _("Canadian Experience Class"),
    "fst": _("Federal Skilled Trades Program"),
}
TEST_NAMES = {
    "ielts_general": "IELTS General Training",
    "celpip_general": "CELPIP-General",
    "pte_core": "PTE Core",
    "tef_canada": "TEF Canada",
    "tcf_canada": "TCF Canada",
}
EDUCATION_LEVELS: dict[str, Promise] = {
    "none": _("no credential that counts"),
    "secondary": _("secondary school diploma"),
    "one_year": _("one-year post-secondary credential"),
    "two_year": _("two-year post-secondary credential"),
    "bachelors": _("bachelor's degree or 3+ year program"),
    "two_or_more": _("two or more credentials, one of 3+ years"),
    "masters": _("master's or professional degree"),
    "doctoral": _("doctoral degree"),
}
LANGUAGES_OFFICIAL: dict[str, Promise] = {"English": _("English"), "French": _("French")}

#: Four ability levels (listening, reading, writing, speaking), as each language abbreviates
#: them; the engine writes a minimum as "L7 R7 W7 S7".
ABILITIES = _("L%(listening)s R%(reading)s W%(writing)s S%(speaking)s")
_ABILITY_LEVELS = re.compile(
    r"L(?P<listening>\d+) R(?P<reading>\d+) W(?P<writing>\d+) S(?P<speaking>\d+)"
)
_LANGUAGE = (
    _v(
        _("%(test)s (CLB/NCLC %(scores)s) meets the minimum CLB/NCLC %(needed)s"),
        "test",
        "scores",
        "needed",
        status=MET,
    ),
    _v(
        _("%(test)s (CLB/NCLC %(scores)s) does not meet the minimum CLB/NCLC %(needed)s"),
        "test",
        "scores",
        "needed",
    ),
    _v(_("No valid language test; the minimum is CLB/NCLC %(needed)s"), "needed"),
)
_FUNDS = (
    _v(
        _(
            "Proof of funds not needed: authorized to work in Canada now (an ongoing authorized "
            "job in Canada) and a qualifying job offer"
        ),
        "exempt",
    ),
    _v(
        _(
            "Settlement funds CAD %(funds)s for a family of %(family_size)s; CAD %(required)s "
            "needed (%(table)s table)"
        ),
        "funds",
        "family_size",
        "required",
        "table",
    ),
)

SENTENCES: dict[str, tuple[Variant, ...]] = {
    codes.FSW_EXPERIENCE: (
        _v(
            _(
                "Longest continuous skilled (TEER 0-3) work in one occupation (NOC %(noc)s) in "
                "the last %(window_years)s years: %(hours_found)s h; %(hours_needed)s h (one "
                "year full-time) needed"
            ),
            "noc",
            "hours_found",
            "hours_needed",
            "window_years",
        ),
    ),
    codes.FSW_LANGUAGE: _LANGUAGE,
    codes.FSW_EDUCATION: (
        _v(_("Education counted: %(level)s"), "level", status=MET),
        _v(
            _(
                "No secondary or post-secondary credential that counts: a Canadian credential, "
                "or a foreign one with an Educational Credential Assessment (ECA), is needed"
            )
        ),
    ),
    codes.FSW_POINTS: (
        _v(
            _(
                "FSW selection grid: %(total)s/100 (language %(language)s+%(second_language)s, "
                "education %(education)s, experience %(experience)s, age %(age)s, arranged "
                "employment %(arranged_employment)s, adaptability %(adaptability)s); "
                "%(pass_mark)s needed"
            ),
            "total",
            "language",
            "second_language",
            "education",
            "experience",
            "age",
            "arranged_employment",
            "adaptability",
            "pass_mark",
        ),
    ),
    codes.FSW_FUNDS: _FUNDS,
    codes.CEC_EXPERIENCE: (
        _v(
            _(
                "%(hours_found)s h of qualifying Canadian work (TEER 0-3, authorized, not "
                "self-employed, not while a full-time student) in the last %(window_years)s "
                "years; %(hours_needed)s h needed"
            ),
            "hours_found",
            "hours_needed",
            "window_years",
        ),
    ),
    codes.CEC_LANGUAGE: _LANGUAGE,
    codes.CEC_MIXED_TEER: (
        _v(
            _(
                "Your Canadian experience mixes TEER 0/1 and TEER 2/3 jobs: CLB 5 is applied "
                "because TEER 2/3 work contributes; IRCC does not say how mixed cases are "
                "assessed, so have this checked"
            )
        ),
    ),
    codes.FST_EXPERIENCE: (
        _v(
            _(
                "%(hours_found)s h of work in an eligible skilled trade (NOC %(noc)s) in the "
                "last %(window_years)s years; %(hours_needed)s h (two years full-time) needed in "
                "one trade"
            ),
            "noc",
            "hours_found",
            "hours_needed",
            "window_years",
            status=MET,
        ),
        _v(
            _(
                "%(hours_found)s h of work in an eligible skilled trade in the last "
                "%(window_years)s years; %(hours_needed)s h (two years full-time) needed in one "
                "trade"
            ),
            "hours_found",
            "hours_needed",
            "window_years",
        ),
    ),
    codes.FST_LANGUAGE: _LANGUAGE,
    codes.FST_OFFER_OR_CERTIFICATE: (
        _v(
            _(
                "A qualifying job offer or a certificate of qualification in an eligible trade: "
                "the two years of experience must be in that trade"
            ),
            status=MET,
        ),
        _v(
            _(
                "Your certificate of qualification has no trade recorded: add its trade (NOC "
                "code) to your profile, since it counts only in that trade"
            ),
            "certificate_of_qualification",
            status=UNMET,
        ),
        _v(
            _(
                "Neither a qualifying job offer in an eligible trade (with an LMIA or exemption) "
                "nor a Canadian certificate of qualification in one"
            )
        ),
    ),
    codes.FST_FUNDS: _FUNDS,
    codes.FST_DUTIES_NOT_CHECKED: (
        _v(_("IRCC also checks that your duties match the NOC description of the trade")),
    ),
    codes.LANGUAGE_TEST_NOT_COUNTED: (
        _v(
            _(
                "A language test result is not counted: it has expired (results are valid for 2 "
                "years), was taken before IRCC accepted that test, or is in the future"
            )
        ),
    ),
    codes.LANGUAGE_TEST_MISSING: (_v(_("No valid language test: no language points")),),
    codes.PHYSICIAN_FEE_FOR_SERVICE: (
        _v(
            _(
                "Self-employed physician work in Canada is counted as Canadian experience: it was "
                "paid fee-for-service by a provincial or territorial health plan (IRCC policy for "
                "invitations from 2023-04-25)"
            )
        ),
    ),
    codes.PHYSICIAN_NOT_FEE_FOR_SERVICE: (
        _v(
            _(
                "Self-employed physician work in Canada is not counted: it counts only when paid "
                "fee-for-service by a provincial or territorial health plan, and your work "
                "history does not say so (IRCC policy for invitations from 2023-04-25)"
            )
        ),
    ),
    codes.PHYSICIAN_LICENCE_UNVERIFIED: (
        _v(
            _(
                "Your profile does not say you are licensed to practise medicine in a Canadian "
                "province or territory: one secondary source says the physicians category "
                "requires it; IRCC's category page does not, so it does not decide this verdict"
            )
        ),
    ),
    codes.NOC_2016_NOT_SKILLED: (
        _v(
            _(
                "Work in %(nocs)s is not counted: before 2022-11-16 IRCC used NOC 2016, in which "
                "it was skill level C, not skilled work (TEER 3 from that date)"
            ),
            "nocs",
        ),
    ),
    codes.NOC_2016_SKILLED: (
        _v(
            _(
                "Work in %(nocs)s is counted as skilled work: before 2022-11-16 IRCC used NOC "
                "2016, in which it was skill level B (TEER 4 or 5 from that date, no longer "
                "skilled)"
            ),
            "nocs",
        ),
    ),
    codes.LANGUAGE_TEST_SCALE_UNCONFIRMED: (
        _v(
            _(
                "A TEF Canada result whose scores fit both the old and the current scale, with no "
                "scale stated, is read on the current scale: say which scale it uses"
            )
        ),
    ),
    codes.FUNDS_TABLE_ESTIMATE: (
        _v(
            _(
                "The %(table)s funds table is applied from an assumed date (%(from)s): the exact "
                "day it took effect, or the table in force before it, is not on record"
            ),
            "table",
            "from",
        ),
    ),
    codes.FUNDS_GRACE_PERIOD: (
        _v(
            _(
                "Your funds meet the previous funds table but not the new one, which profiles "
                "must meet by the end of IRCC's grace period; update before then"
            )
        ),
    ),
    codes.EDUCATION_WITHOUT_ECA: (
        _v(
            _(
                "A foreign credential without an ECA valid on this date (ECAs are valid five "
                "years) does not count for points"
            )
        ),
    ),
    codes.CRS_FIRST_LANGUAGE: (
        _v(_("%(first_language)s was taken as first official language"), "first_language"),
    ),
    codes.CRS_SPOUSE_NOT_COUNTED: (
        _v(
            _(
                "Your spouse or partner does not accompany you or is a Canadian citizen or "
                "permanent resident: scored as without a spouse"
            )
        ),
    ),
    codes.CRS_SPOUSE_MISSING: (
        _v(_("Married or common-law without spouse details: scored without a spouse")),
    ),
    codes.CRS_CANADIAN_EDUCATION_ASSUMED: (
        _v(
            _(
                "Canadian-education points assume at least 8 months of full-time study while in "
                "Canada, not by distance learning, and not mostly English or French language "
                "study"
            )
        ),
    ),
    codes.CRS_ESTIMATE_HIGH_WAGE_UNVERIFIED: (
        _v(
            _(
                "Estimate: a high-wage occupation factor is reported (rule set %(rule_set)s) but "
                "no official point table is known, so no points are given for it and the score "
                "may differ from IRCC's"
            ),
            "rule_set",
        ),
    ),
    codes.CRS_NEXT_CHANGE: (
        _v(
            _("Your score changes on %(on)s: %(from)s to %(to)s, if nothing else changes"),
            "on",
            "from",
            "to",
        ),
    ),
    codes.CRS_CERTIFICATE_TRADE_MISSING: (
        _v(
            _(
                "Your certificate of qualification earns no points until its trade is recorded: "
                "add the trade (NOC code) in your profile; in a listed trade it would add "
                "%(points_if_listed)s points"
            ),
            "points_if_listed",
        ),
        _v(
            _(
                "Your certificate of qualification earns no points until its trade is recorded: "
                "add the trade (NOC code) in your profile"
            )
        ),
    ),
    codes.CRS_CERTIFICATE_NOT_LISTED: (
        _v(
            _(
                "Your certificate of qualification in %(trade)s earns no points: %(trade)s is not "
                "on IRCC's list of trades whose certificate counts (list of %(list)s)"
            ),
            "trade",
            "list",
        ),
    ),
    codes.CRS_CERTIFICATE_LIST_ESTIMATE: (
        _v(
            _(
                "IRCC's list of trades whose certificate earns points is on record only from "
                "2023-09-08: that list is applied to this earlier date"
            )
        ),
    ),
    codes.CATEGORY_VERSION: (
        _v(_("The category is in force on this date"), status=MET),
        _v(_("The category is not in force on this date")),
    ),
    codes.CATEGORY_EXPERIENCE: (
        _v(
            _(
                "%(months_found)s months of full-time-equivalent experience in %(noc)s "
                "(%(hours_found)s h); %(months_needed)s months (%(hours_needed)s h) needed in one "
                "listed occupation"
            ),
            "noc",
            "months_found",
            "hours_found",
            "months_needed",
            "hours_needed",
        ),
        _v(
            _(
                "No qualifying experience in a listed occupation; %(months_needed)s months "
                "(%(hours_needed)s h) needed in one listed occupation"
            ),
            "months_needed",
            "hours_needed",
        ),
    ),
    codes.CATEGORY_FRENCH: (
        _v(
            _("%(test)s: NCLC %(needed)s or higher in all four abilities"),
            "test",
            "needed",
            status=MET,
        ),
        _v(
            _(
                "%(test)s: NCLC %(needed)s needed in all four abilities, lowest is NCLC "
                "%(lowest_nclc)s"
            ),
            "test",
            "needed",
            "lowest_nclc",
        ),
        _v(
            _(
                "No valid TEF Canada or TCF Canada result; NCLC %(needed)s needed in all four "
                "abilities"
            ),
            "needed",
        ),
    ),
    codes.CATEGORY_EDUCATION: (
        _v(
            _("Highest credential that counts: %(level)s; at least a %(needed)s is needed"),
            "level",
            "needed",
        ),
    ),
    codes.CATEGORY_MILITARY_SERVICE: (
        _v(
            _(
                "%(years_found)s years of continuous service in a recognized foreign military "
                "since %(since)s; %(years_needed)s needed, still serving"
            ),
            "years_found",
            "since",
            "years_needed",
        ),
        _v(
            _(
                "No service in a recognized foreign military on record; %(years_needed)s years "
                "of continuous service needed, still serving"
            ),
            "years_needed",
        ),
    ),
    codes.CATEGORY_CAF_OFFER: (
        _v(
            _(
                "Offer from the Canadian Armed Forces in %(noc)s for %(years)s years; at least "
                "%(years_needed)s years of continuous full-time work in a listed occupation "
                "needed"
            ),
            "noc",
            "years",
            "years_needed",
        ),
        _v(
            _(
                "No offer from the Canadian Armed Forces on record; an offer of at least "
                "%(years_needed)s years of continuous full-time work in a listed occupation is "
                "needed"
            ),
            "years_needed",
        ),
    ),
    codes.CATEGORY_CONDITION_UNVERIFIABLE: (
        _v(_("Cannot be verified from your profile: %(condition)s"), "condition"),
    ),
    codes.CATEGORY_PROGRAM: (
        _v(_("Eligible for %(programs)s"), "programs", status=MET),
        _v(_("Not eligible for FSW, CEC or FST, which every category round requires")),
    ),
    codes.CATEGORY_NO_REQUIREMENT: (
        _v(_("The category has no occupation or language requirement on record")),
    ),
    codes.POOL_PROGRAMS: (
        _v(_("Meets the minimum criteria of %(programs)s"), "programs", status=MET),
        _v(_("Meets the minimum criteria of no program, so not in the pool")),
    ),
    codes.POOL_ENTRY: (
        _v(
            _(
                "Profile submitted on %(pool_entry)s, in the pool at the round's time (valid "
                "until %(expires_on)s)"
            ),
            "pool_entry",
            "expires_on",
        ),
        _v(
            _(
                "Profile submitted %(pool_entry)s expired on %(expires_at)s (profiles stay in "
                "the pool for 12 months), before the round"
            ),
            "pool_entry",
            "expires_at",
        ),
        _v(
            _("Profile submitted %(pool_entry)s, after the round (%(round_at)s)"),
            "pool_entry",
            "round_at",
        ),
    ),
    codes.POOL_ENTRY_UNKNOWN: (
        _v(
            _(
                "No profile submission time given: assumed in the pool at the round's time "
                "(submitted before it and not expired)"
            )
        ),
    ),
    codes.ROUND_ELIGIBILITY: (
        _v(_("Eligible for this round"), status=MET),
        _v(_("Not eligible for this round")),
    ),
    codes.ROUND_CATEGORY_NOT_MAPPED: (
        _v(_("A category round whose category is not mapped: eligibility cannot be judged")),
    ),
    codes.CRS_CUTOFF: (
        _v(
            _("CRS %(crs)s is at or above the cut-off %(cutoff)s (%(gap)s)"),
            "crs",
            "cutoff",
            "gap",
            status=MET,
        ),
        _v(
            _("CRS %(crs)s is below the cut-off %(cutoff)s (%(gap)s)"),
            "crs",
            "cutoff",
            "gap",
        ),
    ),
    codes.TIE_BREAK: (
        _v(
            _("At the cut-off: profile submitted %(pool_entry)s, tie-break time %(tie_break)s"),
            "pool_entry",
            "tie_break",
        ),
        _v(
            _(
                "Tie: at the cut-off it depends on when your profile was submitted (invited if "
                "at or before %(tie_break)s)"
            ),
            "tie_break",
        ),
        _v(_("At the cut-off, and this round published no tie-break time: undetermined")),
    ),
    codes.REPORTED_CRS_USED: (
        _v(
            _(
                "The score you reported (%(reported)s) is used; computed here: %(computed)s "
                "(difference %(difference)s)"
            ),
            "reported",
            "computed",
            "difference",
        ),
    ),
}


def reason_text(reason: Reason) -> str:
    """`reason` as a sentence in the active language."""
    if english_active() and reason.message:
        return reason.message
    return reason_sentence(reason.code, str(reason.status), dict(reason.numbers))


def reason_sentence(code: str, status: str, numbers: Mapping[str, Any]) -> str:
    """The sentence of a reason known by its code, status and numbers (a stored result's
    reasons have no English sentence to fall back on)."""
    if all(ability in numbers for ability in _FOUR_ABILITIES):
        numbers = {**numbers, "scores": str(ABILITIES) % {a: numbers[a] for a in _FOUR_ABILITIES}}
    for variant in SENTENCES.get(code, ()):
        if variant.status not in (None, status):
            continue
        if all(name in numbers and numbers[name] not in ("", None) for name in variant.needs):
            values = {name: _shown(name, numbers[name]) for name in variant.needs}
            return str(variant.template) % values
    return code  # a code the engine added after this table: its name, not an error


def _shown(name: str, value: Any) -> str:
    """A number as the reader's language writes it; a code as its name."""
    levels = _ABILITY_LEVELS.fullmatch(value) if isinstance(value, str) else None
    if levels is not None:
        return str(ABILITIES) % levels.groupdict()
    if name == "test":
        return TEST_NAMES.get(str(value), str(value))
    if name in ("level", "needed") and isinstance(value, str) and value in EDUCATION_LEVELS:
        return str(EDUCATION_LEVELS[str(value)])
    if name == "programs":
        return ", ".join(str(PROGRAM_NAMES.get(p, p)) for p in str(value).split(",") if p)
    if name == "first_language":
        return str(LANGUAGES_OFFICIAL.get(str(value), value))
    if name in ("gap", "difference") and isinstance(value, int):
        return f"{value:+d}"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


#: The CRS factors by code (CrsBreakdown.factors). A factor carries no numbers besides its
#: points, so outside English its label names the factor without the engine's details
#: (the age, the level), which the rest of the page shows.
FACTOR_LABELS: dict[str, Promise] = {
    "age": _("Age"),
    "education": _("Education"),
    "first_language_listening": _("First official language: listening"),
    "first_language_reading": _("First official language: reading"),
    "first_language_writing": _("First official language: writing"),
    "first_language_speaking": _("First official language: speaking"),
    "second_language": _("Second official language"),
    "canadian_experience": _("Canadian work experience"),
    "spouse_education": _("Spouse's education"),
    "spouse_language": _("Spouse's first official language"),
    "spouse_canadian_experience": _("Spouse's Canadian work experience"),
    "transferability_education_language": _("Education and language"),
    "transferability_education_canadian_experience": _("Education and Canadian experience"),
    "transferability_education_cap": _("Education combinations are capped at 50"),
    "transferability_foreign_language": _("Foreign experience and language"),
    "transferability_foreign_canadian_experience": _("Foreign experience and Canadian experience"),
    "transferability_foreign_cap": _("Foreign experience combinations are capped at 50"),
    "transferability_certificate_language": _("Certificate of qualification and language"),
    "transferability_cap": _("Skill transferability is capped at 100"),
    "provincial_nomination": _("Provincial nomination"),
    "job_offer": _("Job offer"),
    "french_bonus": _("French-language skills"),
    "canadian_education": _("Post-secondary education in Canada"),
    "sibling": _("Brother or sister in Canada"),
    "additional_cap": _("Additional points are capped at 600"),
}


def factor_label(factor: Factor) -> str:
    """A CRS factor's label in the active language."""
    if english_active() or factor.code not in FACTOR_LABELS:
        return factor.label
    return str(FACTOR_LABELS[factor.code])


#: What changes a coming date brings (eligibility.rules.outlook.ComingChange.codes). The
#: engine's English causes name the test or the age; these name the kind of change.
CHANGE_CAUSES: dict[str, Promise] = {
    "profile_expires": _("your Express Entry profile expires (12 months after its submission)"),
    "test_expires": _("a language test result of yours expires"),
    "spouse_test_expires": _("a language test result of your spouse or partner expires"),
    "eca_expires": _("an ECA of yours expires"),
    "spouse_eca_expires": _("an ECA of your spouse or partner expires"),
    "birthday": _("you have a birthday"),
    "canadian_experience": _("your Canadian work experience changes band"),
    "foreign_experience": _("your foreign work experience changes band"),
    "spouse_canadian_experience": _(
        "your spouse or partner's Canadian work experience changes band"
    ),
    "rule_set": _("the CRS rules change"),
    "certificate_trades": _("IRCC's list of certificate trades changes"),
    "noc_2021": _("IRCC switches to NOC 2021"),
    "decision_ends": _("you stop meeting a program's or a category's criteria"),
    "decision_starts": _("you start meeting a program's or a category's criteria"),
}


def change_causes(change: ComingChange | ScoreStep) -> list[str]:
    """The causes of a coming change or of a step of the projected score, each a phrase in the
    active language."""
    if english_active():
        return list(change.causes)
    return [
        str(CHANGE_CAUSES[code]) if code in CHANGE_CAUSES else cause
        for code, cause in zip(change.codes, change.causes, strict=True)
    ]


def step_cause(step: ScoreStep) -> str:
    """Why the projected score changes on a step, in the active language ("" for today)."""
    return get_text_list(change_causes(step), str(_("and")))


def change_message(change: ComingChange) -> str:
    """A coming change as one sentence in the active language (the engine's in English)."""
    if english_active():
        return change.message
    effects = []
    if "profile_expires" in change.codes:
        effects.append(str(_("you leave the pool unless you submit a new profile")))
    numbers = {"before": change.crs_before, "after": change.crs_after}
    if change.crs_after < change.crs_before:
        effects.append(str(_("your CRS drops from %(before)s to %(after)s")) % numbers)
    elif change.crs_after > change.crs_before:
        effects.append(str(_("your CRS rises from %(before)s to %(after)s")) % numbers)
    else:
        effects.append(str(_("your CRS stays at %(after)s")) % numbers)
    return str(_("On %(day)s %(causes)s: %(effects)s")) % {
        "day": change.on.isoformat(),
        "causes": get_text_list(change_causes(change), str(_("and"))),
        "effects": "; ".join(effects),
    }


#: The changes that would raise a score (eligibility.rules.improvements), by code; a code with
#: a number at its end ("french_nclc_7") is matched with the number as `level`.
IMPROVEMENTS: tuple[tuple[re.Pattern[str], Promise], ...] = (
    (
        re.compile(r"canadian_experience"),
        _("Another year of Canadian work experience, if your current work in Canada continues"),
    ),
    (
        re.compile(r"foreign_experience"),
        _("Another year of foreign work experience, if your current work abroad continues"),
    ),
    (
        re.compile(r"spouse_canadian_experience"),
        _(
            "Another year of Canadian work experience for your spouse or partner, if their current "
            "work in Canada continues"
        ),
    ),
    (
        re.compile(r"certificate_of_qualification"),
        _("A Canadian certificate of qualification in your trade"),
    ),
    (
        re.compile(r"eca"),
        _("An Educational Credential Assessment (ECA) for your foreign credential"),
    ),
    (
        re.compile(r"spouse_eca"),
        _(
            "An Educational Credential Assessment (ECA) for your spouse or partner's foreign "
            "credential"
        ),
    ),
    (
        re.compile(r"french_nclc_(?P<level>\d+)"),
        _(
            "A French test (TEF Canada or TCF Canada) at NCLC %(level)s or higher in all four "
            "abilities"
        ),
    ),
    (
        re.compile(r"language_clb_(?P<level>\d+)"),
        _("CLB %(level)s or higher in all four abilities on a new test"),
    ),
    (re.compile(r"language_listening"), _("A higher listening level on a new test")),
    (re.compile(r"language_reading"), _("A higher reading level on a new test")),
    (re.compile(r"language_writing"), _("A higher writing level on a new test")),
    (re.compile(r"language_speaking"), _("A higher speaking level on a new test")),
    (
        re.compile(r"provincial_nomination"),
        _("A provincial or territorial nomination (a province or territory must choose you)"),
    ),
    (
        re.compile(r"renew_test_english"),
        _("A new English test with the results of your expired one"),
    ),
    (re.compile(r"renew_test_french"), _("A new French test with the results of your expired one")),
    (
        re.compile(r"spouse_language_clb_(?P<level>\d+)"),
        _(
            "Your spouse or partner's language test at CLB %(level)s or higher in all four "
            "abilities"
        ),
    ),
)


def improvement_label(improvement: Improvement) -> str:
    """What would raise the score, in the active language (the engine's label in English)."""
    if english_active():
        return improvement.label
    for pattern, template in IMPROVEMENTS:
        match = pattern.fullmatch(improvement.code)
        if match:
            return str(template) % match.groupdict()
    return improvement.label


#: The verdict's words in the reader's language, for the CLI and the API
#: (eligibility.candidate_json.verdict_json and friends).
SITE_WORDS = Words(reason=reason_text, factor=factor_label, improvement=improvement_label)

"""Every reason code the engine emits, in one place. Codes are stable: pages, emails, the API
and stored results key on them, so rename nothing; add new codes instead.

A reason's status says how to read it: MET (a rule that passes), UNMET (a rule that fails) or
NOTE (information or a warning that does not decide the verdict).

Programs (docs/rules.md §2)
    fsw_experience        1,560 h continuous in one TEER 0-3 occupation within 10 years
    fsw_language          CLB 7 in all four abilities (either official language)
    fsw_education         a secondary or higher credential, Canadian or with an ECA
    fsw_points            the 67-point grid, every factor's points in `numbers`
    fsw_funds             proof of funds by date and family size, or the exemption
    cec_experience        1,560 h of qualifying Canadian TEER 0-3 work within 3 years
    cec_language          CLB 7 (TEER 0/1 experience) or CLB 5 (TEER 2/3) in all four
    cec_mixed_teer        NOTE: TEER 0/1 and TEER 2/3 work both count (docs/rules.md §2.2)
    fst_experience        3,120 h in one eligible skilled trade within 5 years
    fst_language          CLB 5 listening and speaking, 4 reading and writing
    fst_offer_or_certificate  a qualifying job offer in the trade or a certificate of
                          qualification in it (the certificate's trade must be recorded)
    fst_funds             proof of funds, or the exemption
    fst_duties_not_checked  NOTE: the duties must match the NOC description (a document check)

Notes shared by programs, categories and the CRS
    language_test_not_counted   NOTE: a test that is expired, too early (PTE Core) or future
    language_test_missing       NOTE (CRS): no valid test, so no language points
    physician_fee_for_service   NOTE: self-employed physician work in Canada counted: paid
                                fee-for-service by a provincial or territorial health plan
    physician_not_fee_for_service  NOTE: self-employed physician work in Canada not counted:
                                the profile does not say it was fee-for-service
    physician_licence_unverified  NOTE (physicians category): a physician without a Canadian
                                licence to practise on record; one source requires it
    noc_2016_not_skilled        NOTE: before 2022-11-16, work in an occupation that was NOC 2016
                                skill level C is not counted
    noc_2016_skilled            NOTE: before 2022-11-16, work in an occupation that was NOC 2016
                                skill level B (TEER 4 or 5 from that day) is counted as skilled
    language_test_scale_unconfirmed  NOTE: a TEF Canada result whose scores fit both scales and
                                whose scale is not stated (read on the current scale; asks which)
    funds_table_estimate        NOTE: the funds table's effective date is an assumption
    funds_grace_period          NOTE: inside IRCC's grace window, the previous table accepted
    education_without_eca       NOTE: a foreign credential without ECA was not counted

CRS notes (CrsBreakdown.notes)
    crs_first_language          which test was taken as first / second official language
    crs_spouse_not_counted      a spouse or partner who does not accompany or is a citizen/PR
    crs_spouse_missing          married or common-law but no spouse details given
    crs_canadian_education_assumed  Canadian-education points assume the study conditions
    crs_estimate_high_wage_unverified  a date on or after 2026-11-03: the reported high-wage
                                factor has no official table, so the score is an estimate
    crs_next_change             when and why the score next changes without new input
    crs_certificate_trade_missing  a certificate of qualification with no trade recorded: no
                                points until its trade is given (numbers: the points it could add)
    crs_certificate_not_listed  a certificate in a trade not on IRCC's list on the date (e.g.
                                73300 from 2023-11-06): no points
    crs_certificate_list_estimate  before 2023-09-08 IRCC's list of trades is not on record: the
                                2023 list is applied

Categories (docs/rules.md §5)
    category_version            the category version is in force on the date
    category_experience         months in one listed occupation (found and needed)
    category_french             valid TEF/TCF with every ability at the required NCLC
    category_education          the highest credential that counts reaches the required level
    category_military_service   years of continuous service in a recognized foreign military,
                                still serving
    category_caf_offer          an offer from the Canadian Armed Forces (Canadian Forces
                                Recruiting Group) in a listed occupation, full-time, long enough
    category_condition_unverifiable  a condition the profile does not record (one each)
    category_program            eligible under FSW, CEC or FST on the date
    category_no_requirement     NOTE: the category has no occupation or language rule

Draws (docs/rules.md §6)
    pool_programs               meets the minimum criteria of at least one program
    pool_entry                  the profile was in the pool at the round's time
    pool_entry_unknown          NOTE: no submission time given; assumed in the pool
    round_eligibility           eligible for the round's program, nomination or category
    round_category_not_mapped   a category round whose category is not mapped
    crs_cutoff                  the score compared with the cut-off
    tie_break                   how the tie-breaking rule applied
    reported_crs_used           NOTE: the score IRCC shows was used instead of the computed one
"""

from __future__ import annotations

FSW_EXPERIENCE = "fsw_experience"
FSW_LANGUAGE = "fsw_language"
FSW_EDUCATION = "fsw_education"
FSW_POINTS = "fsw_points"
FSW_FUNDS = "fsw_funds"
CEC_EXPERIENCE = "cec_experience"
CEC_LANGUAGE = "cec_language"
CEC_MIXED_TEER = "cec_mixed_teer"
FST_EXPERIENCE = "fst_experience"
FST_LANGUAGE = "fst_language"
FST_OFFER_OR_CERTIFICATE = "fst_offer_or_certificate"
FST_FUNDS = "fst_funds"
FST_DUTIES_NOT_CHECKED = "fst_duties_not_checked"

LANGUAGE_TEST_NOT_COUNTED = "language_test_not_counted"
LANGUAGE_TEST_MISSING = "language_test_missing"
PHYSICIAN_FEE_FOR_SERVICE = "physician_fee_for_service"
PHYSICIAN_NOT_FEE_FOR_SERVICE = "physician_not_fee_for_service"
PHYSICIAN_LICENCE_UNVERIFIED = "physician_licence_unverified"
NOC_2016_NOT_SKILLED = "noc_2016_not_skilled"
NOC_2016_SKILLED = "noc_2016_skilled"
LANGUAGE_TEST_SCALE_UNCONFIRMED = "language_test_scale_unconfirmed"
FUNDS_TABLE_ESTIMATE = "funds_table_estimate"
FUNDS_GRACE_PERIOD = "funds_grace_period"
EDUCATION_WITHOUT_ECA = "education_without_eca"

CRS_FIRST_LANGUAGE = "crs_first_language"
CRS_SPOUSE_NOT_COUNTED = "crs_spouse_not_counted"
CRS_SPOUSE_MISSING = "crs_spouse_missing"
CRS_CANADIAN_EDUCATION_ASSUMED = "crs_canadian_education_assumed"
CRS_ESTIMATE_HIGH_WAGE_UNVERIFIED = "crs_estimate_high_wage_unverified"
CRS_NEXT_CHANGE = "crs_next_change"
CRS_CERTIFICATE_TRADE_MISSING = "crs_certificate_trade_missing"
CRS_CERTIFICATE_NOT_LISTED = "crs_certificate_not_listed"
CRS_CERTIFICATE_LIST_ESTIMATE = "crs_certificate_list_estimate"

CATEGORY_VERSION = "category_version"
CATEGORY_EXPERIENCE = "category_experience"
CATEGORY_FRENCH = "category_french"
CATEGORY_EDUCATION = "category_education"
CATEGORY_MILITARY_SERVICE = "category_military_service"
CATEGORY_CAF_OFFER = "category_caf_offer"
CATEGORY_CONDITION_UNVERIFIABLE = "category_condition_unverifiable"
CATEGORY_PROGRAM = "category_program"
CATEGORY_NO_REQUIREMENT = "category_no_requirement"

POOL_PROGRAMS = "pool_programs"
POOL_ENTRY = "pool_entry"
POOL_ENTRY_UNKNOWN = "pool_entry_unknown"
ROUND_ELIGIBILITY = "round_eligibility"
ROUND_CATEGORY_NOT_MAPPED = "round_category_not_mapped"
CRS_CUTOFF = "crs_cutoff"
TIE_BREAK = "tie_break"
REPORTED_CRS_USED = "reported_crs_used"

"""`reasons.unmet_numbers`: what a stored result keeps of an outcome's reasons."""

from __future__ import annotations

from eligibility.rules.model import ReasonStatus
from eligibility.rules.reasons import note, rule, unmet_numbers


def test_only_failing_reasons_are_kept_in_order_with_their_numbers_as_a_mapping() -> None:
    reasons = (
        rule(True, "cec_experience", "met", (("hours_found", 1600.0),)),
        rule(False, "cec_language", "unmet", (("listening", 5), ("needed", 7))),
        note("pool_entry_unknown", "a note"),
        rule(False, "fsw_funds", "unmet too", (("funds", 1000), ("table", "2025"))),
        rule(False, "round_category_not_mapped", "no numbers"),
    )
    assert [r.status for r in reasons].count(ReasonStatus.UNMET) == 3
    assert unmet_numbers(reasons) == [
        ["cec_language", {"listening": 5, "needed": 7}],
        ["fsw_funds", {"funds": 1000, "table": "2025"}],
        ["round_category_not_mapped", {}],
    ]


def test_an_outcome_without_failures_keeps_nothing() -> None:
    assert unmet_numbers((rule(True, "crs_cutoff", "above", (("gap", 3),)),)) == []

"""`{{ reason|reason_text }}` and `{{ factor|factor_label }}`: the engine's words in the
reader's language."""

from __future__ import annotations

from django import template

from eligibility import reason_text as sentences
from eligibility.rules.improvements import Improvement
from eligibility.rules.model import Factor, Reason
from eligibility.rules.outlook import ComingChange, ScoreStep

register = template.Library()


@register.filter
def reason_text(reason: Reason) -> str:
    return sentences.reason_text(reason)


@register.filter
def factor_label(factor: Factor) -> str:
    return sentences.factor_label(factor)


@register.filter
def change_message(change: ComingChange) -> str:
    return sentences.change_message(change)


@register.filter
def change_causes(change: ComingChange) -> list[str]:
    return sentences.change_causes(change)


@register.filter
def step_cause(step: ScoreStep) -> str:
    return sentences.step_cause(step)


@register.filter
def improvement_label(improvement: Improvement) -> str:
    return sentences.improvement_label(improvement)

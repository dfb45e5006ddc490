"""`{{ reason|reason_text }}` and `{{ factor|factor_label }}`: the engine's words in the
reader's language."""

from __future__ import annotations

from django import template

from eligibility import reason_text as sentences
from eligibility.rules.model import Factor, Reason

register = template.Library()


@register.filter
def reason_text(reason: Reason) -> str:
    return sentences.reason_text(reason)


@register.filter
def factor_label(factor: Factor) -> str:
    return sentences.factor_label(factor)

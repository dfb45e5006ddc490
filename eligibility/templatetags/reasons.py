"""`{{ reason|reason_text }}`: an engine reason as a sentence in the reader's language."""

from __future__ import annotations

from django import template

from eligibility import reason_text as sentences
from eligibility.rules.model import Reason

register = template.Library()


@register.filter
def reason_text(reason: Reason) -> str:
    return sentences.reason_text(reason)

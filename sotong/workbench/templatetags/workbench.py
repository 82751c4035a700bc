"""Labels the workbench templates show for stored codes."""

from __future__ import annotations

from django import template

from sotong.core.disclosure import ground_labels
from sotong.workbench.review import review_reasons

register = template.Library()


@register.filter
def reason_labels(codes: list[str]) -> list[str]:
    return review_reasons(codes or [])


@register.filter
def ground_list(grounds: list[int]) -> list[str]:
    return ground_labels(grounds or [])

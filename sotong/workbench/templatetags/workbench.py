"""Labels the workbench templates show for stored codes, in the page's language."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

from sotong.core.disclosure import ground_labels, term_label
from sotong.workbench.review import review_reasons

register = template.Library()


@register.filter
def reason_labels(codes: list[str]) -> list[str]:
    return review_reasons(codes or [])


@register.filter
def ground_list(grounds: list[int]) -> list[str]:
    return [gettext(label) for label in ground_labels(grounds or [])]


# A word of the shared vocabulary in the page's language (grades, states, roles); data never passes.
register.filter("term", term_label)

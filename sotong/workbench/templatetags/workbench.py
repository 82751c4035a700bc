"""Labels the workbench templates show for stored codes, in the page's language."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

from sotong.core.disclosure import ground_labels
from sotong.workbench.review import review_reasons

register = template.Library()


@register.filter
def reason_labels(codes: list[str]) -> list[str]:
    return review_reasons(codes or [])


@register.filter
def ground_list(grounds: list[int]) -> list[str]:
    return [gettext(label) for label in ground_labels(grounds or [])]


@register.filter
def term(word: str) -> str:
    """A word of the shared vocabulary (a grade, a state's or a role's label), kept Korean in the
    database and marked with ``gettext_noop`` where it is defined, in the page's language. Data never
    passes here. An empty word stays empty: gettext("") would answer the catalogue's header."""
    return gettext(word) if word else word

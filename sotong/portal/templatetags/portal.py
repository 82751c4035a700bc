"""Template helpers: highlighted segments, escaped text with ``<mark>`` around matches; grades in the
page's language."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from sotong.core.disclosure import term_label

register = template.Library()


@register.simple_tag
def segments(value: Sequence[tuple[str, bool]] | str) -> SafeString:
    """Every text segment is escaped; only our own ``<mark>`` is markup."""
    if isinstance(value, str):
        return format_html("{}", value)
    return format_html_join(
        "", "{}", ((format_html("<mark>{}</mark>", text) if lit else text,) for text, lit in value)
    )


# 공개, 부분공개, 비공개 in the page's language; an unknown grade ("") stays empty.
register.filter("grade_label", term_label)


@register.filter
def facet_value(value: str, facet: str) -> str:
    """A facet's value as shown: grades translated, everything else (data) as it is."""
    return term_label(value) if facet == "grade" else value

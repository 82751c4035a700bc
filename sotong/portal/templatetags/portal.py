"""Template helpers: highlighted segments, escaped text with ``<mark>`` around matches."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def segments(value: Sequence[tuple[str, bool]] | str) -> SafeString:
    """Every text segment is escaped; only our own ``<mark>`` is markup."""
    if isinstance(value, str):
        return format_html("{}", value)
    return format_html_join(
        "", "{}", ((format_html("<mark>{}</mark>", text) if lit else text,) for text, lit in value)
    )

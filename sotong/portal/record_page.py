"""What a record page adds around the record: permalink, citation line, licence, and its markup for
machines (Open Graph, schema.org ``DigitalDocument`` as JSON-LD) — from published fields only."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from sotong.portal.feeds import record_summary
from sotong.publication.models import PublishedRecord

SITE_NAME = "정보소통광장"
# Licence marks as the source lists write them, and where each is explained.
LICENCE_URLS = {
    "CC BY": "https://creativecommons.org/licenses/by/4.0/deed.ko",
    "CC BY-ND": "https://creativecommons.org/licenses/by-nd/4.0/deed.ko",
    "CC BY-NC": "https://creativecommons.org/licenses/by-nc/4.0/deed.ko",
    "CC BY-NC-ND": "https://creativecommons.org/licenses/by-nc-nd/4.0/deed.ko",
    "CC BY-SA": "https://creativecommons.org/licenses/by-sa/4.0/deed.ko",
    "CC BY-NC-SA": "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.ko",
}
KOGL_URL = "https://www.kogl.or.kr/info/license.do"
DEFAULT_LICENCE = gettext_noop("공공누리 제1유형(출처표시)")
# As Django's json_script escapes: no "</script>" or "<!--" inside the element can end it early.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class RecordExtras:
    permalink: str
    citation: str
    licence: str
    licence_url: str
    description: str
    json_ld: SafeString


def licence_of(record: PublishedRecord) -> tuple[str, str]:
    """(mark, explanation URL): the source's licence, or KOGL type 1 where it gives none."""
    mark = record.licence.strip() or gettext(DEFAULT_LICENCE)
    return mark, LICENCE_URLS.get(mark.upper(), KOGL_URL)


def citation_line(record: PublishedRecord, permalink: str) -> str:
    """서울특별시 정보공개정책과, 「제목」, 정보공개정책과-1234, 2021-02-08. URL (검색일 2026-12-05)."""
    who = " ".join(part for part in (record.organization, record.department) if part)
    parts = [who, f"「{record.title}」"]
    if record.registration_number:
        parts.append(record.registration_number)
    if record.produced_on:
        parts.append(record.produced_on.isoformat())
    retrieved = gettext("(검색일 %(day)s)") % {"day": timezone.localdate().isoformat()}
    return f"{', '.join(parts)}. {permalink} {retrieved}"


def _json_ld(record: PublishedRecord, permalink: str, licence_url: str, description: str) -> SafeString:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "DigitalDocument",
        "name": record.title,
        "url": permalink,
        "description": description,
        "inLanguage": "ko",
        "publisher": {"@type": "GovernmentOrganization", "name": record.organization},
        "license": licence_url,
        "datePublished": record.published_at.date().isoformat(),
    }
    if record.registration_number:
        data["identifier"] = record.registration_number
    if record.produced_on:
        data["dateCreated"] = record.produced_on.isoformat()
    if record.info_type:
        data["genre"] = record.info_type
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308


def record_extras(request: HttpRequest, record: PublishedRecord) -> RecordExtras:
    permalink = request.build_absolute_uri(reverse("portal:record", args=[record.public_id]))
    licence, licence_url = licence_of(record)
    description = record_summary(record)
    return RecordExtras(
        permalink=permalink,
        citation=citation_line(record, permalink),
        licence=licence,
        licence_url=licence_url,
        description=description,
        json_ld=_json_ld(record, permalink, licence_url, description),
    )

"""``GET /api/v1/search``, ``GET /api/v1/records/{id}`` and ``GET /api/v1/changes``: the portal's
data, as JSON. The changes feed is what other Sotong instances harvest (docs/federation.md)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.responses import Status

from sotong.api import changes as feed
from sotong.api.schemas import ChangesOut, ErrorOut, RecordOut, SearchOut
from sotong.core.disclosure import ground_labels
from sotong.publication.models import PublishedRecord
from sotong.publication.selectors import publication_changes, publication_get
from sotong.search.documents import FACET_FIELDS
from sotong.search.errors import SearchError
from sotong.search.selectors import search_records

router = Router(tags=["public"])
NOT_FOUND = {
    "code": "not_found",
    "field": "id",
    "message_ko": "문서를 찾을 수 없습니다. 검색 결과의 id를 쓰십시오.",
    "message_en": "No such document. Use an id from the search results.",
}


class SearchParams(Schema):
    q: str = ""
    page: int = 1
    per_page: int = 20
    organization: str = ""
    department: str = ""
    info_type: str = ""
    year: str = ""
    grade: str = ""
    field: str = ""  # 분야: 교통, 안전, 환경 …
    sort: str = "relevance"  # or "date": newest first


@router.get("/search", response={200: SearchOut, 400: ErrorOut}, summary="문서 검색 / search documents")
def search(request: HttpRequest, params: Query[SearchParams]) -> Status[dict[str, Any]]:
    filters = params.dict(include=set(FACET_FIELDS))
    try:
        results = search_records(
            text=params.q, page=params.page, per_page=params.per_page, filters=filters, sort=params.sort
        )
    except SearchError as error:
        return Status(400, error.as_dict())
    hits = [
        {
            "id": hit.id, "title": hit.title, "registration_number": hit.registration_number,
            "organization": hit.organization, "department": hit.department, "info_type": hit.info_type,
            "grade": hit.grade, "field": hit.field, "date": hit.date, "snippet": "".join(text for text, _ in hit.snippet),
            "url": request.build_absolute_uri(hit.url),
        }
        for hit in results.hits
    ]  # fmt: skip
    return Status(
        200, {"total": results.total, "page": params.page, "results": hits, "facets": results.facets}
    )


def _record_files(request: HttpRequest, record: PublishedRecord) -> list[dict[str, Any]]:
    if record.origin:  # harvested: the files stay on the instance that published them
        return [dict(f) for f in record.origin_files]
    return [
        {"name": f.name, "role": f.role, "size": f.size, "sha256": f.sha256,
         "url": request.build_absolute_uri(reverse("portal:download", args=[record.public_id, f.order]))}
        for f in record.files.all()
    ]  # fmt: skip


def _record_body(request: HttpRequest, record: PublishedRecord) -> dict[str, Any]:
    files = _record_files(request, record)
    return {
        "id": record.public_id, "title": record.title, "registration_number": record.registration_number,
        "organization": record.organization, "department": record.department,
        "department_path": record.department_path, "info_type": record.info_type,
        "grade": record.grade, "listing": record.listing, "grounds": ground_labels(record.grounds),
        "reason": record.reason, "opens_on": record.opens_on.isoformat() if record.opens_on else None,
        "no_opening_reason": record.no_opening_reason,
        "date": record.produced_on.isoformat() if record.produced_on else None,
        "retention_period": record.retention_period, "task_card": record.task_card,
        "field": record.field, "category": record.category, "region": record.region,
        "original_url": record.original_url, "licence": record.licence,
        "approval_line": record.approval_line, "files": files, "text": record.body_text,
        "url": request.build_absolute_uri(reverse("portal:record", args=[record.public_id])),
        "origin": record.origin, "origin_url": record.origin_url,
    }  # fmt: skip


@router.get("/records/{record_id}", response={200: RecordOut, 404: ErrorOut}, summary="문서 / one document")
def record(request: HttpRequest, record_id: str) -> Status[dict[str, Any]]:
    published = publication_get(public_id=record_id)
    if published is None:
        return Status(404, NOT_FOUND)
    return Status(200, _record_body(request, published))


class ChangesParams(Schema):
    since: str = ""  # the ``next`` of the previous answer; empty: from the beginning
    limit: int = feed.DEFAULT_LIMIT


@router.get(
    "/changes", response={200: ChangesOut, 400: ErrorOut},
    summary="변경분 / records published or changed since a cursor (for harvesting)",
)  # fmt: skip
def changes(request: HttpRequest, params: Query[ChangesParams]) -> Status[dict[str, Any]]:
    """This portal's own publications, every listing kind, as the record API shows them, in the
    order they last changed. Records it harvested from other instances are not repeated here."""
    try:
        after = feed.cursor_decode(params.since)
        limit = feed.limit_check(params.limit)
    except feed.ChangesError as error:
        return Status(400, error.as_dict())
    records = publication_changes(after=after, limit=limit, settle=feed.SETTLE)
    page = records[:limit]
    last = page[-1] if page else None
    cursor = feed.cursor_encode(updated_at=last.updated_at, record_id=last.pk) if last else params.since
    items = [_record_body(request, record) for record in page]
    return Status(200, {"items": items, "next": cursor, "more": len(records) > limit})

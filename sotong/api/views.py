"""``GET /api/v1/search`` and ``GET /api/v1/records/{id}``: the portal's data, as JSON."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.responses import Status

from sotong.api.schemas import ErrorOut, RecordOut, SearchOut
from sotong.core.disclosure import ground_labels
from sotong.publication.models import PublishedRecord
from sotong.publication.selectors import publication_get
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


@router.get("/search", response={200: SearchOut, 400: ErrorOut}, summary="문서 검색 / search documents")
def search(request: HttpRequest, params: Query[SearchParams]) -> Status[dict[str, Any]]:
    filters = params.dict(include={"organization", "department", "info_type", "year", "grade"})
    try:
        results = search_records(text=params.q, page=params.page, per_page=params.per_page, filters=filters)
    except SearchError as error:
        return Status(400, error.as_dict())
    hits = [
        {
            "id": hit.id, "title": hit.title, "registration_number": hit.registration_number,
            "organization": hit.organization, "department": hit.department, "info_type": hit.info_type,
            "grade": hit.grade, "date": hit.date, "snippet": "".join(text for text, _ in hit.snippet),
            "url": request.build_absolute_uri(hit.url),
        }
        for hit in results.hits
    ]  # fmt: skip
    return Status(
        200, {"total": results.total, "page": params.page, "results": hits, "facets": results.facets}
    )


def _record_body(request: HttpRequest, record: PublishedRecord) -> dict[str, Any]:
    files = [
        {"name": f.name, "role": f.role, "size": f.size, "sha256": f.sha256,
         "url": request.build_absolute_uri(reverse("portal:download", args=[record.public_id, f.order]))}
        for f in record.files.all()
    ]  # fmt: skip
    return {
        "id": record.public_id, "title": record.title, "registration_number": record.registration_number,
        "organization": record.organization, "department": record.department,
        "department_path": record.department_path, "info_type": record.info_type,
        "grade": record.grade, "listing": record.listing, "grounds": ground_labels(record.grounds),
        "reason": record.reason, "opens_on": record.opens_on.isoformat() if record.opens_on else None,
        "no_opening_reason": record.no_opening_reason,
        "date": record.produced_on.isoformat() if record.produced_on else None,
        "retention_period": record.retention_period, "task_card": record.task_card,
        "original_url": record.original_url, "licence": record.licence,
        "approval_line": record.approval_line, "files": files, "text": record.body_text,
        "url": request.build_absolute_uri(reverse("portal:record", args=[record.public_id])),
    }  # fmt: skip


@router.get("/records/{record_id}", response={200: RecordOut, 404: ErrorOut}, summary="문서 / one document")
def record(request: HttpRequest, record_id: str) -> Status[dict[str, Any]]:
    published = publication_get(public_id=record_id)
    if published is None:
        return Status(404, NOT_FOUND)
    return Status(200, _record_body(request, published))

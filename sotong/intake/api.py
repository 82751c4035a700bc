"""The push API: ``POST /api/v1/intake/records`` (multipart: ``metadata`` JSON + ``files``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from ninja.security import HttpBearer

from sotong.intake.errors import TOKEN_INVALID, IntakeError, ManifestErrors
from sotong.intake.manifest import manifest_parse
from sotong.intake.models import IntegratorToken
from sotong.intake.services.documents import Upload, document_intake
from sotong.intake.services.tokens import token_authenticate


class IntegratorAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> IntegratorToken | None:
        return token_authenticate(secret=token)


class IntakeOut(Schema):
    id: str
    state: str
    outcome: str


class ErrorOut(Schema):
    code: str
    field: str | None
    message_ko: str
    message_en: str


class ErrorsOut(Schema):
    errors: list[ErrorOut]


router = Router(tags=["intake"])


@router.post(
    "/records",
    auth=IntegratorAuth(),
    response={201: IntakeOut, 200: IntakeOut, 400: ErrorsOut, 422: ErrorsOut},
    summary="문서 등록 / Push a document",
)
def push_record(
    request: HttpRequest,
    metadata: Form[str],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Status[dict[str, Any]]:
    """Send one approved document: ``metadata`` is the manifest (docs/intake.md), ``files`` its files.

    201 when the record is new; 200 when it was already known (same ``source_id``): ``outcome``
    says whether it was updated or unchanged.
    """
    token: IntegratorToken = request.auth  # type: ignore[attr-defined]
    try:
        manifest = manifest_parse(metadata)
        uploads = [Upload(name=f.name or "", stream=f) for f in files or []]
        with transaction.atomic(durable=True):
            result = document_intake(
                manifest=manifest, uploads=uploads, source=f"push:{token.name}",
                actor=f"token:{token.name}", allowed_organization=token.organization,
            )  # fmt: skip
    except ManifestErrors as exc:
        status = 400 if exc.errors[0].code == "manifest_not_json" else 422
        return Status(status, {"errors": exc.as_list()})
    result.record.refresh_from_db(fields=["state"])
    body = {"id": result.record.public_id, "state": result.record.state, "outcome": result.outcome}
    return Status(201 if result.outcome == "created" else 200, body)


def unauthorized_body() -> dict[str, Any]:
    return {"errors": [IntakeError(TOKEN_INVALID).as_dict()]}

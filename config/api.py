"""The one NinjaAPI: every app mounts its router here (DESIGN §6)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from sotong.api.views import router as public_router
from sotong.intake.api import router as intake_router
from sotong.intake.api import unauthorized_body

api = NinjaAPI(
    title="Sotong API",
    version="1",
    description="소통 — 공개 문서 API와 연계 등록 API / public read API and integrator push API",
    urls_namespace="api",
)
api.add_router("/intake", intake_router)
api.add_router("/", public_router)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, unauthorized_body(), status=401)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {
            "code": "request_invalid",
            "field": ".".join(str(p) for p in e.get("loc", ())),
            "message_ko": "요청 형식이 올바르지 않습니다. multipart로 metadata(JSON)와 files를 보내 주십시오.",
            "message_en": "The request is malformed. Send multipart with metadata (JSON) and files.",
        }
        for e in exc.errors
    ]
    return api.create_response(request, {"errors": errors}, status=422)

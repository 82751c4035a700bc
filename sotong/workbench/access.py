"""Every workbench response: private to the person who asked (never cached, never indexed), and
login required. Not-found and forbidden are rendered here too, so they carry the same headers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext

from sotong.accounts.permissions import is_officer, may_use_workbench
from sotong.workbench.errors import NOT_OFFICIAL, OFFICERS_ONLY

View = Callable[..., HttpResponseBase]
LOGIN_URL = "workbench:login"
CACHE_CONTROL = "private, no-store"
ROBOTS = "noindex, nofollow"


def private(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = render(
                request, "workbench/error.html", {"heading": gettext("찾을 수 없습니다")}, status=404
            )
        except PermissionDenied as denied:
            message = str(denied) or f"{NOT_OFFICIAL.ko} / {NOT_OFFICIAL.en}"
            response = render(
                request,
                "workbench/error.html",
                {"heading": gettext("권한이 없습니다"), "message": message},
                status=403,
            )
        response["Cache-Control"] = CACHE_CONTROL
        response["X-Robots-Tag"] = ROBOTS
        return response

    return wrapped


def _require(predicate: Callable[[Any], bool], message: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not predicate(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def official_page(view: View) -> View:
    """For officials and officers."""
    required = _require(may_use_workbench, f"{NOT_OFFICIAL.ko} / {NOT_OFFICIAL.en}")
    return private(login_required(required(view), login_url=LOGIN_URL))


def officer_page(view: View) -> View:
    """For disclosure officers only (403 for other officials)."""
    required = _require(is_officer, f"{OFFICERS_ONLY.ko} / {OFFICERS_ONLY.en}")
    return private(login_required(required(view), login_url=LOGIN_URL))

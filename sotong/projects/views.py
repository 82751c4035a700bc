"""Public pages of projects. Thin: parse, call the selectors, render. Only published projects exist
here: an unpublished one gets the same 404 as an unknown one."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import TextChoices
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext

from sotong.core.errors import Message
from sotong.projects.choices import Kind, Status
from sotong.projects.errors import BAD_KIND, BAD_STATUS, PROJECT_NOT_FOUND, ProjectRequestError
from sotong.projects.selectors import project_get_public, project_list, project_timeline

MAX_TIMELINE_PAGE = 1000

ECHO_LIMIT = 20  # how much of a bad value the error message repeats


def _choice(params: QueryDict, name: str, choices: type[TextChoices], message: Message) -> str:
    value = params.get(name, "").strip()
    if value and value not in choices.values:
        raise ProjectRequestError(message, field=name, value=value[:ECHO_LIMIT])
    return value


def _links(choices: type[TextChoices], name: str, chosen: dict[str, str]) -> list[tuple[str, str, bool]]:
    """(label, url, current) for "all" and each value of one filter, keeping the other filter."""
    links = []
    for label, value in [(gettext("전체"), ""), *((str(label), value) for value, label in choices.choices)]:
        query = {key: chosen_value for key, chosen_value in {**chosen, name: value}.items() if chosen_value}
        links.append((label, "?" + urlencode(query), chosen[name] == value))
    return links


def project_index(request: HttpRequest) -> HttpResponse:
    """Published projects by kind, each with its status in words; filter by kind and status."""
    try:
        chosen = {
            "kind": _choice(request.GET, "kind", Kind, BAD_KIND),
            "status": _choice(request.GET, "status", Status, BAD_STATUS),
        }
    except ProjectRequestError as error:
        failed = {"error": f"{error.message_ko} / {error.message_en}"}
        return render(request, "projects/list.html", failed, status=400)
    context = {
        "groups": project_list(kind=chosen["kind"], status=chosen["status"]), "chosen": chosen,
        "kind_links": _links(Kind, "kind", chosen), "status_links": _links(Status, "status", chosen),
    }  # fmt: skip
    return render(request, "projects/list.html", context)


def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = project_get_public(slug=slug)
    if project is None:
        context: dict[str, object] = {"message_ko": PROJECT_NOT_FOUND.ko, "message_en": PROJECT_NOT_FOUND.en}
        return render(request, "projects/not_found.html", context, status=404)
    page_text = request.GET.get("page", "1")
    if not page_text.isdigit() or not 1 <= int(page_text) <= MAX_TIMELINE_PAGE:
        failed = {"error": "쪽 번호가 올바르지 않습니다. / The page number is not valid."}
        return render(request, "projects/bad_page.html", {**failed, "project": project}, status=400)
    context = {"project": project, "timeline": project_timeline(project=project, page=int(page_text))}
    return render(request, "projects/project.html", context)

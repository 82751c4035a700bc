"""The officers' side of projects, in the workbench: create projects, edit them, attach task cards and
records, publish or withdraw them. Officers only (``accounts.review_all``): the workbench's access
rules, headers and login apply (``sotong.workbench.access``). Every change is a POST with its CSRF
token, one durable transaction and an audit event (``services``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from sotong.core.errors import BilingualError
from sotong.projects import services
from sotong.projects.errors import PROJECT_NOT_FOUND
from sotong.projects.forms import ProjectCreateForm, ProjectForm, RecordForm, TaskCardForm
from sotong.projects.models import Project
from sotong.projects.selectors import project_get, projects_for_officers, published_titles, task_card_counts
from sotong.workbench.access import officer_page

NOT_FOUND = f"{PROJECT_NOT_FOUND.ko} / {PROJECT_NOT_FOUND.en}"


def _actor(request: HttpRequest) -> str:
    return f"user:{request.user.get_username()}"


def _project(slug: str) -> Project:
    project = project_get(slug=slug)
    if project is None:
        raise Http404(NOT_FOUND)
    return project


def _list_page(request: HttpRequest, form: ProjectCreateForm, *, status: int = 200) -> HttpResponse:
    context = {"projects": projects_for_officers(), "form": form, "nav": "projects"}
    return render(request, "projects/workbench_list.html", context, status=status)


@officer_page
def project_list(request: HttpRequest) -> HttpResponse:
    """Every project, and the form that creates one (POST here)."""
    if request.method != "POST":
        return _list_page(request, ProjectCreateForm())
    form = ProjectCreateForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    try:
        with transaction.atomic(durable=True):
            project = services.project_create(
                slug=form.cleaned_data["slug"], fields=form.project_fields(), actor=_actor(request)
            )
    except BilingualError as error:
        form.add_error("slug", str(error))
        return _list_page(request, form, status=400)
    messages.success(
        request,
        gettext("사업 '%(name)s'을(를) 만들었습니다. 아직 공개되지 않았습니다.") % {"name": project.name},
    )
    return redirect("workbench:project", slug=project.slug)


def _edit_page(request: HttpRequest, project: Project, *, status: int = 200, **forms: Any) -> HttpResponse:
    cards = list(project.task_cards.all())
    chosen = list(project.chosen_records.all())
    counts = task_card_counts(names=[card.name for card in cards])
    published = published_titles(public_ids=[row.public_id for row in chosen])
    context = {
        "project": project, "nav": "projects",
        "cards": [(card, counts[card.name]) for card in cards],
        "chosen": [(row, published.get(row.public_id)) for row in chosen],
        "form": forms.get("form") or ProjectForm(initial=_initial(project)),
        "card_form": forms.get("card_form") or TaskCardForm(),
        "record_form": forms.get("record_form") or RecordForm(),
    }  # fmt: skip
    return render(request, "projects/workbench_project.html", context, status=status)


def _initial(project: Project) -> dict[str, Any]:
    return {name: getattr(project, name) for name in services.ProjectFields.names()}


@officer_page
def project_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """The project's page for officers; a POST here saves its fields."""
    project = _project(slug)
    if request.method != "POST":
        return _edit_page(request, project)
    form = ProjectForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, project, status=400, form=form)
    with transaction.atomic(durable=True):
        changed = services.project_update(
            project=project, fields=form.project_fields(), actor=_actor(request)
        )
    if changed:
        labels = ", ".join(str(form.fields[name].label) for name in changed)
        messages.success(request, gettext("저장했습니다: %(labels)s.") % {"labels": labels})
    else:
        messages.info(request, gettext("바뀐 내용이 없습니다."))
    return redirect("workbench:project", slug=project.slug)


@officer_page
@require_POST
def task_card_add(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(slug)
    form = TaskCardForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, project, status=400, card_form=form)
    name = form.cleaned_data["task_card"]
    try:
        with transaction.atomic(durable=True):
            services.project_task_card_add(project=project, name=name, actor=_actor(request))
    except BilingualError as error:
        form.add_error("task_card", str(error))
        return _edit_page(request, project, status=400, card_form=form)
    count = task_card_counts(names=[name])[name]
    message = gettext("단위과제 '%(name)s'을(를) 더했습니다. 지금 공개 목록에서 일치하는 문서: %(count)s건.")
    messages.success(request, message % {"name": name, "count": count})
    return redirect("workbench:project", slug=project.slug)


@officer_page
@require_POST
def task_card_remove(request: HttpRequest, slug: str, card_id: int) -> HttpResponse:
    project = _project(slug)
    card = project.task_cards.filter(pk=card_id).first()
    if card is None:
        raise Http404(NOT_FOUND)
    with transaction.atomic(durable=True):
        services.project_task_card_remove(project=project, card=card, actor=_actor(request))
    messages.success(request, gettext("단위과제 '%(name)s'을(를) 뺐습니다.") % {"name": card.name})
    return redirect("workbench:project", slug=project.slug)


@officer_page
@require_POST
def record_add(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(slug)
    form = RecordForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, project, status=400, record_form=form)
    public_id = form.cleaned_data["public_id"]
    try:
        with transaction.atomic(durable=True):
            services.project_record_add(project=project, public_id=public_id, actor=_actor(request))
    except BilingualError as error:
        form.add_error("public_id", str(error))
        return _edit_page(request, project, status=400, record_form=form)
    messages.success(request, gettext("문서 %(id)s을(를) 더했습니다.") % {"id": public_id})
    return redirect("workbench:project", slug=project.slug)


@officer_page
@require_POST
def record_remove(request: HttpRequest, slug: str, chosen_id: int) -> HttpResponse:
    project = _project(slug)
    chosen = project.chosen_records.filter(pk=chosen_id).first()
    if chosen is None:
        raise Http404(NOT_FOUND)
    with transaction.atomic(durable=True):
        services.project_record_remove(project=project, chosen=chosen, actor=_actor(request))
    messages.success(request, gettext("문서 %(id)s을(를) 뺐습니다.") % {"id": chosen.public_id})
    return redirect("workbench:project", slug=project.slug)


@officer_page
@require_POST
def publish_set(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(slug)
    published = request.POST.get("published") == "1"
    with transaction.atomic(durable=True):
        changed = services.project_publish_set(project=project, published=published, actor=_actor(request))
    if not changed:
        messages.info(request, gettext("이미 그 상태입니다."))
    elif published:
        messages.success(
            request, gettext("사업을 공개했습니다: %(url)s") % {"url": project.get_absolute_url()}
        )
    else:
        messages.success(request, gettext("사업을 비공개로 돌렸습니다. 공개 화면에서 사라졌습니다."))
    return redirect("workbench:project", slug=project.slug)

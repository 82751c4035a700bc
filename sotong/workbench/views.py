"""The workbench pages: parse, call one selector or service, render (STYLE 3).

Actions are POST forms that redirect back to the record page (POST-redirect-GET) with a message; an
invalid decision is shown again on the record page with its field errors, and nothing changes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import LoginView, LogoutView
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from sotong.accounts.permissions import is_officer
from sotong.core.disclosure import ground_labels
from sotong.core.errors import BilingualError
from sotong.pipeline.dead_letters import dead_letter_retry as dead_letter_send_again
from sotong.pipeline.dead_letters import dead_letters_open
from sotong.pipeline.queue import PROCESS_TASK, REDECIDE_TASK
from sotong.records.choices import ReviewState
from sotong.records.models import Record
from sotong.workbench import services
from sotong.workbench.access import officer_page, official_page, private
from sotong.workbench.forms import ApproveForm, DecisionForm, MaskAddForm, WithheldFilterForm
from sotong.workbench.review import record_review
from sotong.workbench.selectors import (
    record_for_review,
    review_queue,
    withheld_organizations,
    withheld_records,
)

PAGE_SIZE = 50
NOT_FOUND = "기록물을 찾을 수 없습니다 / record not found"

login = private(
    LoginView.as_view(
        template_name="workbench/login.html", redirect_authenticated_user=True, next_page="workbench:queue"
    )
)
logout = private(LogoutView.as_view(next_page="workbench:login"))


def _actor(request: HttpRequest) -> str:
    return f"user:{request.user.get_username()}"


def _record(request: HttpRequest, public_id: str) -> Record:
    record = record_for_review(user=request.user, public_id=public_id)
    if record is None:
        raise Http404(NOT_FOUND)
    return record


@official_page
def queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(review_queue(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workbench/queue.html", {"page": page, "nav": "queue"})


def _record_page(request: HttpRequest, record: Record, *, status: int = 200, **forms: Any) -> HttpResponse:
    review = record_review(record)
    files = list(record.files.all())
    context = {
        "record": record,
        "review": review,
        "grounds": [gettext(label) for label in ground_labels(record.decided_grounds)],
        "source_grounds": [gettext(label) for label in ground_labels(record.grounds)],
        "mask_form": forms.get("mask_form") or MaskAddForm(files_=files),
        "decision_form": forms.get("decision_form") or DecisionForm(initial=_decision_initial(record)),
        "approve_form": forms.get("approve_form") or ApproveForm(files_=files, defaults=review.file_defaults),
        "is_officer": is_officer(request.user),
    }
    return render(request, "workbench/record.html", context, status=status)


def _decision_initial(record: Record) -> dict[str, Any]:
    decision = services.record_decision(record)
    return {
        "grade": decision.grade, "grounds": list(decision.grounds), "reason": decision.reason,
        "opens_on": decision.opens_on, "no_opening_reason": decision.no_opening_reason, "listing": decision.listing,
    }  # fmt: skip


@official_page
def record_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    return _record_page(request, _record(request, public_id))


def _done(request: HttpRequest, record: Record, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("workbench:record", public_id=record.public_id)


def _failed(request: HttpRequest, record: Record, error: BilingualError) -> HttpResponse:
    messages.error(request, str(error))
    return redirect("workbench:record", public_id=record.public_id)


@official_page
@require_POST
def mask_add(request: HttpRequest, public_id: str) -> HttpResponse:
    record = _record(request, public_id)
    form = MaskAddForm(request.POST, files_=list(record.files.all()))
    if not form.is_valid():
        return _record_page(request, record, status=400, mask_form=form)
    try:
        with transaction.atomic(durable=True):
            masks = services.mask_add(
                record=record, file=form.target_file(), quote=form.cleaned_data["quote"],
                occurrence=form.cleaned_data["occurrence"], actor=_actor(request),
            )  # fmt: skip
    except BilingualError as error:
        return _failed(request, record, error)
    done = ngettext(
        "%(n)s곳을 가렸습니다. 공개하려면 '검토 완료·공개 승인'을 누르십시오.",
        "%(n)s곳을 가렸습니다. 공개하려면 '검토 완료·공개 승인'을 누르십시오.",
        len(masks),
    )
    return _done(request, record, done % {"n": len(masks)})


def _mask_action(request: HttpRequest, public_id: str, mask_id: int, *, restore: bool) -> HttpResponse:
    record = _record(request, public_id)
    mask = next((m for m in record.masks.all() if m.pk == mask_id), None)
    if mask is None:
        raise Http404(NOT_FOUND)
    action = services.mask_restore if restore else services.mask_clear
    with transaction.atomic(durable=True):
        action(record=record, mask=mask, actor=_actor(request))
    if restore:
        done = gettext("다시 가렸습니다. 공개하려면 '검토 완료·공개 승인'을 누르십시오.")
    else:
        done = gettext("가림을 해제했습니다. 공개하려면 '검토 완료·공개 승인'을 누르십시오.")
    return _done(request, record, done)


@official_page
@require_POST
def mask_clear(request: HttpRequest, public_id: str, mask_id: int) -> HttpResponse:
    return _mask_action(request, public_id, mask_id, restore=False)


@official_page
@require_POST
def mask_restore(request: HttpRequest, public_id: str, mask_id: int) -> HttpResponse:
    return _mask_action(request, public_id, mask_id, restore=True)


@official_page
@require_POST
def decision_change(request: HttpRequest, public_id: str) -> HttpResponse:
    record = _record(request, public_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _record_page(request, record, status=400, decision_form=form)
    try:
        with transaction.atomic(durable=True):
            services.decision_change(record=record, decision=form.decision(), actor=_actor(request))
    except BilingualError as error:
        return _failed(request, record, error)
    return _done(
        request, record, gettext("공개 결정을 바꾸었습니다. 공개하려면 '검토 완료·공개 승인'을 누르십시오.")
    )


@official_page
@require_POST
def record_approve(request: HttpRequest, public_id: str) -> HttpResponse:
    record = _record(request, public_id)
    form = ApproveForm(request.POST, files_=list(record.files.all()))
    if not form.is_valid():
        return _record_page(request, record, status=400, approve_form=form)
    try:
        with transaction.atomic(durable=True):
            services.record_approve(record=record, file_grades=form.file_grades(), actor=_actor(request))
    except BilingualError as error:
        return _failed(request, record, error)
    record.refresh_from_db(fields=["review_state", "review_reasons"])
    if record.review_state == ReviewState.PENDING:  # a file's public PDF could not be made safely
        messages.warning(
            request,
            "승인했지만 공개용 PDF를 안전하게 만들지 못한 파일이 있어 공개하지 않았습니다. 파일별 사유를 확인하고 "
            "그 파일을 비공개로 정하거나 가림을 고친 뒤 다시 승인하십시오. / Approved, but a file's public PDF "
            "could not be made safely, so nothing was published: see each file's reason.",
        )
        return redirect("workbench:record", public_id=record.public_id)
    return _done(request, record, gettext("검토를 마치고 공개했습니다. 공개 페이지에 반영되었습니다."))


@officer_page
def withheld(request: HttpRequest) -> HttpResponse:
    form = WithheldFilterForm(request.GET or None, organizations=withheld_organizations())
    organization = form.cleaned_data.get("organization") if form.is_valid() else None
    records = withheld_records(organization_id=organization.pk if organization else None)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    pager_query = f"organization={organization.pk}&" if organization else ""
    context = {"page": page, "form": form, "pager_query": pager_query, "nav": "withheld"}
    return render(request, "workbench/withheld.html", context)


DEAD_LETTER_TASKS = {
    PROCESS_TASK: gettext_lazy("처리(추출·결정·공개)"),
    REDECIDE_TASK: gettext_lazy("다시 결정·공개"),
}


@officer_page
def dead_letters(request: HttpRequest) -> HttpResponse:
    page = Paginator(dead_letters_open(), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(letter, DEAD_LETTER_TASKS.get(letter.task, letter.task)) for letter in page.object_list]
    return render(request, "workbench/dead_letters.html", {"page": page, "rows": rows, "nav": "dead-letters"})


@officer_page
@require_POST
def dead_letter_retry(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = dead_letters_open().filter(pk=letter_id).first()
    if letter is None:  # unknown, or sent again already (a second click)
        raise Http404("실패한 작업을 찾을 수 없습니다 / dead letter not found")
    with transaction.atomic(durable=True):
        dead_letter_send_again(dead_letter=letter, actor=_actor(request))
    messages.success(request, gettext("작업을 다시 보냈습니다. 이번에도 실패하면 이 목록에 다시 올라옵니다."))
    return redirect("workbench:dead-letters")

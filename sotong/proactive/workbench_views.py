"""The officers' side of the catalogue, in the workbench: every item, overdue first, with a form per
item to set its publication cycle. Officers only (``accounts.review_all``): the workbench's access
rules, headers and login apply (``sotong.workbench.access``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from sotong.core.errors import BilingualError
from sotong.proactive.choices import Cycle
from sotong.proactive.errors import ITEM_NOT_FOUND
from sotong.proactive.selectors import item_get, items_for_officers, officer_counts
from sotong.proactive.services import item_cycle_set
from sotong.workbench.access import officer_page

PAGE_SIZE = 100


def _list_page(request: HttpRequest, *, status: int = 200, error: str = "") -> HttpResponse:
    page = Paginator(items_for_officers(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page, "counts": officer_counts(), "cycles": Cycle.choices, "error": error,
        "pager_query": "", "nav": "proactive",
    }  # fmt: skip
    return render(request, "proactive/workbench.html", context, status=status)


@officer_page
def item_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request)


@officer_page
@require_POST
def cycle_set(request: HttpRequest, item_id: int) -> HttpResponse:
    item = item_get(item_id=item_id)
    if item is None:
        raise Http404(ITEM_NOT_FOUND)
    try:
        with transaction.atomic(durable=True):
            changed = item_cycle_set(
                item=item, cycle=request.POST.get("cycle", ""), actor=f"user:{request.user.get_username()}"
            )
    except BilingualError as error:
        return _list_page(request, status=400, error=str(error))
    names = {"name": item.name, "department": item.department, "cycle": gettext(item.get_cycle_display())}
    if changed:
        due = item.next_due_on.isoformat() if item.next_due_on else gettext("없음")
        message = gettext(
            "'%(name)s'(%(department)s)의 공표 주기를 %(cycle)s(으)로 정했습니다. 다음 공표 예정일: %(due)s."
        )
        messages.success(request, message % {**names, "due": due})
    else:
        messages.info(
            request, gettext("'%(name)s'(%(department)s)의 공표 주기는 이미 %(cycle)s입니다.") % names
        )
    return redirect(reverse("workbench:proactive") + f"#item-{item.pk}")

"""Who may see which records in the workbench. Every workbench read goes through ``record_scope``.

- A disclosure officer (정보공개 담당자: the permission ``accounts.review_all``, given by the group of
  that name, or a superuser) sees every record: they review every 비공개 decision (직권심의).
- An official sees the records of their own unit and every unit below it; an official with no unit
  set, those of the whole organization.
- Anyone else (a logged-in user with no official profile) sees nothing.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from sotong.accounts.models import REVIEW_ALL, Official
from sotong.organizations.models import Department

AnyUser = User | AnonymousUser

NOTHING = Q(pk__in=[])


def is_officer(user: AnyUser) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_perm(REVIEW_ALL)


def official_of(user: AnyUser) -> Official | None:
    if not user.is_authenticated:
        return None
    try:
        return user.official
    except ObjectDoesNotExist:
        return None


def may_use_workbench(user: AnyUser) -> bool:
    return is_officer(user) or (user.is_active and official_of(user) is not None)


def unit_ids_under(department_id: int) -> list[int]:
    """The unit and every unit below it, a level per query (trees are a few levels deep)."""
    ids, frontier = [department_id], [department_id]
    while frontier:
        below = Department.objects.filter(parent_id__in=frontier).order_by().values_list("pk", flat=True)
        frontier = [
            pk
            for pk in below
            if pk not in ids  # a damaged tree with a cycle must not loop forever
        ]
        ids += frontier
    return ids


def record_scope(user: AnyUser) -> Q:
    """A filter over ``records.Record``: the records this user may see."""
    if is_officer(user):
        return Q()
    official = official_of(user)
    if official is None or not user.is_active:
        return NOTHING
    if official.department_id is None:
        return Q(organization_id=official.organization_id)
    return Q(department_id__in=unit_ids_under(official.department_id))

"""Writes of account administration, audited like every other change."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from sotong.accounts.errors import PASSWORD_REJECTED, USERNAME_TAKEN
from sotong.accounts.models import OFFICER_GROUP, Official
from sotong.audit.services import audit_record
from sotong.core.errors import BilingualError
from sotong.organizations.models import Department, Organization


def officer_group() -> Group:
    """The disclosure officers' group with its permissions: migration 0002 makes it, and this makes it
    again where a database was emptied since (a flushed test database keeps no migration data)."""
    group, created = Group.objects.get_or_create(name=OFFICER_GROUP)
    if created:
        group.permissions.add(
            *Permission.objects.filter(
                Q(content_type__app_label="accounts", codename="review_all")
                | Q(content_type__app_label="rules")
            )
        )
    return group


def official_create(
    *,
    username: str,
    password: str,
    organization: Organization,
    department: Department | None,
    officer: bool,
    actor: str,
) -> Official:
    """A new official's account. An officer also gets the staff flag, to edit the rules in the admin."""
    if not password:
        raise BilingualError(
            PASSWORD_REJECTED, field="password", problems="비밀번호가 비어 있습니다 / empty."
        )
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise BilingualError(USERNAME_TAKEN, field="username", username=username)
        user = User(username=username, is_staff=officer)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise BilingualError(
                PASSWORD_REJECTED, field="password", problems=" ".join(error.messages)
            ) from error
        user.set_password(password)
        user.save()
        official = Official.objects.create(user=user, organization=organization, department=department)
        if officer:
            user.groups.add(officer_group())
        audit_record(
            actor=actor,
            action="official.created",
            target_type="user",
            target_id=username,
            data={
                "organization": organization.name,
                "department": " > ".join(department.path()) if department else "",
                "officer": officer,
            },
        )
    return official

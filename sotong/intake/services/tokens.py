"""Issue, check and revoke integrator tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from sotong.audit.services import audit_record
from sotong.core import clock
from sotong.intake.models import IntegratorToken
from sotong.organizations.models import Organization

TOKEN_PREFIX = "sotong_"  # noqa: S105 — a visible prefix so leaked tokens are easy to grep for


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_create(*, name: str, organization: Organization, actor: str) -> tuple[IntegratorToken, str]:
    """Return the stored token and the secret, which is not kept and cannot be shown again."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = IntegratorToken.objects.create(name=name, organization=organization, digest=_digest(secret))
        audit_record(
            actor=actor,
            action="token.created",
            target_type="integrator_token",
            target_id=name,
            data={"organization": organization.name},
        )
    return token, secret


def token_revoke(*, name: str, actor: str) -> IntegratorToken:
    with transaction.atomic():
        token = IntegratorToken.objects.select_for_update().get(name=name)
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(actor=actor, action="token.revoked", target_type="integrator_token", target_id=name)
    return token


def token_authenticate(*, secret: str) -> IntegratorToken | None:
    token = (
        IntegratorToken.objects.select_related("organization")
        .filter(digest=_digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        IntegratorToken.objects.filter(pk=token.pk).update(last_used_at=clock.now())
    return token

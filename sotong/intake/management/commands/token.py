"""``sotong token create NAME --organization 서울특별시`` / ``sotong token revoke NAME``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from sotong.intake.services.tokens import token_create, token_revoke
from sotong.organizations.models import Organization

ACTOR = "command:token"


class Command(BaseCommand):
    help = "연계 토큰 발급·폐기 / issue or revoke an integrator token for the push API"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="issue a token (shown once)")
        create.add_argument("name", help="who will use it, e.g. seoul-edms")
        create.add_argument("--organization", default="서울특별시")
        revoke = sub.add_parser("revoke", help="revoke a token")
        revoke.add_argument("name")

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic(durable=True):
            if options["action"] == "revoke":
                token_revoke(name=options["name"], actor=ACTOR)
                self.stdout.write(f"폐기했습니다 / revoked: {options['name']}")
                return
            organization = Organization.objects.filter(name=options["organization"]).first()
            if organization is None:
                raise CommandError(
                    f"등록되지 않은 기관입니다: {options['organization']} — 'sotong import-organizations'를 먼저 실행하십시오 / "
                    "unknown organization: run 'sotong import-organizations' first"
                )
            _, secret = token_create(name=options["name"], organization=organization, actor=ACTOR)
        self.stdout.write("토큰은 지금 한 번만 보입니다. 안전하게 보관하십시오 / shown once, keep it safe:")
        self.stdout.write(secret)

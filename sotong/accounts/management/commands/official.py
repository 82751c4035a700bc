"""``sotong official add USERNAME --organization 서울특별시 [--department 주택정책과] [--officer]
[--password-from-env VAR]``: an account for an official or a disclosure officer.

The password comes from an environment variable (scripts) or is typed twice (people); never from
the command line, where it would stay in the shell history and the process list.
"""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from sotong.accounts.errors import PASSWORD_ENV_EMPTY, PASSWORD_MISMATCH
from sotong.accounts.selectors import department_resolve, organization_resolve
from sotong.accounts.services import official_create
from sotong.core.errors import BilingualError

ACTOR = "command:official"


class Command(BaseCommand):
    help = "공무원 계정을 만듭니다 / create accounts for officials and disclosure officers"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="공무원 계정 만들기 / add an official")
        add.add_argument("username")
        add.add_argument("--organization", required=True, help="기관명, e.g. 서울특별시")
        add.add_argument(
            "--department", help="부서명 또는 경로, e.g. 주택정책과 or '주택정책실 > 주택정책과'"
        )
        add.add_argument("--officer", action="store_true", help="정보공개 담당자: 모든 기록물 검토·직권심의")
        add.add_argument("--password-from-env", metavar="VAR", help="비밀번호를 담은 환경 변수 이름")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self._add(options)
        except BilingualError as error:
            raise CommandError(str(error)) from error

    def _add(self, options: dict[str, Any]) -> None:
        organization = organization_resolve(name=options["organization"])
        department = (
            department_resolve(organization=organization, name=options["department"])
            if options["department"]
            else None
        )
        password = self._password(options["password_from_env"])
        with transaction.atomic(durable=True):
            official = official_create(
                username=options["username"],
                password=password,
                organization=organization,
                department=department,
                officer=options["officer"],
                actor=ACTOR,
            )
        role = "정보공개 담당자 / disclosure officer" if options["officer"] else "공무원 / official"
        self.stdout.write(self.style.SUCCESS(f"{official} — {role}"))

    def _password(self, variable: str | None) -> str:
        if variable:
            password = os.environ.get(variable, "")
            if not password:
                raise BilingualError(PASSWORD_ENV_EMPTY, field="password", variable=variable)
            return password
        password = getpass.getpass("비밀번호 / password: ")
        if getpass.getpass("비밀번호 확인 / password again: ") != password:
            raise BilingualError(PASSWORD_MISMATCH, field="password")
        return password

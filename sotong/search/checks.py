"""A system check (run by ``migrate``, so by ``sotong run`` before anything is indexed): the chosen
search backend exists and can run on this database, or start-up stops with the bilingual reason."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.db import DEFAULT_DB_ALIAS, connections

from sotong.search.backends import BACKEND_NAMES
from sotong.search.errors import POSTGRES_NEEDS_POSTGRESQL, UNKNOWN_BACKEND, Message


def search_backend_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    name = str(settings.SOTONG_SEARCH_BACKEND).strip().lower()
    if name not in BACKEND_NAMES:
        return [_error(UNKNOWN_BACKEND, name=name, choices=", ".join(BACKEND_NAMES))]
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if name == "postgres" and vendor != "postgresql":
        return [_error(POSTGRES_NEEDS_POSTGRESQL, vendor=vendor)]
    return []


def _error(message: Message, **fields: object) -> Error:
    ko, en = message.format(**fields)
    return Error(f"{ko} / {en}", id="sotong.search.E001")

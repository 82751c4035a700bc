"""Run the whole test suite on both configurations Sotong supports: ``python -m tests.run_suites [pytest args]``.

1. The embedded default (SQLite) — always.
2. PostgreSQL — when ``SOTONG_TEST_POSTGRES_URL`` names a reachable server
   (e.g. ``postgres://sotong:sotong@127.0.0.1:5432/sotong``; the role needs CREATEDB because
   pytest-django creates and drops a ``test_…`` database).
3. PostgreSQL+Celery, the scaled-out pipeline — when PostgreSQL is there and ``SOTONG_TEST_REDIS_URL``
   names a reachable Redis the tests may empty (e.g. ``redis://127.0.0.1:6379/15``): the tests that
   start real Celery workers (``sotong/pipeline/tests/test_celery_workers.py``, the ones that use the
   ``celery_broker`` fixture). They need PostgreSQL because the workers, separate processes, must
   share the test database: the SQLite suite skips them, saying so, and the PostgreSQL suite leaves
   them to this one.
4. Accessibility — when Debian's Chromium and Playwright are installed (``apt-get install chromium``;
   ``tests/accessibility``, decision 0010): axe-core and a keyboard walk-through in a real browser,
   the tests that use the ``browser`` fixture. They run on SQLite only, the pages being the same on
   both databases, and the other suites leave them to this one.

Every suite runs pytest in its own process with ``DATABASE_URL`` set for it (``config.env`` reads it
once, at import). Extra arguments are passed to every pytest run. Every suite runs even when one
fails: a failure on one database only points at a vendor difference, on both at the code.

Every run loads this module as a pytest plugin (``-p tests.run_suites``), which keeps the tests
``SOTONG_SUITE_SELECT`` names: ``sqlite`` all but the browser tests; ``database`` deselects the tests
that never touch the database (converters, readers, search index, architecture), which already ran in
the SQLite suite and would only repeat (about a sixth of the PostgreSQL run's time when measured), and
the Celery and browser tests, which have suites of their own; ``celery`` keeps only the Celery tests,
``browser`` only the browser tests.

A suite that cannot run is SKIPPED and said so at the end, in Korean and English; with
``SOTONG_REQUIRE_ALL_SUITES=1`` (CI sets it) a skip is a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

import pytest

from tests.accessibility.browser import HOW_TO_INSTALL as HOW_TO_RUN_BROWSER
from tests.accessibility.browser import browser_missing

REPO_ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL_VAR = "SOTONG_TEST_POSTGRES_URL"
REDIS_URL_VAR = "SOTONG_TEST_REDIS_URL"
REQUIRE_ALL_VAR = "SOTONG_REQUIRE_ALL_SUITES"
SELECT_VAR = "SOTONG_SUITE_SELECT"  # read by the plugin in the pytest process: "sqlite", "database", ...
EXAMPLE_URL = "postgres://sotong:sotong@127.0.0.1:5432/sotong"
EXAMPLE_REDIS_URL = "redis://127.0.0.1:6379/15"
HOW_TO_RUN = (
    f"  실행하려면 / to run it: {POSTGRES_URL_VAR}={EXAMPLE_URL} make test\n"
    "  (역할에 CREATEDB 권한 필요 / the role needs CREATEDB; docs/operations.md)"
)
HOW_TO_RUN_CELERY = (
    f"  실행하려면 / to run it: {REDIS_URL_VAR}={EXAMPLE_REDIS_URL} {POSTGRES_URL_VAR}={EXAMPLE_URL} make test\n"
    "  (시험이 비우는(FLUSHDB) Redis 데이터베이스를 주십시오 / give the tests a Redis database they may empty;\n"
    "   apt-get install redis-server; docs/operations.md)"
)
POSTGRES_SUITE, CELERY_SUITE, BROWSER_SUITE = "PostgreSQL", "PostgreSQL+Celery", "Accessibility"

PASSED, FAILED, SKIPPED = "PASSED", "FAILED", "SKIPPED"


@dataclass
class Outcome:
    suite: str
    result: str
    seconds: float = 0.0
    note: str = ""  # why it was skipped or failed before pytest ran, Korean / English
    how: str = HOW_TO_RUN  # printed under a skip


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def redact(url: str) -> str:
    """The URL with its password hidden, fit to print in a log."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


# Fixtures through which a test reaches the database; ``item.fixturenames`` holds every fixture a test
# needs, directly or through other fixtures (``seoul``, ``admin_client``, ... all need ``db``).
DB_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}
)


def uses_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    if DB_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    cls = getattr(item, "cls", None)
    if cls is None:
        return False
    from django.test import TransactionTestCase  # pytest-django has set Django up before collection

    return issubclass(cls, TransactionTestCase)


CELERY_FIXTURE = "celery_broker"  # every test that starts Celery workers uses it


def uses_celery(item: pytest.Item) -> bool:
    return CELERY_FIXTURE in getattr(item, "fixturenames", ())


BROWSER_FIXTURE = "browser"  # every test that drives Chromium uses it (tests/accessibility)


def uses_browser(item: pytest.Item) -> bool:
    return BROWSER_FIXTURE in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Active only where this module is loaded as a plugin (``-p tests.run_suites``): keeps the tests
    of the suite ``SOTONG_SUITE_SELECT`` names (the database tests but the Celery ones, by default)."""
    select = os.environ.get(SELECT_VAR)
    if select == "celery":
        kept = [item for item in items if uses_celery(item)]
    elif select == "browser":
        kept = [item for item in items if uses_browser(item)]
    elif select == "sqlite":
        kept = [item for item in items if not uses_browser(item)]
    else:
        kept = [
            item for item in items if uses_database(item) and not uses_celery(item) and not uses_browser(item)
        ]
    if len(kept) < len(items):
        keep = set(kept)
        dropped = [item for item in items if item not in keep]
        items[:] = kept
        config.hook.pytest_deselected(items=dropped)


def run_pytest(
    suite: str, database_url: str | None, pytest_args: list[str], *, select: str | None = None
) -> Outcome:
    """pytest in its own process; ``select`` ("sqlite", "database", ...) keeps only that suite's tests."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)  # the SQLite suite runs on the embedded default, whatever the shell has
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    if select is not None:
        env[SELECT_VAR] = select
    plugin = ["-p", "tests.run_suites"] if select else []
    command = [sys.executable, "-m", "pytest", *plugin, *pytest_args]
    say(f"\n===== {suite}: {' '.join(command[1:])} =====")
    started = time.monotonic()
    completed = subprocess.run(command, cwd=REPO_ROOT, env=env, check=False)
    seconds = time.monotonic() - started
    if completed.returncode == 0:
        return Outcome(suite, PASSED, seconds)
    if completed.returncode == pytest.ExitCode.NO_TESTS_COLLECTED and select:
        note = "이 스위트에 해당하는 선택된 테스트가 없음 / none of the selected tests belongs to this suite"
        return Outcome(suite, PASSED, seconds, note)
    return Outcome(suite, FAILED, seconds, f"pytest 종료 코드 / exit code {completed.returncode}")


def postgres_unreachable(url: str) -> str | None:
    """Why the server in ``url`` cannot be reached (Korean / English), or None when it answers on its port.

    Only "nothing listens there" counts as unreachable (a skip); a server that answers but refuses
    the login or lacks CREATEDB is a misconfiguration, reported by ``postgres_not_usable`` as a failure.
    """
    parts = urlsplit(url)
    host = unquote(parts.hostname or "") or parse_qs(parts.query).get("host", [""])[0]
    try:
        port = parts.port or 5432
    except ValueError:
        return f"포트가 잘못되었습니다 / bad port in {redact(url)}"
    if not host or host.startswith("/"):  # a Unix socket folder
        sock = Path(host or "/var/run/postgresql") / f".s.PGSQL.{port}"
        if not sock.exists():
            return f"소켓이 없습니다 / no socket at {sock}"
        return None
    try:
        with socket.create_connection((host, port), timeout=3):
            return None
    except OSError as exc:
        return f"{host}:{port}에 연결할 수 없습니다 / cannot connect to {host}:{port} ({exc})"


def postgres_not_usable(url: str) -> str | None:
    """Why tests cannot run as the URL's role (Korean / English), or None when it may log in and create databases."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            row = conn.execute(
                "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
            ).fetchone()
    except psycopg.Error as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"로그인할 수 없습니다 / cannot log in to {redact(url)}: {first_line}"
    if not (row and row[0]):
        return (
            f"역할에 CREATEDB 권한이 없습니다 / the role in {redact(url)} lacks CREATEDB "
            "(ALTER ROLE … CREATEDB); pytest-django creates the test_… database"
        )
    return None


def postgres_ready() -> Outcome | str:
    """The URL of a PostgreSQL the suites may use, or the outcome of a suite that cannot."""
    url = os.environ.get(POSTGRES_URL_VAR, "").strip()
    if not url:
        note = f"{POSTGRES_URL_VAR}이(가) 없습니다 / {POSTGRES_URL_VAR} not set; CI runs it"
        return Outcome(POSTGRES_SUITE, SKIPPED, note=note)
    if urlsplit(url).scheme not in {"postgres", "postgresql", "pgsql"}:
        note = f"PostgreSQL URL이 아닙니다 / not a PostgreSQL URL: {redact(url)}"
        return Outcome(POSTGRES_SUITE, FAILED, note=note)
    why = postgres_unreachable(url)
    if why:
        return Outcome(POSTGRES_SUITE, SKIPPED, note=f"서버에 닿지 않습니다 / server not reachable: {why}")
    why = postgres_not_usable(url)
    if why:
        return Outcome(POSTGRES_SUITE, FAILED, note=why)
    return url


def redis_problem(url: str) -> tuple[str, str] | None:
    """(SKIPPED or FAILED, why in Korean / English) when the tests cannot use the Redis at ``url``.

    As for PostgreSQL, only "nothing answers there" is a skip; a Redis that answers but refuses
    (a password, a database number it lacks) is a misconfiguration, a failure."""
    import redis

    if urlsplit(url).scheme not in {"redis", "rediss", "unix"}:
        return FAILED, f"Redis URL이 아닙니다 / not a Redis URL: {redact(url)}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3).ping()
    except (redis.ConnectionError, redis.TimeoutError) as exc:
        return SKIPPED, f"Redis에 닿지 않습니다 / Redis not reachable at {redact(url)}: {exc}"
    except redis.RedisError as exc:
        return FAILED, f"Redis를 쓸 수 없습니다 / cannot use Redis at {redact(url)}: {exc}"
    return None


def run_postgres_suites(pytest_args: list[str]) -> list[Outcome]:
    """The PostgreSQL suite, then the Celery suite on the same server with Redis."""
    ready = postgres_ready()
    if isinstance(ready, Outcome):
        needs = "PostgreSQL 스위트를 돌릴 수 없어 함께 건너뜁니다 / needs the PostgreSQL suite's server, which is not usable"
        return [ready, Outcome(CELERY_SUITE, SKIPPED, note=needs, how=HOW_TO_RUN_CELERY)]
    say(f"PostgreSQL: {redact(ready)}")
    outcomes = [run_pytest(POSTGRES_SUITE, ready, pytest_args, select="database")]
    redis_url = os.environ.get(REDIS_URL_VAR, "").strip()
    if not redis_url:
        note = f"{REDIS_URL_VAR}이(가) 없습니다 / {REDIS_URL_VAR} not set; CI runs it"
        return [*outcomes, Outcome(CELERY_SUITE, SKIPPED, note=note, how=HOW_TO_RUN_CELERY)]
    problem = redis_problem(redis_url)
    if problem:
        result, note = problem
        return [*outcomes, Outcome(CELERY_SUITE, result, note=note, how=HOW_TO_RUN_CELERY)]
    say(f"Redis: {redact(redis_url)}")
    return [*outcomes, run_pytest(CELERY_SUITE, ready, pytest_args, select="celery")]


def run_browser_suite(pytest_args: list[str]) -> Outcome:
    """The accessibility suite on the embedded SQLite, when Chromium and Playwright are there."""
    why = browser_missing()
    if why:
        return Outcome(BROWSER_SUITE, SKIPPED, note=why, how=HOW_TO_RUN_BROWSER)
    return run_pytest(BROWSER_SUITE, None, pytest_args, select="browser")


def summarize(outcomes: list[Outcome], require_all: bool) -> int:
    say("\n===== 요약 / summary =====")
    say(f"{'suite':<18} {'result':<8} {'seconds':>8}")
    for o in outcomes:
        seconds = f"{o.seconds:8.1f}" if o.result != SKIPPED else f"{'-':>8}"
        say(f"{o.suite:<18} {o.result:<8} {seconds}")
    for o in outcomes:
        if o.result == FAILED and o.note:
            say(f"\n실패 / FAILED: {o.suite} 스위트 / suite — {o.note}")
        elif o.result == PASSED and o.note:
            say(f"\n{o.suite}: {o.note}")
    skipped = [o for o in outcomes if o.result == SKIPPED]
    for o in skipped:
        say(f"\n건너뜀 / SKIPPED: {o.suite} 스위트 / suite — {o.note}")
        say(o.how)
    if skipped and require_all:
        say(
            f"\n{REQUIRE_ALL_VAR}=1: 건너뛴 스위트는 실패로 칩니다 / a skipped suite counts as a failure "
            f"({', '.join(o.suite for o in skipped)})"
        )
        return 1
    return 1 if any(o.result == FAILED for o in outcomes) else 0


def main(argv: list[str] | None = None) -> int:
    pytest_args = list(sys.argv[1:] if argv is None else argv)
    require_all = _truthy(os.environ.get(REQUIRE_ALL_VAR))
    outcomes = [
        run_pytest("SQLite", None, pytest_args, select="sqlite"),
        run_browser_suite(pytest_args),
        *run_postgres_suites(pytest_args),
    ]
    return summarize(outcomes, require_all)


if __name__ == "__main__":
    sys.exit(main())

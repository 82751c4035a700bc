"""A backup restored into an empty instance serves the same portal: run as an operator would, with
the ``sotong`` command in fresh data folders (and fresh PostgreSQL databases when one is reachable)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).resolve().parents[3]
SOTONG = [sys.executable, "-c", "from sotong.cli import main; main()"]
POSTGRES_URL = os.environ.get("SOTONG_TEST_POSTGRES_URL", "")


def sotong(data_dir: Path, *args: str, database_url: str | None = None, check: bool = True) -> str:
    env = {**os.environ, "SOTONG_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    done = subprocess.run(
        [*SOTONG, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if check and done.returncode != 0:
        pytest.fail(f"sotong {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout + done.stderr


def _instance_with_documents(data_dir: Path, tmp_path: Path, database_url: str | None = None) -> None:
    sotong(data_dir, "migrate", "-v0", database_url=database_url)
    sotong(data_dir, "import-organizations", str(REPO.parent / "shared/data/seoul-organizations.json"),
           database_url=database_url)  # fmt: skip
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "plan.txt").write_text("하천 정비 계획 본문. 문의 주민 010-4821-7730", encoding="utf-8")
    documents = [
        {"title": "하천 정비 계획", "organization": "서울특별시", "disclosure": "공개", "file": "plan.txt"}
    ]
    (folder / "metadata.json").write_text(json.dumps({"documents": documents}), encoding="utf-8")
    sotong(data_dir, "ingest", str(folder), database_url=database_url)


def _search(data_dir: Path, database_url: str | None = None) -> str:
    code = (
        "import django; django.setup(); from sotong.search.selectors import search_records; "
        "r = search_records(text='하천'); print(r.total, [h.id for h in r.hits])"
    )
    env = {**os.environ, "SOTONG_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def _roundtrip(tmp_path: Path, source_url: str | None, target_url: str | None) -> None:
    source, target, archive = tmp_path / "a", tmp_path / "b", tmp_path / "backup.tar.gz"
    _instance_with_documents(source, tmp_path, source_url)
    before = _search(source, source_url)
    assert before.startswith("1 ")
    assert "기록 1건" in sotong(source, "backup", str(archive), database_url=source_url)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "keys/signing-cert.pem" in names
    assert not any(name.startswith("search") for name in names)  # derived: rebuilt on restore
    out = sotong(target, "restore", str(archive), database_url=target_url)
    assert "해시 체인 정상" in out and "복원했습니다" in out
    assert _search(target, target_url) == before  # same record, same public id
    public = [p for p in (target / "public").rglob("*") if p.is_file()]
    assert public and all(p.read_bytes() == (source / p.relative_to(target)).read_bytes() for p in public)
    # The signing key came along: a copy signed before the backup is still genuine after it.
    pdf = next(p for p in public if p.read_bytes().startswith(b"%PDF"))
    assert "진본 / genuine" in sotong(target, "verify", str(pdf), database_url=target_url)
    again = sotong(target, "restore", str(archive), database_url=target_url, check=False)
    assert "이미 자료가 있습니다" in again  # never over a live instance


@pytest.mark.slow
def test_a_sqlite_instance_is_restored_whole_into_an_empty_folder(tmp_path: Path) -> None:
    _roundtrip(tmp_path, None, None)


def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tar")
    sotong(tmp_path / "empty", "migrate", "-v0")
    out = sotong(tmp_path / "empty", "restore", str(bogus), check=False)
    assert "백업 파일이 아니거나 손상되었습니다" in out and "not a Sotong backup" in out


needs_postgres = pytest.mark.skipif(
    not POSTGRES_URL and not os.environ.get("SOTONG_REQUIRE_ALL_SUITES"),
    reason=(
        "SOTONG_TEST_POSTGRES_URL이 없어 PostgreSQL 백업·복원 시험을 건너뜁니다 / "
        "SOTONG_TEST_POSTGRES_URL is not set: PostgreSQL backup and restore not tested"
    ),
)


@pytest.fixture
def two_databases():
    import psycopg

    parts = urlsplit(POSTGRES_URL)
    names = [f"sotong_backup_{uuid.uuid4().hex[:8]}_{side}" for side in ("a", "b")]
    admin = psycopg.connect(POSTGRES_URL, autocommit=True)
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield [urlunsplit(parts._replace(path=f"/{name}")) for name in names]
    for name in names:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.slow
@needs_postgres
def test_a_postgresql_instance_is_restored_whole_into_an_empty_database(
    tmp_path: Path, two_databases
) -> None:
    _roundtrip(tmp_path, *two_databases)

"""Back up an instance into one archive and restore it into an empty one.

An archive holds the database (SQLite: a consistent copy through SQLite's online backup, so the
portal may keep serving; PostgreSQL: ``pg_dump --format=custom``), the stores that cannot be made
again (originals, rendered public PDFs, the public store) and the signing key, plus a manifest. The
search index is derived data: a restore rebuilds it from the publication layer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sotong.core.errors import BilingualError, Message

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PGDUMP_MEMBER = "database.pgdump"

NOT_EMPTY = Message(
    code="restore_target_not_empty",
    ko="복원할 곳에 이미 자료가 있습니다({path}). 빈 데이터 폴더와 빈 데이터베이스에 복원하십시오.",
    en="The restore target already holds data ({path}). Restore into an empty data folder and an empty database.",
)
NOT_AN_ARCHIVE = Message(
    code="backup_archive_invalid",
    ko="소통 백업 파일이 아니거나 손상되었습니다({reason}). `sotong backup`으로 만든 파일을 지정하십시오.",
    en="This is not a Sotong backup or it is damaged ({reason}). Give a file made by `sotong backup`.",
)
ENGINE_MISMATCH = Message(
    code="backup_engine_mismatch",
    ko="{archive} 데이터베이스의 백업을 {target} 데이터베이스에 복원할 수 없습니다. DATABASE_URL을 백업과 같은 종류로 설정하십시오.",
    en="A backup of a {archive} database cannot be restored into a {target} database. Set DATABASE_URL to the same kind as the backup.",
)
TOOL_MISSING = Message(
    code="backup_tool_missing",
    ko="{tool} 프로그램이 없습니다. PostgreSQL 클라이언트(apt-get install postgresql-client)를 설치하십시오.",
    en="The {tool} program is missing. Install the PostgreSQL client (apt-get install postgresql-client).",
)
TOOL_FAILED = Message(
    code="backup_tool_failed",
    ko="{tool} 실행이 실패했습니다: {detail}",
    en="{tool} failed: {detail}",
)


class BackupError(BilingualError):
    """A backup or restore that cannot go on; nothing half-restored is left to serve."""


@dataclass(frozen=True)
class Layout:
    """Where an instance keeps what a backup holds."""

    data_dir: Path
    folders: dict[str, Path]  # archive name → folder (originals, rendered, public, keys)
    database: dict[str, Any]  # Django's DATABASES["default"]


def _engine(database: dict[str, Any]) -> str:
    return "postgresql" if "postgresql" in database["ENGINE"] else "sqlite"


def _pg_env(database: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--host", str(database.get("HOST") or "127.0.0.1"), "--port", str(database.get("PORT") or 5432)]
    args += ["--username", str(database["USER"]), "--dbname", str(database["NAME"])]
    return args, {"PGPASSWORD": str(database.get("PASSWORD") or "")}


def _run(tool: str, args: list[str], env: dict[str, str]) -> None:
    binary = shutil.which(tool)
    if binary is None:
        raise BackupError(TOOL_MISSING, tool=tool)
    done = subprocess.run(  # noqa: S603 - a fixed program with our own arguments
        [binary, *args], env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(TOOL_FAILED, tool=tool, detail=done.stderr.strip()[-500:])


def backup_write(layout: Layout, archive: Path, *, counts: dict[str, int]) -> dict[str, Any]:
    """Write ``archive`` (a .tar.gz) and return its manifest."""
    engine = _engine(layout.database)
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "engine": engine,
        "counts": counts,
        "folders": sorted(layout.folders),
    }
    with tempfile.TemporaryDirectory(prefix="sotong-backup-") as scratch:
        work = Path(scratch)
        if engine == "sqlite":
            dump = work / SQLITE_MEMBER
            with sqlite3.connect(layout.database["NAME"]) as source, sqlite3.connect(dump) as target:
                source.backup(target)
        else:
            dump = work / PGDUMP_MEMBER
            args, env = _pg_env(layout.database)
            _run("pg_dump", ["--format=custom", "--no-owner", "--file", str(dump), *args], env)
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(dump, arcname=dump.name)
            for name, folder in sorted(layout.folders.items()):
                if folder.is_dir():
                    tar.add(folder, arcname=name, filter=_skip_partial_files)
        partial.replace(archive)
    return manifest


def _skip_partial_files(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
    """A file a store is writing at this moment (``.incoming-…``) is not part of the instance yet;
    a lock file belongs to the running processes."""
    name = Path(info.name).name
    return None if name.startswith(".incoming-") or name.endswith(".lock") else info


def _manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.extractfile(MANIFEST)
        if member is None:
            raise KeyError(MANIFEST)
        manifest: dict[str, Any] = json.loads(member.read())
    except (KeyError, ValueError) as error:
        raise BackupError(NOT_AN_ARCHIVE, reason=f"{MANIFEST}: {error}") from error
    if manifest.get("format") != FORMAT_VERSION or manifest.get("engine") not in ("sqlite", "postgresql"):
        raise BackupError(NOT_AN_ARCHIVE, reason=f"format {manifest.get('format')!r}")
    return manifest


def restore_files(layout: Layout, archive: Path, *, database_empty: bool) -> dict[str, Any]:
    """Unpack ``archive`` into an empty instance: the stores, the key and the database. The caller
    migrates (the archive may come from an older version) and rebuilds the search index."""
    engine = _engine(layout.database)
    if not database_empty:
        raise BackupError(NOT_EMPTY, path=str(layout.database["NAME"]))
    for folder in layout.folders.values():
        if folder.is_dir() and any(folder.iterdir()):
            raise BackupError(NOT_EMPTY, path=str(folder))
    try:
        tar = tarfile.open(archive, "r:gz")  # noqa: SIM115 - closed by the with below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(NOT_AN_ARCHIVE, reason=type(error).__name__) from error
    with tar, tempfile.TemporaryDirectory(prefix="sotong-restore-", dir=layout.data_dir) as scratch:
        manifest = _manifest(tar)
        if manifest["engine"] != engine:
            raise BackupError(ENGINE_MISMATCH, archive=manifest["engine"], target=engine)
        try:
            tar.extractall(scratch, filter="data")  # refuses absolute paths, "..", links out, devices
        except (tarfile.TarError, OSError) as error:
            raise BackupError(NOT_AN_ARCHIVE, reason=type(error).__name__) from error
        work = Path(scratch)
        for name, folder in layout.folders.items():
            if (work / name).is_dir():
                folder.parent.mkdir(parents=True, exist_ok=True)
                shutil.rmtree(folder, ignore_errors=True)
                shutil.move(work / name, folder)
        if engine == "sqlite":
            target = Path(layout.database["NAME"])
            for suffix in ("-wal", "-shm"):
                target.with_name(target.name + suffix).unlink(missing_ok=True)
            shutil.copyfile(work / SQLITE_MEMBER, target)
        else:
            args, env = _pg_env(layout.database)
            # --clean: `sotong run` may have migrated the empty target already.
            restore = [
                "--no-owner",
                "--clean",
                "--if-exists",
                "--exit-on-error",
                *args,
                str(work / PGDUMP_MEMBER),
            ]
            _run("pg_restore", restore, env)
    return manifest

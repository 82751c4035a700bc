"""Compile the translation catalogues (``locale/<language>/LC_MESSAGES/django.po``) into the ``.mo``
files Django reads, in pure Python: a fresh machine needs no GNU gettext (decision 0011).

``python -m sotong.core.translations`` compiles every catalogue whose ``.mo`` is missing or older than
its ``.po``; the Makefile runs it before ``make run`` and ``make test``. The ``.mo`` files are build
output, never committed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import polib

from config.env import REPO_ROOT

LOCALE_DIR = REPO_ROOT / "locale"


def mo_path(po: Path) -> Path:
    return po.with_suffix(".mo")


def catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def is_stale(po: Path) -> bool:
    mo = mo_path(po)
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime


def catalogue_compile(*, po: Path, mo: Path) -> None:
    """Write ``mo`` from ``po``, as msgfmt would: fuzzy and untranslated entries are left out (the
    page then shows the Korean text). Written beside and renamed, so a running server never reads
    half a file."""
    catalogue = polib.pofile(str(po))
    handle, temporary = tempfile.mkstemp(dir=mo.parent, prefix=".", suffix=".mo")
    os.close(handle)
    try:
        catalogue.save_as_mofile(temporary)
        Path(temporary).chmod(0o644)  # mkstemp makes it private; the web server must read it
        Path(temporary).replace(mo)
    finally:
        Path(temporary).unlink(missing_ok=True)


def catalogues_compile(*, locale_dir: Path = LOCALE_DIR, only_stale: bool = True) -> list[Path]:
    """Compile the catalogues (only those whose ``.mo`` is missing or old, by default); returns the
    ``.mo`` files written."""
    written = []
    for po in catalogues(locale_dir):
        if not only_stale or is_stale(po):
            catalogue_compile(po=po, mo=mo_path(po))
            written.append(mo_path(po))
    return written


def main() -> None:
    for mo in catalogues_compile():
        sys.stdout.write(f"번역 파일을 만들었습니다 / compiled {mo.relative_to(REPO_ROOT)}\n")


if __name__ == "__main__":
    main()

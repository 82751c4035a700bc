"""Checks on ZIP packages (DOCX, XLSX, HWPX) before any library unpacks them.

A few kilobytes of ZIP can declare gigabytes of content (a zip bomb). ``zipfile`` never yields
more than a member's declared size, so checking the declared sizes in the central directory,
which costs no decompression, bounds what the libraries can later unpack.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import olefile

from .errors import ARCHIVE_TOO_LARGE, CORRUPT_FILE, ENCRYPTED_FILE, ExtractionError

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
# Text and XML compress about 10:1; a ratio far beyond that on a sizeable member is a bomb.
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024
# Office saves a password-protected DOCX/XLSX as an OLE file holding this stream, not a ZIP.
_OFFICE_ENCRYPTED_STREAM = "EncryptedPackage"


def guard_zip_package(path: Path, *, label: str) -> None:
    """Raise ``ExtractionError`` unless *path* is a ZIP that is safe to unpack."""
    _refuse_encrypted_office_file(path, label=label)
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except zipfile.BadZipFile as exc:
        raise ExtractionError(CORRUPT_FILE, format=label) from exc
    if _is_bomb(members):
        raise ExtractionError(ARCHIVE_TOO_LARGE, limit_mb=MAX_UNPACKED_BYTES // (1024 * 1024))


def _refuse_encrypted_office_file(path: Path, *, label: str) -> None:
    if not olefile.isOleFile(str(path)):
        return
    with olefile.OleFileIO(str(path)) as ole:
        if ole.exists(_OFFICE_ENCRYPTED_STREAM):
            raise ExtractionError(ENCRYPTED_FILE, format=label)


def _is_bomb(members: list[zipfile.ZipInfo]) -> bool:
    total = sum(member.file_size for member in members)
    return (
        len(members) > MAX_MEMBERS
        or total > MAX_UNPACKED_BYTES
        or any(_too_compressed(member) for member in members)
    )


def _too_compressed(member: zipfile.ZipInfo) -> bool:
    return member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(
        member.compress_size, 1
    )

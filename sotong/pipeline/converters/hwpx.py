"""HWPX (OWPML, KS X 6101): Hancom's ZIP-and-XML format."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .archive import guard_zip_package
from .base import Converted, Converter, Handles
from .errors import ENCRYPTED_FILE, ExtractionError
from .hancom import read_hancom_text

LABEL = "HWPX"
_MANIFEST = "META-INF/manifest.xml"


def convert(path: Path) -> Converted:
    guard_zip_package(path, label=LABEL)
    if _declares_encryption(path):
        raise ExtractionError(ENCRYPTED_FILE, format=LABEL)
    return Converted(text=read_hancom_text(path, label=LABEL))


def _declares_encryption(path: Path) -> bool:
    """Hancom encrypts a password-protected HWPX part by part and lists them in the manifest.

    Checking first gives the "remove the password" message instead of an XML parse error.
    """
    with zipfile.ZipFile(path) as package:
        if _MANIFEST not in package.namelist():
            return False
        return b"encryption-data" in package.read(_MANIFEST)


CONVERTER = Converter(
    name="hwpx",
    handles=Handles(
        extensions=frozenset({"hwpx"}),
        mime_types=frozenset({"application/hwp+zip", "application/vnd.hancom.hwpx"}),
        score=10,
        magic=(b"PK\x03\x04",),
        members=frozenset({"Contents/header.xml", "Contents/section0.xml"}),
    ),
    convert=convert,
)

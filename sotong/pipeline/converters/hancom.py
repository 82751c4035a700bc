"""Text from Hancom documents (HWP 5.x and HWPX) through python-hwpx.

python-hwpx opens an HWP 5.x file by converting it into the HWPX model, so one reader serves
both formats and a table reads the same whichever format the office saved. It refuses
protected HWP bodies itself, with a stable ``code`` that is translated here.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from hwpx import Hwp5Error, HwpxDocument
from hwpx.errors import Hwp5ConversionWarning
from hwpx.hwp5 import records

from sotong.core.errors import Message

from .errors import (
    ARCHIVE_TOO_LARGE,
    CORRUPT_FILE,
    ENCRYPTED_FILE,
    UNSUPPORTED_VERSION,
    ExtractionError,
)

_HWP5_MESSAGES: dict[str, Message] = {
    "hwp5-password": ENCRYPTED_FILE,
    "hwp5-distribution": ENCRYPTED_FILE,  # 배포용 문서: the body is encrypted
    "hwp5-drm": ENCRYPTED_FILE,
    "hwp5-version-unsupported": UNSUPPORTED_VERSION,
    "hwp5-limit-exceeded": ARCHIVE_TOO_LARGE,
}


def read_hancom_text(path: Path, *, label: str) -> str:
    """The document's plain text, tables as tab-separated rows."""
    try:
        with warnings.catch_warnings():
            # The warning lists drawing objects the HWPX model cannot hold; text is unaffected.
            warnings.simplefilter("ignore", Hwp5ConversionWarning)
            with HwpxDocument.open(path) as document:
                text: str = document.text.plain()
    except Hwp5Error as exc:
        raise _translate(exc, label=label) from exc
    return text


def _translate(exc: Hwp5Error, *, label: str) -> ExtractionError:
    message = _HWP5_MESSAGES.get(exc.code, CORRUPT_FILE)
    limit_mb = records.MAX_INFLATED_BYTES // (1024 * 1024)
    return ExtractionError(message, format=label, limit_mb=limit_mb)

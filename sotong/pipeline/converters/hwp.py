"""HWP 5.x, the compound-file format most Korean public bodies still save in."""

from __future__ import annotations

from pathlib import Path

from .base import Converted, Converter, Handles
from .errors import UNSUPPORTED_VERSION, ExtractionError
from .hancom import read_hancom_text

LABEL = "HWP"
# HWP 3.x and older are a different, undocumented format that no reader here understands.
_OLD_HWP_SIGNATURE = b"HWP Document File V"


def convert(path: Path) -> Converted:
    with path.open("rb") as stream:
        if stream.read(len(_OLD_HWP_SIGNATURE)) == _OLD_HWP_SIGNATURE:
            raise ExtractionError(UNSUPPORTED_VERSION, format=LABEL)
    return Converted(text=read_hancom_text(path, label=LABEL))


CONVERTER = Converter(
    name="hwp",
    handles=Handles(
        extensions=frozenset({"hwp"}),
        mime_types=frozenset({"application/x-hwp", "application/haansofthwp", "application/vnd.hancom.hwp"}),
        score=10,
        magic=(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),  # OLE2 compound file
        members=frozenset({"FileHeader"}),
    ),
    convert=convert,
)

"""What characters a PDF's fonts can name: ToUnicode CMaps and embedded fonts' ``cmap`` tables.

The checker (``check.py``) compares them with the characters drawn: a map that covers characters
never drawn tells which syllables removed text contained.
"""

from __future__ import annotations

import io
import re
import unicodedata

from fontTools.ttLib import TTFont

_CMAP_BLOCK = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.DOTALL)
_CMAP_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|(\[)|(\])")


def to_unicode_characters(cmap: bytes) -> set[str]:
    """The characters a ToUnicode CMap maps codes to: ``bfchar`` and all three ``bfrange`` forms."""
    mapped: set[str] = set()
    for kind, body in _CMAP_BLOCK.findall(cmap):
        tokens = [_token(match) for match in _CMAP_TOKEN.finditer(body)]
        if kind == b"bfchar":
            for destination in tokens[1::2]:
                mapped.update(_utf16(destination))
        else:
            _add_ranges(tokens, mapped)
    return mapped


def _token(match: re.Match[bytes]) -> bytes | str:
    """A hex string's bytes, or ``"["``/``"]"`` (a str, so that the byte ``<5B>`` is never a bracket)."""
    if match[1] is None:
        return match[0].decode()
    digits = re.sub(rb"\s", b"", match[1])
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())  # an odd digit is followed by 0


def _add_ranges(tokens: list[bytes | str], mapped: set[str]) -> None:
    """``<lo> <hi> <dst>`` counts up from dst; ``<lo> <hi> [<d1> <d2> …]`` lists one per code."""
    at = 0
    while at + 2 < len(tokens):
        low, high, destination = tokens[at : at + 3]
        if destination == "[":
            end = tokens.index("]", at + 3) if "]" in tokens[at + 3 :] else len(tokens)
            for item in tokens[at + 3 : end]:
                mapped.update(_utf16(item))
            at = end + 1
            continue
        count = min(_number(high) - _number(low) + 1, 0x110000)
        text = _utf16(destination)
        if text and count > 0:
            mapped.update(text[:-1])
            first = ord(text[-1])
            mapped.update(chr(code) for code in range(first, min(first + count, 0x110000)))
        at += 3


def _number(token: bytes | str) -> int:
    return int.from_bytes(token, "big") if isinstance(token, bytes) else 0


def _utf16(data: bytes | str) -> str:
    if isinstance(data, str):  # a stray bracket maps nothing
        return ""
    if len(data) == 1:  # some producers write one byte for an ASCII destination
        return data.decode("latin-1")
    return unicodedata.normalize("NFC", data.decode("utf-16-be", errors="replace"))


def font_program_characters(program: bytes) -> set[str]:
    """The characters an embedded TrueType/OpenType font's Unicode ``cmap`` covers (none for bare CFF)."""
    if not program.startswith((b"\x00\x01\x00\x00", b"true", b"OTTO")):
        return set()
    font = TTFont(io.BytesIO(program), lazy=True)
    if "cmap" not in font:
        return set()
    return {chr(code) for code in (font.getBestCmap() or {})}

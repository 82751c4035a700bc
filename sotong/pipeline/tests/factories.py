"""Build test documents at test time, so that no binary fixture is committed.

Real HWP/HWPX files come from the shared samples (see ``conftest.py``); everything else is made
here with the same libraries the converters read them with, or broken on purpose.
"""

from __future__ import annotations

import shutil
import struct
import zipfile
from pathlib import Path

import docx
import olefile
import openpyxl
import pymupdf
from hwpx.hwp5.cfb import build_compound_file

# Offset of the property flags in an HWP 5.x FileHeader stream (after the 32-byte signature
# and the 4-byte version).
_HWP_FLAGS_OFFSET = 36


def make_pdf(path: Path, pages: list[str], *, user_pw: str | None = None) -> Path:
    """A PDF with one line of (Korean) text per page; the CJK font covers Hangul."""
    document = pymupdf.open()
    font = pymupdf.Font("cjk")
    for line in pages:
        page = document.new_page()
        page.insert_font(fontname="F0", fontbuffer=font.buffer)
        page.insert_text((72, 72), line, fontname="F0", fontsize=12)
    document.subset_fonts()  # the full font would make a 3.5 MB file
    if user_pw is None:
        document.save(path, garbage=4, deflate=True)
    else:
        document.save(
            path,
            encryption=pymupdf.mupdf.PDF_ENCRYPT_AES_256,
            user_pw=user_pw,
            owner_pw=user_pw + "!",
        )
    return path


def make_docx(path: Path, *, before: str, rows: list[list[str]], after: str) -> Path:
    """A paragraph, a table, a paragraph; the first row's first two cells merged."""
    document = docx.Document()
    document.add_paragraph(before)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for cells, row in zip(rows, table.rows, strict=True):
        for text, cell in zip(cells, row.cells, strict=True):
            cell.text = text
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = rows[0][0]
    document.add_paragraph(after)
    document.save(str(path))
    return path


def make_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


def make_zip_bomb(path: Path, *, member: str, megabytes: int = 20) -> Path:
    """Megabytes of zeros that deflate to a few kilobytes: far past the ratio limit."""
    return make_zip(path, {member: bytes(megabytes * 1024 * 1024)})


def make_ole(path: Path, streams: dict[str, bytes]) -> Path:
    """An OLE compound file, e.g. the shell Office saves a password-protected DOCX in."""
    path.write_bytes(build_compound_file(streams.items()))
    return path


def copy_hwp_with_flags(source: Path, target: Path, *, set_bits: int) -> Path:
    """A copy of a real HWP file with extra FileHeader property bits set (password, ...)."""
    shutil.copyfile(source, target)
    with olefile.OleFileIO(str(target), write_mode=True) as ole:
        header = bytearray(ole.openstream("FileHeader").read())
        (flags,) = struct.unpack_from("<I", header, _HWP_FLAGS_OFFSET)
        struct.pack_into("<I", header, _HWP_FLAGS_OFFSET, flags | set_bits)
        ole.write_stream("FileHeader", bytes(header))
    return target


def copy_hwp_with_garbage_body(source: Path, target: Path) -> Path:
    """A copy of a real HWP file whose first body section is not valid deflate data."""
    shutil.copyfile(source, target)
    with olefile.OleFileIO(str(target), write_mode=True) as ole:
        size = ole.get_size("BodyText/Section0")
        ole.write_stream("BodyText/Section0", (b"\xff\xfe\xfd\xfc" * size)[:size])
    return target


def truncated_copy(source: Path, target: Path, *, keep: float = 0.5) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * keep)])
    return target

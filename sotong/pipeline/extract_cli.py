"""``sotong extract FILE``: print a file's extracted text, to check a converter by hand.

Thin by design (STYLE 3): parse, call ``extract_text``, print. Bad input is the typed error,
printed in both languages, with exit status 2 so that scripts can tell it from a crash.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sotong.pipeline.converters import ExtractionError, extract_text

EXIT_BAD_INPUT = 2


def main(argv: list[str]) -> int:
    """Print the text of ``argv[0]`` to stdout; return 0, or 2 with the error on stderr."""
    parser = argparse.ArgumentParser(
        prog="sotong extract", description="Print the text extracted from a document."
    )
    parser.add_argument("file", type=Path, help="TXT, PDF, DOCX, XLSX, HWP or HWPX file")
    parser.add_argument("--mime-type", help="the MIME type the file was uploaded with")
    args = parser.parse_args(argv)
    try:
        extracted = extract_text(args.file, mime_type=args.mime_type)
    except ExtractionError as error:
        sys.stderr.write(f"{error.code}: {error.message_ko}\n{error.message_en}\n")
        return EXIT_BAD_INPUT
    sys.stdout.write(extracted.text + "\n")
    return 0

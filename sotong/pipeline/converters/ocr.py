"""Tesseract, found, bounded and translated (STYLE 9): the one way scans become text.

We run the ``tesseract`` program on a page image that PyMuPDF renders, rather than PyMuPDF's own
``Page.get_textpage_ocr``, for three reasons (the second seen on a 300 dpi A4 page of Korean text):

* PyMuPDF cannot set the page segmentation mode. Its OCR passes only a language and a tessdata
  folder to the Tesseract built into MuPDF (``pdfocr`` options: compression, strip height,
  language, datadir, skew), so ``--psm 4`` (one column of lines of varying size, which is what
  an official letter is) is out of reach.
* Its output glued Korean words together ("서울특별시는시민의알권리를…"), which breaks search
  and the detection of names and numbers downstream; the program kept the spaces.
* A subprocess can be killed after a timeout and its crash stays outside our process; the
  in-process engine can neither be bounded nor survive a crash.

Tesseract runs with ``OMP_THREAD_LIMIT=1``. On a two-core machine busy with other work, a dense
A4 page took 8.6-16 s with one thread and 80-104 s with two (Tesseract 5.3):
its OpenMP threads spin against each other. Parallelism belongs to the pipeline's workers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import NEEDS_OCR, OCR_FAILED, ExtractionError

LANGUAGES = ("kor", "eng")
# 4: "a single column of text of variable sizes", the layout of a Korean official document.
PAGE_SEGMENTATION_MODE = 4
PAGE_TIMEOUT_S = 120
_LIST_TIMEOUT_S = 30


@dataclass(frozen=True)
class Tesseract:
    """A ``tesseract`` program known to have the Korean and English models."""

    binary: str
    tessdata: str | None = None

    def read(self, image: bytes, *, dpi: int) -> str:
        """The text of one page image (any format Leptonica reads: PNM, PNG, JPEG, TIFF)."""
        command = [self.binary, "stdin", "stdout", *self._options(), "-l", "+".join(LANGUAGES)]
        command += ["--psm", str(PAGE_SEGMENTATION_MODE), "--dpi", str(dpi)]
        try:
            done = subprocess.run(  # noqa: S603 - our own argument list, no shell
                command, input=image, capture_output=True, timeout=PAGE_TIMEOUT_S, env=_child_env()
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ExtractionError(OCR_FAILED) from exc
        if done.returncode != 0:
            raise ExtractionError(OCR_FAILED)
        # Tesseract ends a page with a form feed; pages are joined by the converters instead.
        return done.stdout.decode("utf-8", errors="replace").replace("\f", "")

    def installed_languages(self) -> frozenset[str]:
        """The models this program can load; none when it cannot be run."""
        try:
            done = subprocess.run(  # noqa: S603 - our own argument list, no shell
                [self.binary, "--list-langs", *self._options()],
                capture_output=True,
                timeout=_LIST_TIMEOUT_S,
                env=_child_env(),
            )
        except (OSError, subprocess.TimeoutExpired):
            return frozenset()
        if done.returncode != 0:
            return frozenset()
        # The first line names the folder ("List of available languages in …"); one model a line.
        lines = done.stdout.decode("utf-8", errors="replace").splitlines()[1:]
        return frozenset(line.strip() for line in lines)

    def _options(self) -> list[str]:
        return ["--tessdata-dir", self.tessdata] if self.tessdata else []


def find_tesseract(environ: Mapping[str, str]) -> Tesseract | None:
    """The Tesseract to use, or None when it or one of its models is missing.

    ``TESSERACT_BIN`` names the program (otherwise ``PATH`` is searched); an explicit name that
    does not exist means "none", never a silent fall-back to another program. ``TESSDATA_PREFIX``,
    Tesseract's own variable, names the models' folder and is passed on explicitly, so the
    folder checked here is the one the OCR later reads.
    """
    named = environ.get("TESSERACT_BIN")
    binary = shutil.which(named) if named else shutil.which("tesseract", path=environ.get("PATH"))
    if binary is None:
        return None
    tesseract = Tesseract(binary=binary, tessdata=environ.get("TESSDATA_PREFIX") or None)
    return tesseract if set(LANGUAGES) <= tesseract.installed_languages() else None


def require_tesseract(environ: Mapping[str, str] | None = None) -> Tesseract:
    """Tesseract, or the error that sends a scan to human review instead of publishing nothing."""
    tesseract = find_tesseract(os.environ if environ is None else environ)
    if tesseract is None:
        raise ExtractionError(NEEDS_OCR)
    return tesseract


def _child_env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}

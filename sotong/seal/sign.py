"""PAdES baseline B-B signature of a public PDF, appended as an incremental update.

B-B because nothing outside the machine is reachable: no timestamp authority, no revocation data.
The signing time is the one the signer states (/M). The update is incremental so that the bytes the
renderer wrote stay byte for byte inside the signed range.

pyHanko runs its own event loop (``asyncio.run``): call ``pdf_sign`` from synchronous code only.
"""

from __future__ import annotations

import functools
from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.signers import PdfSignatureMetadata, SimpleSigner, sign_pdf

from sotong.seal.errors import SEAL_IDENTITY_UNREADABLE, SEAL_SIGN_FAILED, SealError
from sotong.seal.keys import SigningIdentity

FIELD_NAME = "Sotong"
DEFAULT_REASON = "정보공개 공개본 / public copy"


def pdf_sign(
    content: bytes, identity: SigningIdentity, *, reason: str = DEFAULT_REASON, location: str = ""
) -> bytes:
    """The PDF with one invisible signature field "Sotong" covering the whole file, SHA-256."""
    metadata = PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason or None,
        location=location or None,
    )
    signer = _signer(identity)
    try:
        writer = IncrementalPdfFileWriter(BytesIO(content), strict=False)
        return sign_pdf(writer, metadata, signer=signer).getvalue()
    except (PdfError, ValueError, KeyError, TypeError) as error:
        raise SealError(SEAL_SIGN_FAILED, reason=f"{type(error).__name__}: {error}") from error


def _signer(identity: SigningIdentity) -> SimpleSigner:
    """The loaded signer, reloaded only when a file changes (a replaced key takes effect at once)."""
    try:
        key_stat, cert_stat = identity.key_path.stat(), identity.cert_path.stat()
    except OSError as error:
        raise SealError(SEAL_IDENTITY_UNREADABLE, path=error.filename, reason=error.strerror) from error
    return _signer_load(
        str(identity.key_path), key_stat.st_mtime_ns, str(identity.cert_path), cert_stat.st_mtime_ns
    )


@functools.lru_cache(maxsize=8)
def _signer_load(key_path: str, key_mtime_ns: int, cert_path: str, cert_mtime_ns: int) -> SimpleSigner:
    # The modification times are part of the cache key only; SimpleSigner.load reads the paths.
    signer = SimpleSigner.load(key_path, cert_path)
    if signer is None:  # pyHanko logs the cause and returns None rather than raising
        raise SealError(SEAL_IDENTITY_UNREADABLE, path=key_path, reason="pyHanko could not load the pair")
    return signer

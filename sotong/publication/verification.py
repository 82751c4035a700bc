"""Is this copy genuine? The signature check (``sotong.seal``) joined with what this portal published.

Used by the public verify page and by ``sotong verify FILE``; it needs only the public certificate,
never the private key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings

from sotong.publication.models import PublishedFile
from sotong.seal.verify import SealCheck, Verdict, pdf_verify

MAX_VERIFY_BYTES = 100 * 1024 * 1024  # larger than any public PDF we make


@dataclass(frozen=True)
class CopyCheck:
    seal: SealCheck
    published: PublishedFile | None  # the current publication with exactly these bytes, if any

    @property
    def verdict(self) -> Verdict:
        return self.seal.verdict

    @property
    def current(self) -> bool:
        return self.published is not None


def signing_certificate_pem() -> bytes | None:
    """This portal's public signing certificate, or None before the first PDF was signed."""
    path = settings.SOTONG_SIGNING_CERT
    return path.read_bytes() if path.exists() else None


def copy_verify(content: bytes) -> CopyCheck:
    certificate = signing_certificate_pem()
    seal = pdf_verify(content, trusted_certificates=[certificate] if certificate else [])
    digest = hashlib.sha256(content).hexdigest()
    published = (
        PublishedFile.objects.select_related("record").filter(sha256=digest).first()
        if seal.verdict == Verdict.GENUINE
        else None
    )
    return CopyCheck(seal=seal, published=published)

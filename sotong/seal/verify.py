"""Tell anyone whether a copy is the one this instance published: genuine, altered, or unknown.

Public code calls this (the "verify a copy" page, ``sotong verify FILE``) with the instance's
certificates only; no private key is needed or read. ``pdf_verify`` never raises: whatever pyHanko
fails on is judged by what remains of our signature in the bytes. It does not bound its own work, so
the caller caps the input (the public page should refuse uploads over a few tens of megabytes before
calling it) and, like pyHanko, calls it from synchronous code (pyHanko runs ``asyncio.run``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from io import BytesIO

from asn1crypto import cms, parser, pem, x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import ModificationLevel, PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext


class Verdict(StrEnum):
    GENUINE = "genuine"  # our signature, intact, and nothing changed or appended since
    ALTERED = "altered"  # our signature (or what is left of it) is there, but the bytes changed since
    UNKNOWN = "unknown"  # not a PDF, unsigned, or signed by someone else: we cannot vouch for it


REASONS: dict[Verdict, tuple[str, str]] = {
    Verdict.GENUINE: (
        "이 파일은 발행된 그대로입니다. 이 기관의 서명이 파일 전체를 덮고 있으며 서명 뒤로 바뀐 곳이 없습니다.",
        "This file is exactly as published: this agency's signature covers the whole file and nothing "
        "has changed since it was signed.",
    ),
    Verdict.ALTERED: (
        "서명 이후 내용이 바뀌었습니다. 이 기관이 서명한 공개본이었으나 서명 뒤에 수정되거나 덧붙여졌으므로 "
        "믿지 마시고, 포털에서 원래 파일을 다시 내려받으십시오.",
        "The content changed after signing: this was a public copy signed by this agency, but it has "
        "been modified or added to since. Do not rely on it; download the original from the portal again.",
    ),
    Verdict.UNKNOWN: (
        "이 기관이 서명한 공개본이 아닙니다. PDF가 아니거나, 서명이 없거나, 다른 곳에서 서명한 파일이라 진위를 "
        "확인할 수 없습니다.",
        "This is not a public copy signed by this agency: it is not a PDF, carries no signature, or was "
        "signed by someone else, so its authenticity cannot be confirmed here.",
    ),
}
# pyHanko's default demands nonRepudiation; agency certificates often carry only digitalSignature.
KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)


@dataclass(frozen=True, kw_only=True)
class SealCheck:
    """What the public page shows: the verdict, the file's SHA-256, and why, in both languages."""

    verdict: Verdict
    sha256: str
    signer: str = ""  # the signer certificate's common name, when our signature could be read
    signed_at: datetime | None = None  # as the signer states it (/M): B-B carries no timestamp
    reason_ko: str
    reason_en: str


def pdf_verify(content: bytes, *, trusted_certificates: Sequence[bytes]) -> SealCheck:
    """Judge ``content`` against this instance's certificates (PEM or DER); never raises."""
    trust = _Trust.load(trusted_certificates)
    verdict, signer, signed_at = Verdict.UNKNOWN, "", None
    try:
        verdict, signer, signed_at = _judge(content, trust)
    except Exception:  # hostile or broken input: pyHanko and asn1crypto raise anything, RecursionError too
        verdict = Verdict.ALTERED if trust.marked(content) else Verdict.UNKNOWN
    reason_ko, reason_en = REASONS[verdict]
    return SealCheck(
        verdict=verdict,
        sha256=hashlib.sha256(content).hexdigest(),
        signer=signer,
        signed_at=signed_at,
        reason_ko=reason_ko,
        reason_en=reason_en,
    )


@dataclass(frozen=True)
class _Trust:
    """The trusted certificates, and the byte strings that betray our signature in a broken file."""

    certificates: tuple[x509.Certificate, ...]
    ders: frozenset[bytes]
    issuer_serials: frozenset[bytes]  # the SignerInfo names its signer apart from the certificate

    @classmethod
    def load(cls, trusted: Sequence[bytes]) -> _Trust:
        certificates: list[x509.Certificate] = []
        issuer_serials: set[bytes] = set()
        for blob in trusted:
            try:
                read = _certificates_read(blob)
                issuer_serials.update(_issuer_serial(certificate) for certificate in read)
            except Exception:  # noqa: S112 (an unreadable certificate trusts nothing; the rest still count)
                continue
            certificates += read
        return cls(
            certificates=tuple(certificates),
            ders=frozenset(certificate.dump() for certificate in certificates),
            issuer_serials=frozenset(issuer_serials),
        )

    def marked(self, content: bytes) -> bool:
        """Our certificate or our signer's name in the bytes, raw or hex (how /Contents holds it).

        They lie apart in the signature, so one changed byte cannot erase both. A file that merely
        carries our certificate is called altered too: either way it is no genuine copy.
        """
        for marker in self.ders | self.issuer_serials:
            if any(
                form in content for form in (marker, marker.hex().encode(), marker.hex().upper().encode())
            ):
                return True
        return False

    def claims(self, signature: EmbeddedPdfSignature) -> bool:
        """Whether the signature says it is ours, whether or not it still proves it."""
        sid = signature.signer_info["sid"]
        if sid.name == "issuer_and_serial_number" and sid.chosen.dump() in self.issuer_serials:
            return True
        try:
            return signature.signer_cert.dump() in self.ders
        except Exception:
            return False


def _certificates_read(blob: bytes) -> list[x509.Certificate]:
    """PEM (one or more) or DER, parsed in full here so that a bad one fails now, not mid-verdict."""
    ders = [der for _, _, der in pem.unarmor(blob, multiple=True)] if pem.detect(blob) else [blob]
    certificates = [x509.Certificate.load(der) for der in ders]
    for certificate in certificates:
        _ = certificate.native
    return certificates


def _issuer_serial(certificate: x509.Certificate) -> bytes:
    return cms.IssuerAndSerialNumber(
        {"issuer": certificate.issuer, "serial_number": certificate.serial_number}
    ).dump()


def _judge(content: bytes, trust: _Trust) -> tuple[Verdict, str, datetime | None]:
    if not trust.certificates:
        return Verdict.UNKNOWN, "", None
    reader = PdfFileReader(BytesIO(content), strict=False)
    ours = [signature for signature in reader.embedded_regular_signatures if trust.claims(signature)]
    if not ours:
        return (Verdict.ALTERED if trust.marked(content) else Verdict.UNKNOWN), "", None
    signature = ours[-1]  # the latest: only it can cover the whole file
    context = ValidationContext(
        trust_roots=list(trust.certificates),
        # Judge the certificate at the stated signing time: ours are pinned, so an agency certificate
        # that has since expired must not turn its old copies into "altered".
        moment=signature.self_reported_timestamp,
        allow_fetching=False,
    )
    status = validate_pdf_signature(signature, context, key_usage_settings=KEY_USAGE)
    genuine = _status_genuine(status, trust) and _gap_holds_only_signature(signature, content)
    return (Verdict.GENUINE if genuine else Verdict.ALTERED), _common_name(status), status.signer_reported_dt


def _status_genuine(status: PdfSignatureStatus, trust: _Trust) -> bool:
    return (
        status.signing_cert.dump() in trust.ders
        and status.intact
        and status.valid
        and status.trusted
        and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        and status.modification_level == ModificationLevel.NONE
    )


def _gap_holds_only_signature(signature: EmbeddedPdfSignature, content: bytes) -> bool:
    """The one unsigned span, /Contents, holds our CMS hex and zero padding, nothing else.

    pyHanko reads the CMS and ignores what follows it, so a changed padding digit (or hex case) would
    otherwise leave a different file judged genuine.
    """
    start, length, resume, _ = (int(number) for number in signature.byte_range)
    raw = signature.pkcs7_content
    _, _, _, header, body, trailer = parser.parse(raw)
    if raw[len(header) + len(body) + len(trailer) :].strip(b"\x00"):
        return False
    gap = content[start + length : resume]
    return gap in (b"<" + raw.hex().encode() + b">", b"<" + raw.hex().upper().encode() + b">")


def _common_name(status: PdfSignatureStatus) -> str:
    name = status.signing_cert.subject.native.get("common_name", "")
    return ", ".join(name) if isinstance(name, list) else str(name)

"""The seal end to end: an identity made in tmp_path, a PyMuPDF page signed, then copies judged."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pymupdf
import pytest
from asn1crypto import pem
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.signers import PdfSignatureMetadata, sign_pdf

from sotong.seal import sign as seal_sign
from sotong.seal.errors import (
    SEAL_IDENTITY_HALF_MISSING,
    SEAL_IDENTITY_MISMATCH,
    SEAL_IDENTITY_UNREADABLE,
    SEAL_SIGN_FAILED,
    SealError,
)
from sotong.seal.keys import SigningIdentity, certificate_pem, signing_identity_ensure
from sotong.seal.sign import pdf_sign
from sotong.seal.verify import REASONS, Verdict, pdf_verify

COMMON_NAME = "서울특별시 정보공개"
HEX = b"0123456789ABCDEF"


def _pdf() -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 72), "Public copy 2024-0001", fontsize=12)
    return document.tobytes()


def _identity(root: Path, common_name: str = COMMON_NAME) -> SigningIdentity:
    return signing_identity_ensure(
        root / "keys" / "seal-key.pem",
        root / "keys" / "seal-cert.pem",
        common_name=common_name,
        organization="서울특별시",
    )


def _changed(content: bytes, position: int) -> bytes:
    """One byte changed; a hex digit stays a hex digit, so the file still parses where it did."""
    byte = content[position]
    new = HEX[(HEX.index(byte) + 1) % 16] if byte in HEX else byte ^ 0x01
    return content[:position] + bytes([new]) + content[position + 1 :]


@pytest.fixture(scope="module")
def identity(tmp_path_factory: pytest.TempPathFactory) -> SigningIdentity:
    return _identity(tmp_path_factory.mktemp("seal"))


@pytest.fixture(scope="module")
def trusted(identity: SigningIdentity) -> list[bytes]:
    return [certificate_pem(identity)]


@pytest.fixture(scope="module")
def signed(identity: SigningIdentity) -> bytes:
    return pdf_sign(_pdf(), identity, location="서울")


def test_signed_copy_is_genuine_with_signer_time_and_fingerprint(signed: bytes, trusted: list[bytes]) -> None:
    check = pdf_verify(signed, trusted_certificates=trusted)
    assert check.verdict == Verdict.GENUINE
    assert check.signer == COMMON_NAME
    assert check.sha256 == hashlib.sha256(signed).hexdigest()
    assert check.signed_at is not None
    assert abs(check.signed_at - datetime.now(UTC)) < timedelta(minutes=5)
    assert (check.reason_ko, check.reason_en) == REASONS[Verdict.GENUINE]


def test_der_certificate_is_trusted_like_pem(signed: bytes, trusted: list[bytes]) -> None:
    der = pem.unarmor(trusted[0])[2]
    assert pdf_verify(signed, trusted_certificates=[der]).verdict == Verdict.GENUINE


@pytest.mark.skipif(
    shutil.which("pdfsig") is None and not os.environ.get("SOTONG_REQUIRE_ALL_SUITES"),
    reason="pdfsig(Poppler)가 없어 다른 검증기로 확인하지 못했습니다 / pdfsig (Poppler) is missing, so no "
    "second verifier checked the signature (apt-get install poppler-utils)",
)
def test_poppler_pdfsig_finds_the_signature_valid(signed: bytes, tmp_path: Path) -> None:
    """A second, independent verifier; the self-signed certificate is untrusted there, and that is fine."""
    pdfsig = shutil.which("pdfsig")
    assert pdfsig, "SOTONG_REQUIRE_ALL_SUITES is set but pdfsig is missing (apt-get install poppler-utils)"
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    result = subprocess.run([pdfsig, str(path)], capture_output=True, text=True, timeout=30, check=False)
    assert "Signature Validation: Signature is Valid." in result.stdout, result.stdout
    assert "Signature Type: ETSI.CAdES.detached" in result.stdout
    assert "Signature Field Name: Sotong" in result.stdout


def _positions(signed: bytes, trusted: list[bytes]) -> dict[str, int]:
    gap_start = signed.index(b"/Contents <") + len(b"/Contents <")
    gap_end = signed.index(b">", gap_start)
    cms_hex_end = len(signed[gap_start:gap_end].rstrip(b"0"))  # roughly where the padding starts
    certificate_hex = pem.unarmor(trusted[0])[2].hex().upper().encode()
    last_xref = signed.rindex(b"\nxref\n")
    return {
        "content stream": signed.index(b"stream\n") + 20,  # the page's (compressed) text
        "certificate inside /Contents": signed.index(certificate_hex) + 100,
        "signature value inside /Contents": gap_start + cms_hex_end - 10,
        "padding inside /Contents": gap_end - 3,
        "middle of the file": len(signed) // 2,
        "/ByteRange": signed.index(b"/ByteRange [") + len(b"/ByteRange [0 "),
        "xref table of the signing update": last_xref + 12,
        "trailer /Size": signed.rindex(b"/Size ") + len(b"/Size "),
        "startxref offset": signed.rindex(b"startxref") + len(b"startxref\n"),
        "first revision's xref": signed.index(b"\nxref\n") + 12,
    }


@pytest.mark.parametrize(
    "where",
    [
        "content stream",
        "certificate inside /Contents",
        "signature value inside /Contents",
        "padding inside /Contents",
        "middle of the file",
        "/ByteRange",
        "xref table of the signing update",
        "trailer /Size",
        "startxref offset",
        "first revision's xref",
    ],
)
def test_one_changed_byte_is_altered(where: str, signed: bytes, trusted: list[bytes]) -> None:
    changed = _changed(signed, _positions(signed, trusted)[where])
    check = pdf_verify(changed, trusted_certificates=trusted)
    assert check.verdict == Verdict.ALTERED
    assert check.sha256 == hashlib.sha256(changed).hexdigest()
    assert (check.reason_ko, check.reason_en) == REASONS[Verdict.ALTERED]


def test_annotation_added_by_an_incremental_save_is_altered(
    signed: bytes, trusted: list[bytes], tmp_path: Path
) -> None:
    path = tmp_path / "annotated.pdf"
    path.write_bytes(signed)
    document = pymupdf.open(path)
    document[0].add_text_annot((100, 100), "붙임 / added after signing")
    document.saveIncr()
    document.close()
    annotated = path.read_bytes()
    assert annotated.startswith(signed)
    assert pdf_verify(annotated, trusted_certificates=trusted).verdict == Verdict.ALTERED


def test_second_signature_by_another_key_is_altered(
    signed: bytes, trusted: list[bytes], tmp_path: Path
) -> None:
    other = seal_sign._signer(_identity(tmp_path, "다른 서명자"))
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    countersigned = sign_pdf(writer, PdfSignatureMetadata(field_name="Other"), signer=other).getvalue()
    assert pdf_verify(countersigned, trusted_certificates=trusted).verdict == Verdict.ALTERED


def test_appended_bytes_are_altered(signed: bytes, trusted: list[bytes]) -> None:
    assert pdf_verify(signed + b"\n% appended\n", trusted_certificates=trusted).verdict == Verdict.ALTERED


def test_truncated_copy_is_altered_while_our_signature_remains(signed: bytes, trusted: list[bytes]) -> None:
    """Cut inside the signing update after /Contents: our signature is still there, broken, so the copy
    was changed (pyHanko may still read it, or our certificate is found in the bytes)."""
    for end in (len(signed) - 10, len(signed) - 200, signed.index(b"/ByteRange")):
        assert pdf_verify(signed[:end], trusted_certificates=trusted).verdict == Verdict.ALTERED


def test_truncated_copy_is_unknown_once_the_signature_is_cut_away(
    signed: bytes, trusted: list[bytes]
) -> None:
    """The signature is appended after the rendered bytes. Cut before /Contents, what is left is the
    unsigned rendering (or part of it): nothing of ours to recognise, so it cannot be called altered."""
    for end in (signed.index(b"%%EOF") + len(b"%%EOF\n"), signed.index(b"/Contents <"), 300):
        assert pdf_verify(signed[:end], trusted_certificates=trusted).verdict == Verdict.UNKNOWN


def test_unsigned_pdf_is_unknown(trusted: list[bytes]) -> None:
    check = pdf_verify(_pdf(), trusted_certificates=trusted)
    assert (check.verdict, check.signer, check.signed_at) == (Verdict.UNKNOWN, "", None)
    assert (check.reason_ko, check.reason_en) == REASONS[Verdict.UNKNOWN]


def test_pdf_signed_by_another_identity_is_unknown(trusted: list[bytes], tmp_path: Path) -> None:
    stranger = pdf_sign(_pdf(), _identity(tmp_path, "다른 기관"))
    assert pdf_verify(stranger, trusted_certificates=trusted).verdict == Verdict.UNKNOWN


@pytest.mark.parametrize(
    "content",
    [
        b"",
        os.urandom(4096),
        b"%PDF-1.7\n" + os.urandom(4096),
        b"%PDF-1.7\n1 0 obj\n" + b"[" * 200_000,
        b"%PDF-1.7\n1 0 obj\n" + b"<<" * 100_000,
        b"%PDF-1.7\ntrailer\n<< /Root 1 0 R /Size 99999999999 >>\nstartxref\n9\n%%EOF",
    ],
    ids=["empty", "garbage", "pdf-header-garbage", "nested-arrays", "nested-dicts", "lying-trailer"],
)
def test_hostile_input_is_unknown_and_never_raises(content: bytes, trusted: list[bytes]) -> None:
    assert pdf_verify(content, trusted_certificates=trusted).verdict == Verdict.UNKNOWN


def test_nothing_is_genuine_without_trusted_certificates(signed: bytes) -> None:
    assert pdf_verify(signed, trusted_certificates=[]).verdict == Verdict.UNKNOWN
    assert pdf_verify(signed, trusted_certificates=[b"not a certificate"]).verdict == Verdict.UNKNOWN


def test_identity_is_created_private_and_then_reused(tmp_path: Path) -> None:
    identity = _identity(tmp_path)
    assert identity.key_path.stat().st_mode & 0o777 == 0o600
    assert certificate_pem(identity).startswith(b"-----BEGIN CERTIFICATE-----")
    certificate = x509.load_pem_x509_certificate(certificate_pem(identity))
    assert certificate.subject.rfc4514_string() == f"CN={COMMON_NAME},O=서울특별시,C=KR"
    assert certificate.not_valid_after_utc - certificate.not_valid_before_utc > timedelta(days=3650)
    again = _identity(tmp_path)
    assert certificate_pem(again) == certificate_pem(identity)
    assert again.key_path.read_bytes() == identity.key_path.read_bytes()


@pytest.mark.parametrize("missing", ["key", "cert"])
def test_one_file_without_the_other_is_an_error(missing: str, tmp_path: Path) -> None:
    identity = _identity(tmp_path)
    (identity.key_path if missing == "key" else identity.cert_path).unlink()
    with pytest.raises(SealError) as raised:
        _identity(tmp_path)
    assert raised.value.code == SEAL_IDENTITY_HALF_MISSING.code
    assert "서명 키와 인증서 중 하나만" in raised.value.message_ko


def _ensure_in_child(root: str) -> bytes:
    return certificate_pem(_identity(Path(root)))


def test_concurrent_first_starts_end_with_one_identity(tmp_path: Path) -> None:
    with ProcessPoolExecutor(4, mp_context=multiprocessing.get_context("fork")) as pool:
        certificates = set(pool.map(_ensure_in_child, [str(tmp_path)] * 8))
    assert len(certificates) == 1
    assert certificate_pem(_identity(tmp_path)) in certificates


def _agency_pair(
    root: Path, *, key_encryption: serialization.KeySerializationEncryption
) -> tuple[Path, Path]:
    """An RSA-2048 pair as an agency might bring it: traditional PEM key, digitalSignature only."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "강남구청 전자문서")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        )
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = root / "agency-key.pem", root / "agency-cert.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, key_encryption
        )
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def test_agency_rsa_pair_signs_and_verifies(tmp_path: Path, trusted: list[bytes]) -> None:
    key_path, cert_path = _agency_pair(tmp_path, key_encryption=serialization.NoEncryption())
    agency = signing_identity_ensure(key_path, cert_path, common_name="unused", organization="unused")
    signed = pdf_sign(_pdf(), agency)
    check = pdf_verify(signed, trusted_certificates=[*trusted, certificate_pem(agency)])
    assert (check.verdict, check.signer) == (Verdict.GENUINE, "강남구청 전자문서")
    assert pdf_verify(signed, trusted_certificates=trusted).verdict == Verdict.UNKNOWN


def test_encrypted_agency_key_is_refused_with_how_to_fix(tmp_path: Path) -> None:
    key_path, cert_path = _agency_pair(
        tmp_path, key_encryption=serialization.BestAvailableEncryption(b"secret")
    )
    with pytest.raises(SealError) as raised:
        signing_identity_ensure(key_path, cert_path, common_name="x", organization="x")
    assert raised.value.code == SEAL_IDENTITY_UNREADABLE.code
    assert "openssl pkey" in raised.value.message_en


def test_key_of_another_certificate_is_refused(tmp_path: Path) -> None:
    first, second = _identity(tmp_path / "a"), _identity(tmp_path / "b")
    with pytest.raises(SealError) as raised:
        signing_identity_ensure(first.key_path, second.cert_path, common_name="x", organization="x")
    assert raised.value.code == SEAL_IDENTITY_MISMATCH.code


def test_signer_is_loaded_once_per_identity(identity: SigningIdentity) -> None:
    seal_sign._signer_load.cache_clear()
    pdf_sign(_pdf(), identity)
    pdf_sign(_pdf(), identity)
    assert seal_sign._signer_load.cache_info().misses == 1


def test_signing_something_else_than_a_pdf_is_a_typed_error(identity: SigningIdentity) -> None:
    with pytest.raises(SealError) as raised:
        pdf_sign(b"not a pdf", identity)
    assert raised.value.code == SEAL_SIGN_FAILED.code

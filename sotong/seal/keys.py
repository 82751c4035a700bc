"""The instance's signing identity: made once on first start, or brought by the agency.

An agency may bring its own key and certificate: put an **unencrypted PEM** private key (PKCS#8 or
traditional; RSA or EC) at ``key_path`` and its PEM X.509 certificate at ``cert_path``. Otherwise the
first caller makes an EC P-256 key and a self-signed certificate, valid ten years. Verification needs
only the certificate (``certificate_pem``), never the key.

Creation runs under an exclusive ``flock`` on a sibling ``.lock`` file (POSIX), and each file is
written to a temporary name and moved into place, so two processes starting at once end with one
identity and never a half-written file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from sotong.seal.errors import (
    SEAL_IDENTITY_HALF_MISSING,
    SEAL_IDENTITY_MISMATCH,
    SEAL_IDENTITY_UNREADABLE,
    SealError,
)

VALIDITY = timedelta(days=3653)  # ten years: a published copy should verify for as long as it is kept
# RFC 9336 id-kp-documentSigning says what the key is for. emailProtection is there for Poppler: NSS
# checks a PDF signer as an e-mail signer, and without it pdfsig reports "Unknown issue with
# Certificate" instead of "Certificate issuer is unknown" (measured with pdfsig 22.12). pyHanko
# accepts any extended key usage by default.
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
EXTENDED_KEY_USAGES = [DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]


@dataclass(frozen=True)
class SigningIdentity:
    """Where the key and certificate live; the files are read when signing, never held here."""

    key_path: Path
    cert_path: Path


def signing_identity_ensure(
    key_path: Path, cert_path: Path, *, common_name: str, organization: str
) -> SigningIdentity:
    """Use the key and certificate that exist, or make both; one without the other is an error."""
    identity = SigningIdentity(key_path=Path(key_path), cert_path=Path(cert_path))
    if not _identity_present(identity):
        # Re-check under the lock: another process may have made the pair while we waited.
        with _creation_lock(identity.key_path):
            if not _identity_present(identity):
                _identity_create(identity, common_name=common_name, organization=organization)
    _identity_check(identity)
    return identity


def certificate_pem(identity: SigningIdentity) -> bytes:
    """The certificate alone, re-encoded as PEM, for the public "verify a copy" page to publish."""
    return _certificate_load(identity.cert_path).public_bytes(serialization.Encoding.PEM)


def _identity_present(identity: SigningIdentity) -> bool:
    key_exists, cert_exists = identity.key_path.exists(), identity.cert_path.exists()
    if key_exists != cert_exists:
        present, missing = (
            (identity.key_path, identity.cert_path) if key_exists else (identity.cert_path, identity.key_path)
        )
        raise SealError(SEAL_IDENTITY_HALF_MISSING, present=present, missing=missing)
    return key_exists


@contextlib.contextmanager
def _creation_lock(key_path: Path) -> Iterator[None]:
    key_path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = key_path.with_name(key_path.name + ".lock")
    with lock_path.open("a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _identity_create(identity: SigningIdentity, *, common_name: str, organization: str) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "KR")]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    name = x509.Name(attributes)
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))  # tolerate a little clock skew on readers
        .not_valid_after(now + VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(), critical=True)
        .add_extension(x509.ExtendedKeyUsage(EXTENDED_KEY_USAGES), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # The certificate goes first: a crash in between leaves a certificate without a key, which the
    # next start reports instead of silently making a key that no published certificate matches.
    _write_atomic(identity.cert_path, certificate.public_bytes(serialization.Encoding.PEM), mode=0o644)
    _write_atomic(identity.key_path, key_pem, mode=0o600)


def _key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,  # nonRepudiation: what pyHanko expects of a document signer
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def _write_atomic(path: Path, data: bytes, *, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # created 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _identity_check(identity: SigningIdentity) -> None:
    """Fail at start, not at the first signature, when the files are unreadable or mismatched."""
    certificate = _certificate_load(identity.cert_path)
    try:
        key = serialization.load_pem_private_key(identity.key_path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise SealError(SEAL_IDENTITY_UNREADABLE, path=identity.key_path, reason=error) from error
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*spki) != certificate.public_key().public_bytes(*spki):
        raise SealError(SEAL_IDENTITY_MISMATCH, key_path=identity.key_path, cert_path=identity.cert_path)


def _certificate_load(path: Path) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError) as error:
        raise SealError(SEAL_IDENTITY_UNREADABLE, path=path, reason=error) from error

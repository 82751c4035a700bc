"""The seal's typed errors: one class, named messages saying how to fix each problem (STYLE 8, 11)."""

from __future__ import annotations

from sotong.core.errors import BilingualError, Message

SEAL_IDENTITY_HALF_MISSING = Message(
    code="seal_identity_half_missing",
    ko="서명 키와 인증서 중 하나만 있습니다 (있음: {present}, 없음: {missing}). 기관의 키와 인증서를 함께 두거나, "
    "새로 만들려면 남은 파일을 치운 뒤 다시 시작하십시오. 이미 공개한 사본은 이전 인증서로만 검증됩니다.",
    en="Only one of the signing key and certificate exists (present: {present}, missing: {missing}). Put the "
    "agency's key and certificate together, or move the remaining file away and start again to create a new "
    "pair; copies already published verify only against the old certificate.",
)
SEAL_IDENTITY_UNREADABLE = Message(
    code="seal_identity_unreadable",
    ko="서명 키나 인증서를 읽을 수 없습니다 ({path}: {reason}). 키는 암호 없는 PEM 개인 키, 인증서는 PEM X.509 "
    "인증서여야 합니다. 암호가 걸린 키는 'openssl pkey -in 키.pem -out 새키.pem'으로 풀어 두십시오.",
    en="Cannot read the signing key or certificate ({path}: {reason}). The key must be an unencrypted PEM "
    "private key and the certificate a PEM X.509 certificate; decrypt a protected key with "
    "'openssl pkey -in key.pem -out newkey.pem'.",
)
SEAL_IDENTITY_MISMATCH = Message(
    code="seal_identity_mismatch",
    ko="서명 키가 인증서와 짝이 맞지 않습니다 (키: {key_path}, 인증서: {cert_path}). 같은 키로 발급된 인증서를 "
    "두십시오.",
    en="The signing key does not match the certificate (key: {key_path}, certificate: {cert_path}). Use the "
    "certificate issued for this key.",
)
SEAL_SIGN_FAILED = Message(
    code="seal_sign_failed",
    ko="PDF에 서명하지 못했습니다 ({reason}). 공개본 PDF가 온전한지 확인하고 다시 만드십시오.",
    en="Could not sign the PDF ({reason}). Check that the public PDF is well formed and render it again.",
)


class SealError(BilingualError):
    """The signing identity or a PDF to sign is unusable; the run records it and goes on."""

"""``sotong verify FILE``: is this copy of a public PDF genuine, altered, or not ours?

Exit status: 0 genuine, 1 altered, 2 unknown (scripts can branch on it), 3 the file cannot be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sotong.publication.verification import MAX_VERIFY_BYTES, copy_verify
from sotong.seal.verify import Verdict

EXIT = {Verdict.GENUINE: 0, Verdict.ALTERED: 1, Verdict.UNKNOWN: 2}
LABEL = {
    Verdict.GENUINE: "진본 / genuine",
    Verdict.ALTERED: "변조 / altered",
    Verdict.UNKNOWN: "확인 불가 / unknown",
}


class Command(BaseCommand):
    help = "공개본 PDF 사본의 진위 확인 / check whether a copy of a public PDF is genuine"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            if file.stat().st_size > MAX_VERIFY_BYTES:
                raise CommandError(
                    f"파일이 너무 큽니다(최대 {MAX_VERIFY_BYTES // 2**20}MB): {file} / "
                    f"the file is too large (at most {MAX_VERIFY_BYTES // 2**20} MB)",
                    returncode=3,
                )
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(
                f"파일을 읽을 수 없습니다: {file} ({error.strerror}) / cannot read the file", returncode=3
            ) from error
        result = copy_verify(content)
        seal = result.seal
        self.stdout.write(f"{LABEL[seal.verdict]}: {file}")
        self.stdout.write(f"  {seal.reason_ko}")
        self.stdout.write(f"  {seal.reason_en}")
        self.stdout.write(f"  SHA-256: {seal.sha256}")
        if seal.signer:
            self.stdout.write(f"  서명자 / signer: {seal.signer}")
        if seal.signed_at:
            self.stdout.write(f"  서명 시각 / signed at: {seal.signed_at.isoformat()}")
        if result.published is not None:
            self.stdout.write(
                f"  공개 문서 / published as: {result.published.record.public_id} ({result.published.name})"
            )
        elif seal.verdict == Verdict.GENUINE:
            self.stdout.write("  이후 공개본이 갱신되었습니다 / a newer public copy has replaced this one")
        if seal.verdict != Verdict.GENUINE:
            raise SystemExit(EXIT[seal.verdict])

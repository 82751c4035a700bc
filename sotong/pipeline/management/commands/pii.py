"""``sotong pii scan|mask FILE [--organization NAME]``: check the personal-information detectors by hand.

Thin by design (STYLE 3): read the file through the converters, run ``detect``, print. ``mask``
is a preview, so it blanks every finding, names included, although the pipeline only masks
``AUTO_MASK_KINDS`` on its own and leaves names to a reviewer.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sotong.core.errors import BilingualError, Message
from sotong.organizations.models import Organization
from sotong.pipeline.converters import ExtractionError
from sotong.pipeline.converters.registry import extract_text
from sotong.pipeline.detectors import Finding, PublicContacts, detect, mask_text

EXIT_BAD_INPUT = 1
UNKNOWN_ORGANIZATION = Message(
    code="unknown_organization",
    ko="기관을 찾을 수 없습니다({name}). 'sotong import-organizations'로 불러온 기관 이름을 그대로 쓰십시오.",
    en="No such organization ({name}). Use the exact name of an organization loaded with 'sotong import-organizations'.",
)


class PiiCommandError(BilingualError):
    """The organization named on the command line does not exist."""


class Command(BaseCommand):
    help = (
        "개인정보 탐지 결과를 보여 줍니다 / show what the personal-information detectors find. "
        "scan: JSON lines; mask: the text with every finding blanked, names included (a preview: "
        "the pipeline itself masks names only after review)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        for action, text in (
            ("scan", "print findings as JSON lines / 탐지 결과를 JSON 줄로 출력"),
            (
                "mask",
                "print the text with every finding, names included, masked / 모든 탐지 결과(이름 포함)를 가린 본문 출력",
            ),
        ):
            sub = actions.add_parser(action, help=text, description=text)
            sub.add_argument("file", help="TXT, PDF, DOCX, XLSX, HWP or HWPX file")
            sub.add_argument(
                "--organization",
                default=None,
                help="whose officials' work contacts are public / 공무원 업무 연락처를 공개로 볼 기관 이름",
            )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            public = _public_contacts(options["organization"])
            path = Path(options["file"])
            text = extract_text(path, filename=path.name, mime_type=None).text
        except (ExtractionError, PiiCommandError) as error:
            self.stderr.write(f"{error.code}: {error.message_ko}\n{error.message_en}")
            sys.exit(EXIT_BAD_INPUT)
        findings = detect(text, public=public)
        if options["action"] == "mask":
            self.stdout.write(mask_text(text, ((f.start, f.end) for f in findings)))
            return
        for finding in findings:
            self.stdout.write(json.dumps(_as_row(finding), ensure_ascii=False))


def _public_contacts(name: str | None) -> PublicContacts:
    if name is None:
        return PublicContacts()
    organization = Organization.objects.filter(name=name).first()
    if organization is None:
        raise PiiCommandError(UNKNOWN_ORGANIZATION, name=name)
    return PublicContacts.from_config(organization.official_contacts or {})


def _as_row(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "start": finding.start,
        "end": finding.end,
        "confidence": finding.confidence,
        "detector": finding.detector,
    }

"""``sotong pii scan|mask``: JSON lines, a length-preserving preview, public contacts from the
organization, and bad input in both languages with exit status 1.

The command is called as an instance so that the tests do not depend on app discovery.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from sotong.organizations.tests.factories import OrganizationFactory
from sotong.pipeline.management.commands.pii import Command

LETTER = "민원인: 한서윤\n연락처 010-4821-7730, 담당 02-3153-9421\n"


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(Command(), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    return path


def test_scan_prints_one_json_line_per_finding(letter: Path) -> None:
    out, _ = run("scan", str(letter))
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["kind"] for row in rows] == ["person_name", "phone", "phone"]
    assert set(rows[0]) == {"kind", "start", "end", "confidence", "detector"}


@pytest.mark.django_db
def test_scan_treats_the_organizations_official_contacts_as_public(letter: Path) -> None:
    OrganizationFactory(
        name="마포구", official_contacts={"phone_prefixes": ["02-3153-"], "email_domains": []}
    )
    out, _ = run("scan", str(letter), "--organization", "마포구")
    assert [json.loads(line)["kind"] for line in out.splitlines()] == ["person_name", "phone"]


def test_mask_blanks_every_finding_names_included_and_keeps_length(letter: Path) -> None:
    out, _ = run("mask", str(letter))
    assert out == "민원인: ***\n연락처 *************, 담당 ************\n"
    assert len(out) == len(LETTER)


@pytest.mark.django_db
def test_an_unknown_organization_is_a_bilingual_error(letter: Path) -> None:
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command(Command(), "scan", str(letter), "--organization", "없는구", stderr=err)
    assert exit_info.value.code == 1
    assert "기관을 찾을 수 없습니다(없는구)" in err.getvalue()
    assert "No such organization (없는구)" in err.getvalue()


def test_an_unreadable_file_is_a_bilingual_error_with_status_1(tmp_path: Path) -> None:
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command(Command(), "scan", str(tmp_path / "missing.pdf"), stderr=err)
    assert exit_info.value.code == 1
    assert "file_unreadable: 파일을 읽을 수 없습니다" in err.getvalue()
    assert "The file cannot be read" in err.getvalue()

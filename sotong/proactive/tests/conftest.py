"""Fixtures of the catalogue's tests: the real September 2020 list, small hand-made lists, people."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from sotong.accounts.tests.factories import OfficialFactory
from sotong.proactive.importer import ProactiveImportSummary, proactive_import
from sotong.proactive.rows import COLUMNS

CITIZEN_RRN = "800101-1234567"
CITIZEN_PHONE = "010-9876-5432"

ROW = {
    "nid": "1", "category": "행정", "title": "2020년 8월 민원처리 실적", "writer": "홍길순", "dept_nm": "시민봉사담당관",
    "regist_dt": "20200902095425", "taxonomy": "행정ㆍ기타>민원행정서비스>민원처리실적>유형별 민원처리실적",
    "telno": "02-2133-7908", "cpyrht": "CC BY", "url": "https://opengov.seoul.go.kr/public/1",
}  # fmt: skip

WriteList = Callable[..., Path]


@pytest.fixture
def public_list(demo_data: Path) -> Path:
    return demo_data / "opengov" / "20200901_20200930_public_list.csv"


@pytest.fixture
def imported(db: None, public_list: Path) -> ProactiveImportSummary:
    return proactive_import(path=public_list, actor="test")


@pytest.fixture
def write_list(tmp_path: Path) -> WriteList:
    """``write_list({"nid": "2", "title": …}, …)``: a list file of rows that differ from ``ROW``."""

    def write(*changes: dict[str, str], name: str = "list.csv", bom: bool = False) -> Path:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({**ROW, **change} for change in changes)
        path = tmp_path / name
        path.write_text(("\ufeff" if bom else "") + out.getvalue(), encoding="utf-8")
        return path

    return write


@pytest.fixture
def officer(db: None):
    return OfficialFactory(user__username="proactive-officer", user__officer=True)


@pytest.fixture
def official(db: None):
    return OfficialFactory(user__username="proactive-official")

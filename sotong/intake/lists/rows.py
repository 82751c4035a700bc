"""The one normalized row every list shape and column generation turns into."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class InfoType(StrEnum):
    """Which of Seoul's lists a row came from; the values are the portal's own Korean names."""

    # 결재문서 목록 (info_list): every approved document, one row each, keyed by package_id.
    SANCTION = "결재문서"
    # 사전정보공표 (public_list): information published proactively, keyed by nid.
    PROACTIVE = "사전정보공표"
    # 업무추진비 (expense_list): one row per spending line, so one nid repeats over several rows.
    EXPENSE = "업무추진비"
    # 정책연구 (research_list): policy research reports, keyed by nid.
    RESEARCH = "정책연구자료"


# The three grades of 정보공개법; anything else in 공개구분 is a bad row, empty means "not stated".
GRADES = ("공개", "부분공개", "비공개")


@dataclass(frozen=True, slots=True, kw_only=True)
class ListRow:
    """One good row. Text is stripped and single-line; empty optional values are ``None``.

    ``line`` locates the row for messages: the physical line where a CSV record starts (the
    header is line 1), or the 1-based record number in a JSON array or an XML ``<data>``.
    Compare rows from different files with ``line`` left out: it is where, not what.
    """

    source_id: str | None  # package_id (결재문서) or nid (the other lists)
    produced_on: date | None  # doc_prdctn_dt, else the date part of regist_dt
    task_card: str  # 단위과제카드명: tkcrd_nm / trck_card_nm
    title: str
    registration_number: str  # 문서번호: src_dept_doc_no / src_dept_doc_id; "" outside 결재문서
    writer: str
    retention_period: str  # 보존기간 as published: "10년", "준영구", "영구" …
    department: str  # rspnber_dept_nm / dept_nm; the deepest dept_nm_lvl_N for 업무추진비
    department_path: tuple[str, ...] = ()  # dept_nm_lvl_1..5 of 업무추진비, empty levels dropped
    grade: str | None  # one of GRADES, or None where the list leaves it empty
    licence: str | None  # cpyrht, e.g. "CC BY"
    url: str | None
    original_published: bool  # Seoul published the original: url ends in an id AND a licence
    info_type: InfoType
    category: str = ""  # 분야 of 사전정보공표 and 정책연구, as the source names it
    region: str = ""  # 지역 of 정책연구 (서울시전체, a district …)
    line: int

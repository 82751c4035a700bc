"""read_list on Seoul's real list files, read in place, and on broken files made in tmp_path.

The real files live outside the repository (``SOTONG_DEMO_DATA``, default ``../shared/data``);
they are never copied into it. Their facts are in ``opengov/SOURCES.md``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from sotong.core.errors import Message
from sotong.intake.lists import errors
from sotong.intake.lists.errors import ListFormatError, RowError
from sotong.intake.lists.readers import read_list
from sotong.intake.lists.rows import InfoType, ListRow

REPO = Path(__file__).resolve().parents[4]
OPENGOV = Path(os.environ.get("SOTONG_DEMO_DATA", REPO.parent / "shared" / "data")) / "opengov"
WEEK = "20210208_20210214_info_list.csv"
HEADER_2021 = (
    "package_id,doc_prdctn_dt,tkcrd_nm,title,src_dept_doc_no,writer,othbc_pd,rspnber_dept_nm,"
    "othbc_se,cpyrht,url"
)
GOOD = (  # package 210416447984000 of the week, as Seoul published it
    "210416447984000,20210210,관용차량관리,차량운행일지,현장민원과-2711,권용기,10년,현장민원과,,"
    "CC BY,https://opengov.seoul.go.kr/sanction/22233189"
)


def real(name: str) -> Path:
    path = OPENGOV / name
    if not path.is_file():
        pytest.skip(f"Seoul's list {path} is not here: set SOTONG_DEMO_DATA to the shared data folder")
    return path


def rows_of(path: Path) -> list[ListRow]:
    """The rows of a file that must have no bad row."""
    rows = list(read_list(path))
    assert [row for row in rows if isinstance(row, RowError)] == []
    return [row for row in rows if isinstance(row, ListRow)]


def content(row: ListRow) -> ListRow:
    """The row without where it came from, to compare the same record read from two files."""
    return dataclasses.replace(row, line=0)


def write(tmp_path: Path, text: str, *, name: str = "list.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def sanction_csv(*lines: str) -> str:
    return "\r\n".join((HEADER_2021, *lines)) + "\r\n"


def with_field(line: str, column: str, value: str) -> str:
    cells = next(csv.reader([line]))
    cells[HEADER_2021.split(",").index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)  # quotes a value holding a line break
    return out.getvalue().removesuffix("\r\n")


def assert_error(error: ListFormatError | RowError, message: Message, **fields: object) -> None:
    """The error is ``message`` filled with ``fields``, word for word in both languages."""
    assert error.code == message.code
    assert (error.message_ko, error.message_en) == message.format(**fields)


@pytest.fixture(scope="module")
def week() -> list[ListRow]:
    return rows_of(real(WEEK))


# --- one week of 결재문서, the full CSV --------------------------------------------------------------


def test_week_csv_yields_3657_rows_each_with_its_own_source_id(week: list[ListRow]) -> None:
    assert len(week) == 3657
    assert all(row.source_id for row in week)
    assert len({row.source_id for row in week}) == 3657
    assert {row.info_type for row in week} == {InfoType.SANCTION}
    assert all(date(2021, 2, 8) <= row.produced_on <= date(2021, 2, 14) for row in week if row.produced_on)


def test_week_csv_grade_is_partly_public_for_one_package_and_unknown_for_the_rest(
    week: list[ListRow],
) -> None:
    graded = [row for row in week if row.grade is not None]
    assert [(row.source_id, row.grade) for row in graded] == [("210416453141000", "부분공개")]


def test_two_distinct_documents_share_registration_number_sobang_1424(week: list[ListRow]) -> None:
    sharing = [row for row in week if row.registration_number == "소방행정과-1424"]
    assert len(sharing) == 2
    assert sharing[0].source_id != sharing[1].source_id
    assert sharing[0].title != sharing[1].title


def test_234_registration_numbers_are_shared_by_two_or_more_rows(week: list[ListRow]) -> None:
    counts = Counter(row.registration_number for row in week)
    assert sum(1 for count in counts.values() if count >= 2) == 234
    assert len(counts) == 3318
    assert counts["현장대응단-1024"] == 6  # the most shared number of the week


@pytest.mark.parametrize(
    ("part", "first"),
    [
        ("20210208_20210214_info_list_part.json", 0),
        ("20210208_20210214_info_list_part.xml", 500),
        ("20210208_20210214_info_list_part_oldcolumns.csv", 1000),
    ],
)
def test_part_rows_equal_the_full_csv_rows_field_for_field(
    week: list[ListRow], part: str, first: int
) -> None:
    rows = rows_of(real(part))
    assert len(rows) == 500
    assert [content(row) for row in rows] == [content(row) for row in week[first : first + 500]]


def test_json_and_xml_rows_are_numbered_by_record_and_csv_rows_by_line(week: list[ListRow]) -> None:
    assert [row.line for row in rows_of(real("20210208_20210214_info_list_part.xml"))][:2] == [1, 2]
    assert week[0].line == 2  # the header is line 1


def test_original_published_needs_a_url_ending_in_an_id_and_a_licence(week: list[ListRow]) -> None:
    by_id = {row.source_id: row for row in week}
    published = by_id["210416447984000"]
    assert (published.licence, published.url) == (
        "CC BY",
        "https://opengov.seoul.go.kr/sanction/22233189",
    )
    assert published.original_published is True
    listed_only = by_id["210416447961000"]
    assert (listed_only.licence, listed_only.url) == (None, "https://opengov.seoul.go.kr/sanction/")
    assert listed_only.original_published is False
    assert sum(row.original_published for row in week) == 1819


def test_url_ending_in_an_id_without_a_licence_is_not_an_original_published() -> None:
    expense = rows_of(real("202009_expense_list.csv"))
    assert all(row.url and row.url[-1].isdigit() and row.licence is None for row in expense)
    assert not any(row.original_published for row in expense)


# --- the other lists -----------------------------------------------------------------------------


def test_public_list_keeps_category_and_dates_from_regist_dt() -> None:
    rows = rows_of(real("20200901_20200930_public_list.csv"))
    assert len(rows) == 22
    first = rows[0]
    assert (first.info_type, first.source_id, first.category) == (
        InfoType.PROACTIVE,
        "21096709",
        "주택도시계획",
    )
    assert (first.produced_on, first.department, first.writer) == (
        date(2020, 9, 1),
        "주거정비과",
        "김예원",
    )
    assert rows[1].title == "2020년 8월 서울시립대학교 기획처장 업무추진비 공개"  # trailing space stripped
    assert all(row.original_published and row.registration_number == "" for row in rows)


def test_expense_list_department_path_comes_from_the_five_levels() -> None:
    rows = rows_of(real("202009_expense_list.csv"))
    assert len(rows) == 102
    # One row per spending line, not per document: the 102 rows are 20 documents, and the rows of
    # one document are equal apart from their line.
    assert len({row.source_id for row in rows}) == 20
    assert len({content(row) for row in rows}) == 20
    first = rows[0]
    assert first.info_type == InfoType.EXPENSE
    assert first.department_path == ("사업소", "상수도사업본부", "광암아리수정수센터", "행정관리팀")
    assert first.department == "행정관리팀"
    fire = next(row for row in rows if row.source_id == "21297021")
    assert (fire.department_path, fire.department) == (
        ("소방재난본부(소방서)", "도봉소방서"),
        "도봉소방서",
    )
    assert all(row.produced_on is None for row in rows)  # the list has no production date


def test_research_list_has_3617_rows_and_a_title_broken_over_two_lines_comes_out_on_one() -> None:
    rows = rows_of(real("20200901_20200930_research_list_part.csv"))
    assert len(rows) == 3617
    assert {row.info_type for row in rows} == {InfoType.RESEARCH}
    broken = next(row for row in rows if row.source_id == "6410120")
    assert broken.title == (
        "Residual Chlorine Management in Water Distribution System"
        " Using Network Modelling Technique - Case Study in Seoul City"
    )
    after = rows[rows.index(broken) + 1]
    assert (broken.line, after.line) == (84, 86)  # the broken title takes lines 84 and 85
    # doc_prdctn_dt (2015-01-27) wins over regist_dt (2015-10-22)
    assert (rows[0].produced_on, rows[0].category) == (date(2015, 1, 27), "복지")
    assert {row.region for row in rows} == {"서울시전체"}  # the region column, for browsing by region


def test_list_kind_is_told_from_the_content_not_the_file_name(tmp_path: Path) -> None:
    json_named_csv = write(tmp_path, real("20210208_20210214_info_list_part.json").read_text(), name="x.csv")
    assert len(rows_of(json_named_csv)) == 500


# --- broken files --------------------------------------------------------------------------------


def test_unknown_csv_header_raises_list_format_error_naming_the_expected_columns(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "번호,제목\n1,시험\n")
    with pytest.raises(ListFormatError) as raised:
        read_list(path)  # at the call: no row has come out
    error = raised.value
    assert error.code == errors.LIST_UNKNOWN_FORMAT.code
    assert error.message_ko.startswith(
        "알 수 없는 목록 형식입니다: 첫 줄(JSON·XML은 첫 레코드)의 열이 번호, 제목입니다"
    )
    assert "결재문서: package_id, doc_prdctn_dt, tkcrd_nm|trck_card_nm, title" in error.message_ko
    assert error.message_en.startswith("Unknown list format")
    assert "정책연구자료: nid, title" in error.message_en


def test_document_list_without_a_column_says_which_column_is_missing(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER_2021.removesuffix(",url") + "\n")
    with pytest.raises(ListFormatError) as raised:
        read_list(path)
    assert raised.value.code == errors.LIST_MISSING_COLUMNS.code
    assert raised.value.message_ko.startswith("결재문서 목록으로 보이지만 열이 빠졌습니다: url.")


@pytest.mark.parametrize(
    ("column", "value", "message", "fields"),
    [
        ("title", "  ", errors.ROW_MISSING_TITLE, {}),
        ("package_id", "", errors.ROW_MISSING_SOURCE_ID, {}),
        ("src_dept_doc_no", "", errors.ROW_MISSING_REGISTRATION_NUMBER, {}),
        ("doc_prdctn_dt", "20210230", errors.ROW_BAD_DATE, {"value": "20210230"}),
        ("doc_prdctn_dt", "2021-02-10", errors.ROW_BAD_DATE, {"value": "2021-02-10"}),
        ("othbc_se", "공게", errors.ROW_BAD_GRADE, {"value": "공게"}),
    ],
)
def test_bad_row_is_a_row_error_and_the_following_rows_still_come(
    tmp_path: Path, column: str, value: str, message: Message, fields: dict[str, str]
) -> None:
    path = write(tmp_path, sanction_csv(GOOD, with_field(GOOD, column, value), GOOD))
    first, bad, after = read_list(path)
    assert isinstance(first, ListRow)
    assert isinstance(after, ListRow)
    assert after.line == 4
    assert isinstance(bad, RowError)
    assert (bad.line, bad.field) == (3, column)
    assert_error(bad, message, field=column, **fields)


def test_empty_dates_and_grades_are_allowed_and_mean_not_stated(tmp_path: Path) -> None:
    path = write(tmp_path, sanction_csv(with_field(GOOD, "doc_prdctn_dt", "")))
    (row,) = rows_of(path)
    assert (row.produced_on, row.grade) == (None, None)


def test_row_with_too_few_columns_is_a_row_error(tmp_path: Path) -> None:
    path = write(tmp_path, sanction_csv("210416447984000,20210210,관용차량관리", GOOD))
    bad, good = read_list(path)
    assert isinstance(bad, RowError)
    assert_error(bad, errors.ROW_COLUMN_COUNT, field=None, found=3, expected=11)
    assert isinstance(good, ListRow)


def test_title_with_line_breaks_collapses_to_one_space(tmp_path: Path) -> None:
    path = write(tmp_path, sanction_csv(with_field(GOOD, "title", " 차량\r\n  운행일지\n")))
    assert rows_of(path)[0].title == "차량 운행일지"


def test_cp949_csv_reads_like_its_utf8_original(tmp_path: Path) -> None:
    text = "\r\n".join(real(WEEK).read_text(encoding="utf-8").splitlines()[:51]) + "\r\n"
    utf8 = rows_of(write(tmp_path, text, name="utf8.csv"))
    cp949 = rows_of(write(tmp_path, text, name="cp949.csv", encoding="cp949"))
    bom = rows_of(write(tmp_path, text, name="bom.csv", encoding="utf-8-sig"))
    assert len(utf8) == 50
    assert cp949 == utf8
    assert bom == utf8


@pytest.mark.parametrize("text", ["", "  \r\n\n"])
def test_empty_file_raises_list_empty(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ListFormatError) as raised:
        read_list(path)
    assert_error(raised.value, errors.LIST_EMPTY, path=path)


def test_missing_file_raises_unreadable(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError) as raised:
        read_list(tmp_path / "nowhere.csv")
    assert raised.value.code == errors.LIST_UNREADABLE.code


def test_neither_utf8_nor_cp949_raises_bad_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, sanction_csv(GOOD), encoding="utf-16")
    with pytest.raises(ListFormatError) as raised:
        read_list(path)
    assert raised.value.code == errors.LIST_BAD_ENCODING.code
    assert raised.value.message_ko.startswith("목록 파일의 문자 인코딩이 UTF-8도 CP949(EUC-KR)도 아닙니다")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE data [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<data><Document0><package_id>1</package_id><title>&lol9;</title></Document0></data>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE data [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<data><Document0><package_id>1</package_id><title>&secret;</title></Document0></data>
"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_hostile_xml_is_refused_with_a_typed_error(tmp_path: Path, xml: str) -> None:
    path = write(tmp_path, xml, name="list.xml")
    with pytest.raises(ListFormatError) as raised:
        read_list(path)
    assert_error(raised.value, errors.LIST_HOSTILE_XML, detail="DTDForbidden")


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ('[{"package_id": "1", "title": ', "JSON"),
        ("<data><Document0><title>x</Document0></data>", "XML"),
    ],
)
def test_malformed_json_or_xml_raises_list_malformed(tmp_path: Path, text: str, shape: str) -> None:
    with pytest.raises(ListFormatError) as raised:
        read_list(write(tmp_path, text))
    assert raised.value.code == errors.LIST_MALFORMED.code
    assert raised.value.message_en.startswith(f"The {shape} list is malformed")


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ('{"data": []}', "the JSON top level is an object"),
        ('[1, "two"]', "no item of the JSON array is an object"),
        (
            "<RESULT><CODE>INFO-200</CODE><MESSAGE>없음</MESSAGE></RESULT>",
            "no child of <RESULT> has fields",
        ),
        ("<error>Service unavailable</error>", "no child of <error> has fields"),
    ],
)
def test_json_or_xml_that_is_not_a_list_of_records_is_refused(tmp_path: Path, text: str, detail: str) -> None:
    with pytest.raises(ListFormatError) as raised:
        read_list(write(tmp_path, text))
    assert_error(raised.value, errors.LIST_NOT_A_LIST, detail=detail)


def test_json_item_that_is_not_an_object_is_a_row_error(tmp_path: Path) -> None:
    good = dict.fromkeys(HEADER_2021.split(","), "") | {
        "package_id": 210416447984000,  # a number: read as its digits
        "title": "차량운행일지",
        "src_dept_doc_no": "현장민원과-2711",
    }
    bad, row = read_list(write(tmp_path, json.dumps([["not", "an", "object"], good])))
    assert isinstance(bad, RowError)
    assert_error(bad, errors.ROW_NOT_A_RECORD, field=None, found="array")
    assert isinstance(row, ListRow)
    assert (row.source_id, row.line) == ("210416447984000", 2)


@pytest.mark.parametrize("text", ["[]", "<data/>", HEADER_2021 + "\n"])
def test_a_list_with_no_rows_yields_nothing(tmp_path: Path, text: str) -> None:
    assert list(read_list(write(tmp_path, text))) == []

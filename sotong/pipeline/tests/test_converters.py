"""The extraction stage's converters, on real HWP/HWPX samples and on files built or broken here."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hwpx.hwp5 import records

from sotong.core.errors import Message
from sotong.pipeline import extract_cli
from sotong.pipeline.converters import ExtractionError, archive, extract_text, registry
from sotong.pipeline.converters import errors as messages
from sotong.pipeline.tests import factories

HWP_FORM = "hwpjs_(양식7-대리인)위임장.hwp"
HWP_REPORT = "hwpjs_basicsReport.hwp"
ALL_SAMPLES = [
    HWP_FORM,
    HWP_REPORT,
    "hwpxlib_SimpleTable.hwpx",
    "hwpxlib_blank.hwpx",
    "hwpxlib_no_manifest.hwpx",
    "hwpxlib_sample1.hwpx",
    "hwpxlib_프로젝트 계획서.hwpx",
]
HWP_PASSWORD_BIT = 1 << 1
HWP_DISTRIBUTION_BIT = 1 << 2


def raises_code(message: Message, path: Path, **kwargs: str) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract_text(path, **kwargs)
    assert caught.value.code == message.code
    return caught.value


def garbage(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 0x20 and c not in "\n\t") or c == "\ufffd"]


# --- real samples -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_SAMPLES)
def test_sample_text_has_no_control_characters_and_is_nfc(samples: Path, name: str) -> None:
    text = extract_text(samples / name).text
    assert garbage(text) == []
    assert "\r" not in text
    assert unicodedata.is_normalized("NFC", text)


def test_hwp_proxy_form_yields_its_heading_and_clauses(samples: Path) -> None:
    extracted = extract_text(samples / HWP_FORM)
    assert extracted.converter == "hwp"
    assert extracted.text.startswith("위  임  장\n")
    assert "행복주택 예비입주자 모집에 관한 일체를 위임하고," in extracted.text
    assert "2. 수 임 인(대리인)" in extracted.text
    assert extracted.text.endswith("한국토지주택공사 경남지역본부장 귀하")


def test_hwp_report_table_cells_are_tab_separated(samples: Path) -> None:
    text = extract_text(samples / HWP_REPORT).text
    assert "리포트의 제목\n두 줄로 작성" in text
    assert "과목명\t○○○○\n담당교수\t○○○" in text
    assert "R E P O R T" in text
    assert "‘본문 대제목’ 으로 작성합니다." in text


def test_hwp_report_whitespace_only_lines_collapse(samples: Path) -> None:
    text = extract_text(samples / HWP_REPORT).text
    assert "\n\n\n" not in text
    assert all(line == line.rstrip(" ") for line in text.split("\n"))


def test_hwpx_without_manifest_is_still_read(samples: Path) -> None:
    text = extract_text(samples / "hwpxlib_no_manifest.hwpx").text
    assert text.startswith("입 법 예 고\n울산광역시 남구 공고 제2021-174호")
    assert "울산광역시 남구 구세 조례 일부개정조례안" in text
    assert "‘재산분’의 명칭을 ‘사업소분’으로 개정" in text


def test_hwpx_table_rows_are_tab_separated(samples: Path) -> None:
    assert extract_text(samples / "hwpxlib_SimpleTable.hwpx").text == "1\t2\n3\n5\t4"


def test_hwpx_form_template_yields_its_labels(samples: Path) -> None:
    text = extract_text(samples / "hwpxlib_프로젝트 계획서.hwpx").text
    assert text.startswith("프로젝트계획서\nPROJECT PROPOSAL")
    assert "프로젝트 이름\t\t프로젝트 이름을 입력해 주세요." in text
    assert "참가자 성명\t\t고길동\t홍길동" in text


def test_hwpx_sample_paragraphs(samples: Path) -> None:
    assert extract_text(samples / "hwpxlib_sample1.hwpx").text == "수학\n  우리는 수학 이다.더"


def test_blank_hwpx_yields_empty_text(samples: Path) -> None:
    extracted = extract_text(samples / "hwpxlib_blank.hwpx")
    assert (extracted.text, extracted.converter, extracted.pages) == ("", "hwpx", None)


# --- choosing a converter -----------------------------------------------------------------


def test_hwpx_named_hwp_goes_to_the_hwpx_converter(samples: Path) -> None:
    extracted = extract_text(samples / "hwpxlib_sample1.hwpx", filename="공고.hwp")
    assert extracted.converter == "hwpx"
    assert "수학" in extracted.text


def test_hwp_named_hwpx_goes_to_the_hwp_converter(samples: Path) -> None:
    assert extract_text(samples / HWP_FORM, filename="위임장.hwpx").converter == "hwp"


def test_pdf_named_txt_goes_to_the_pdf_converter(tmp_path: Path) -> None:
    path = factories.make_pdf(tmp_path / "a.pdf", ["공개"])
    assert extract_text(path, filename="scan.txt").converter == "pdf"


def test_declared_mime_type_picks_the_converter_without_extension(tmp_path: Path) -> None:
    path = factories.make_pdf(tmp_path / "upload", ["공개"])
    extracted = extract_text(path, mime_type="application/pdf; charset=binary")
    assert extracted.converter == "pdf"


def test_unknown_extension_is_unsupported_and_names_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.xyz"
    path.write_text("회의록", encoding="utf-8")
    error = raises_code(messages.UNSUPPORTED_FORMAT, path)
    assert ".xyz" in error.message_ko
    assert ".xyz" in error.message_en


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    raises_code(messages.EMPTY_FILE, path)


def test_file_over_the_size_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("열 바이트를 넘는 글", encoding="utf-8")
    raises_code(messages.FILE_TOO_LARGE, path)


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    raises_code(messages.FILE_UNREADABLE, tmp_path / "nowhere.pdf")


# --- HWP 5.x --------------------------------------------------------------------------------


@pytest.mark.parametrize("bit", [HWP_PASSWORD_BIT, HWP_DISTRIBUTION_BIT])
def test_hwp_with_protection_flag_is_encrypted(samples: Path, tmp_path: Path, bit: int) -> None:
    path = factories.copy_hwp_with_flags(samples / HWP_FORM, tmp_path / "x.hwp", set_bits=bit)
    error = raises_code(messages.ENCRYPTED_FILE, path)
    assert "HWP" in error.message_ko


def test_hwp_body_that_does_not_inflate_is_corrupt(samples: Path, tmp_path: Path) -> None:
    path = factories.copy_hwp_with_garbage_body(samples / HWP_REPORT, tmp_path / "x.hwp")
    raises_code(messages.CORRUPT_FILE, path)


def test_truncated_hwp_is_corrupt(samples: Path, tmp_path: Path) -> None:
    raises_code(messages.CORRUPT_FILE, factories.truncated_copy(samples / HWP_REPORT, tmp_path / "x.hwp"))


def test_hwp_3_file_is_an_unsupported_version(tmp_path: Path) -> None:
    path = tmp_path / "old.hwp"
    path.write_bytes(b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + bytes(100))
    raises_code(messages.UNSUPPORTED_VERSION, path)


def test_hwp_body_inflating_past_the_limit_is_too_large(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(records, "MAX_INFLATED_BYTES", 1024)
    raises_code(messages.ARCHIVE_TOO_LARGE, samples / HWP_REPORT)


# --- ZIP packages: HWPX, DOCX, XLSX ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "member"),
    [("bomb.hwpx", "Contents/section0.xml"), ("bomb.docx", "word/document.xml")],
)
def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path, name: str, member: str) -> None:
    path = factories.make_zip_bomb(tmp_path / name, member=member)
    assert path.stat().st_size < 100 * 1024
    raises_code(messages.ARCHIVE_TOO_LARGE, path)


def test_package_declaring_more_than_the_total_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 1000)
    path = factories.make_docx(tmp_path / "a.docx", before="가", rows=[["1", "2"]], after="나")
    raises_code(messages.ARCHIVE_TOO_LARGE, path)


def test_package_with_too_many_members_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBERS", 2)
    path = factories.make_xlsx(tmp_path / "a.xlsx", {"표": [["가"]]})
    raises_code(messages.ARCHIVE_TOO_LARGE, path)


def test_hwpx_whose_manifest_declares_encryption_is_encrypted(tmp_path: Path) -> None:
    manifest = b"<odf:manifest><odf:file-entry><odf:encryption-data/></odf:file-entry></odf:manifest>"
    path = factories.make_zip(
        tmp_path / "locked.hwpx",
        {
            "mimetype": b"application/hwp+zip",
            "META-INF/manifest.xml": manifest,
            "Contents/header.xml": b"\x8f\x02 not xml",
            "Contents/section0.xml": b"\x13\x37 not xml",
        },
    )
    raises_code(messages.ENCRYPTED_FILE, path)


@pytest.mark.parametrize("name", ["locked.docx", "locked.xlsx"])
def test_password_protected_office_file_is_encrypted(tmp_path: Path, name: str) -> None:
    streams = {"EncryptionInfo": b"\x04\x00" * 50, "EncryptedPackage": b"\xa5" * 5000}
    path = factories.make_ole(tmp_path / name, streams)
    raises_code(messages.ENCRYPTED_FILE, path)


@pytest.mark.parametrize("source", ["hwpxlib_sample1.hwpx", "hwpxlib_no_manifest.hwpx"])
def test_truncated_hwpx_is_corrupt(samples: Path, tmp_path: Path, source: str) -> None:
    raises_code(messages.CORRUPT_FILE, factories.truncated_copy(samples / source, tmp_path / "x.hwpx"))


def test_docx_paragraphs_and_table_cells_come_in_order(tmp_path: Path) -> None:
    rows = [["구분", "(병합)", "비고"], ["인건비", "1,200", "정규직"]]
    path = factories.make_docx(tmp_path / "a.docx", before="예산 현황", rows=rows, after="끝.")
    extracted = extract_text(path)
    assert extracted.converter == "docx"
    assert extracted.text == "예산 현황\n구분\t비고\n인건비\t1,200\t정규직\n끝."


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    path = factories.make_docx(tmp_path / "a.docx", before="가", rows=[["1", "2"]], after="나")
    raises_code(messages.CORRUPT_FILE, factories.truncated_copy(path, tmp_path / "x.docx"))


def test_xlsx_gives_each_sheet_name_then_tab_separated_rows(tmp_path: Path) -> None:
    sheets: dict[str, list[list[object]]] = {
        "예산": [["항목", "금액", None], [None, None], ["인건비", 1200, None]],
        "일정": [["착수", "2025-03"]],
    }
    extracted = extract_text(factories.make_xlsx(tmp_path / "a.xlsx", sheets))
    assert extracted.converter == "xlsx"
    assert extracted.text == "예산\n항목\t금액\n인건비\t1200\n\n일정\n착수\t2025-03"


def test_truncated_xlsx_is_corrupt(tmp_path: Path) -> None:
    path = factories.make_xlsx(tmp_path / "a.xlsx", {"표": [["가", "나"]]})
    raises_code(messages.CORRUPT_FILE, factories.truncated_copy(path, tmp_path / "x.xlsx"))


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_korean_text_layer_and_page_count(tmp_path: Path) -> None:
    path = factories.make_pdf(tmp_path / "a.pdf", ["정보공개 청구서 제2025-1호", "둘째 쪽 본문"])
    extracted = extract_text(path)
    assert (extracted.converter, extracted.pages) == ("pdf", 2)
    assert extracted.text == "정보공개 청구서 제2025-1호\n\n둘째 쪽 본문"


def test_password_protected_pdf_is_encrypted(tmp_path: Path) -> None:
    path = factories.make_pdf(tmp_path / "a.pdf", ["비공개"], user_pw="secret")
    raises_code(messages.ENCRYPTED_FILE, path)


@pytest.mark.parametrize("keep", [0.5, 0.02])
def test_truncated_pdf_is_corrupt(tmp_path: Path, keep: float) -> None:
    path = factories.make_pdf(tmp_path / "a.pdf", ["정보공개"])
    raises_code(messages.CORRUPT_FILE, factories.truncated_copy(path, tmp_path / "x.pdf", keep=keep))


# --- plain text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "공공기관의 정보공개".encode(),
        "\ufeff공공기관의 정보공개".encode(),
        "공공기관의 정보공개".encode("cp949"),
        "공공기관의 정보공개".encode("euc-kr"),
        "\ufeff공공기관의 정보공개".encode("utf-16-le"),
    ],
    ids=["utf-8", "utf-8-bom", "cp949", "euc-kr", "utf-16-bom"],
)
def test_text_encodings_are_detected(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert extract_text(path).text == "공공기관의 정보공개"


def test_text_in_no_known_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\x80\x80\x80 binary")
    raises_code(messages.UNKNOWN_ENCODING, path)


def test_text_is_normalised(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "한글")
    path = tmp_path / "a.txt"
    path.write_bytes(f"{decomposed}\r\n첫\x00줄   \r\n\r\n\r\n\r\n\r\n둘\x07째\r\n".encode())
    assert extract_text(path).text == "한글\n첫줄\n\n둘째"


# --- messages and the command ---------------------------------------------------------------


def test_every_message_is_bilingual_with_a_unique_code() -> None:
    constants = [value for value in vars(messages).values() if isinstance(value, Message)]
    assert len({message.code for message in constants}) == len(constants) >= 9
    for message in constants:
        assert any("\uac00" <= char <= "\ud7a3" for char in message.ko), message.code
        assert message.en.isascii(), message.code
        assert message.ko.endswith("."), message.code


def test_cli_prints_the_text(samples: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert extract_cli.main([str(samples / "hwpxlib_SimpleTable.hwpx")]) == 0
    assert capsys.readouterr().out == "1\t2\n3\n5\t4\n"


def test_cli_prints_the_bilingual_error_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.hwp"
    path.write_bytes(b"")
    assert extract_cli.main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("empty_file: 빈 파일입니다.")
    assert "The file is empty." in captured.err

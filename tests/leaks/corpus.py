"""The planted corpus: one drop folder whose every non-public place holds a canary.

Why ASCII canaries: Kiwi splits a Korean word into morphemes and an ASCII token with digits into
letters and digits (``7f3a`` → ``7 f 3 a``), so a Korean or hex canary could sit in the index as
pieces no scan would recognise. A run of ASCII letters stays one token everywhere — in a page, a
PDF's text layer, a stored search field, an index term — so each canary is ``CNRY`` + what it marks
+ a random suffix of letters, fresh for every run (nothing left over from an earlier run can match).
Personal identifiers are their own canaries: they are ASCII digits with a shape the detectors know.

Every secret sits in its own record or file, so a failure names the place that leaked:

- WITHHELD (비공개): the body and its attachment.
- PARTIAL (부분공개 by the source): an officer-marked span in the TXT body and in a PDF attachment
  (``files[].marks``), and a masked part of the title (``title_marks``).
- ANNEX (공개, but its attachment alone graded 비공개 in the manifest).
- PII_TXT / PII_PDF / PII_DOCX (공개 by the source): every kind of personal information the
  detectors mask, once in a TXT body, once in a received PDF, one in a DOCX; a name and a phone
  in a title.
- Original metadata: the received PDFs' Info (Author, Subject, Keywords, Creator), XMP, a note
  annotation and an embedded file; the DOCX's core properties (author, comments, …).
- CLEAN_PDF (공개, nothing to mask): a received PDF published as a scrubbed copy — the one path
  that starts from the original's own bytes, so its metadata canaries matter most.

Positive controls (``PUBLIC``) sit in public fields of the same kinds of file: a TXT body, a
public title, the unmasked text of both received PDFs and of the DOCX, and the unmasked part of the
partly disclosed body. The suite must find them, or a scan that finds nothing proves nothing.
"""

from __future__ import annotations

import json
import secrets
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import docx
import pymupdf

SUFFIX = "".join(secrets.choice(string.ascii_uppercase) for _ in range(8))


def canary(purpose: str) -> str:
    """``CNRY`` + purpose + this run's suffix: letters only, so it stays one token."""
    return f"CNRY{purpose}{SUFFIX}"


# --- the records (registration numbers identify them in the fixture's ``ids``) -----------------
WITHHELD, PARTIAL, ANNEX = "주택정책과-9001", "주택정책과-9002", "정보공개정책과-9003"
PII_TXT, PII_PDF, PII_DOCX, CLEAN_PDF = (
    "주택정책과-9004",
    "주택정책과-9005",
    "주택정책과-9006",
    "정보공개정책과-9007",
)
RECORDS = (WITHHELD, PARTIAL, ANNEX, PII_TXT, PII_PDF, PII_DOCX, CLEAN_PDF)
# Records whose content is published (some of it), and which therefore have downloads.
SHOWN = (PARTIAL, ANNEX, PII_TXT, PII_PDF, PII_DOCX, CLEAN_PDF)

# --- positive controls: must be found ----------------------------------------------------------
PUBLIC = {
    "public TXT body": canary("PUBLICBODY"),
    "public title": canary("PUBLICTITLE"),
    "public text of the redacted PDF": canary("PDFPUBLIC"),
    "public text of the clean PDF": canary("CLEANPDFPUBLIC"),
    "public text of the DOCX": canary("DOCXPUBLIC"),
    "unmasked text of the 부분공개 body": canary("PARTIALPUBLIC"),
}

# --- personal information: the identifiers are the canaries -------------------------------------
CITIZEN = "한서윤"  # a name in a title and a body: flagged, hidden meanwhile
WORK_PHONE = "02-2133-7012"  # an official's work number in the organization chart: stays public


def _luhn_complete(prefix: str) -> str:
    """``prefix`` and the digit that makes the whole pass the Luhn check."""
    for digit in "0123456789":
        number = prefix + digit
        total = sum(
            (value * 2 - 9 if value * 2 > 9 else value * 2) if index % 2 else value
            for index, value in enumerate(int(char) for char in reversed(number))
        )
        if total % 10 == 0:
            return number
    raise AssertionError(prefix)


def _card(digits: str) -> str:
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class Personal:
    """One identifier of each kind the detectors mask, and the line that carries it."""

    rrn: str
    foreigner_rrn: str
    passport: str
    driver_licence: str
    phone: str
    email: str
    card: str
    bank_account: str
    health_insurance: str
    vehicle_plate: str
    address: str
    road: str  # the road and building number alone: a masked address must not keep them

    def lines(self) -> list[str]:
        return [
            f"주민등록번호 {self.rrn}",
            f"외국인등록번호 {self.foreigner_rrn}",
            f"여권번호 {self.passport}",
            f"운전면허번호 {self.driver_licence}",
            f"휴대전화 {self.phone}",
            f"전자우편 {self.email}",
            f"결제 카드번호 {self.card}",
            f"환불 계좌 국민은행 {self.bank_account}",
            "",
            f"건강보험증 번호 {self.health_insurance}",
            f"신고 차량번호 {self.vehicle_plate}",
            f"주소: {self.address}",
        ]

    def secrets(self, where: str) -> dict[str, str]:
        """Each identifier, and the parts of it that would still identify someone."""
        found = {f"{kind} in {where}": value for kind, value in vars(self).items()}
        found[f"rrn back part in {where}"] = self.rrn.split("-")[1]
        found[f"foreigner_rrn back part in {where}"] = self.foreigner_rrn.split("-")[1]
        found[f"phone subscriber part in {where}"] = self.phone.split("-", 1)[1]
        found[f"email local part in {where}"] = self.email.split("@")[0]
        found[f"card digits in {where}"] = self.card.replace("-", "")
        return found


PII_IN_TXT = Personal(
    rrn="900101-1234568", foreigner_rrn="850315-5123459", passport="M70689123",
    driver_licence="11-23-456789-01", phone="010-4821-7730", email=f"{canary('MAILTXT').lower()}@example.com",
    card=_card(_luhn_complete("453914880343646")), bank_account="123456-78-901234",
    health_insurance="5-2718364950", vehicle_plate="38다7214",
    address="서울특별시 마포구 은하수로 77, 101동 1502호", road="은하수로 77",
)  # fmt: skip
PII_IN_PDF = Personal(
    rrn="881212-2345671", foreigner_rrn="920505-6234561", passport="S48213576",
    driver_licence="12-19-384756-22", phone="010-5937-2284", email=f"{canary('MAILPDF').lower()}@example.com",
    card=_card(_luhn_complete("541275349821000")), bank_account="654321-87-109876",
    health_insurance="8-4061729385", vehicle_plate="52가3108",
    address="서울특별시 종로구 별빛로 12, 3층 302호", road="별빛로 12",
)  # fmt: skip
TITLE_PHONE = "010-3318-6620"
DOCX_RRN, DOCX_PHONE = "770707-1456783", "010-7264-1193"

# --- secrets: must be found nowhere public -----------------------------------------------------
MARKED_BODY, MARKED_PDF, MARKED_TITLE = canary("OFFICERMARK"), canary("PDFOFFICERMARK"), canary("TITLEMARK")
SECRETS: dict[str, str] = {
    "비공개 body": canary("WITHHELDBODY"),
    "비공개 attachment": canary("WITHHELDANNEX"),
    "officer-marked span of a 부분공개 TXT body": MARKED_BODY,
    "officer-marked span of a 부분공개 PDF attachment": MARKED_PDF,
    "masked part of a title (title_marks)": MARKED_TITLE,
    "attachment graded 비공개 in a 공개 record": canary("NONPUBLICANNEX"),
    **PII_IN_TXT.secrets("TXT body"),
    **PII_IN_PDF.secrets("received PDF"),
    "rrn in DOCX body": DOCX_RRN,
    "phone in DOCX body": DOCX_PHONE,
    "phone in a title": TITLE_PHONE,
}
# The original files' metadata: never in a public PDF, nor anywhere else.
METADATA: dict[str, str] = {
    f"{kind} of the {which}": canary(f"{tag}{kind.upper().replace(' ', '')}")
    for which, tag in (("redacted PDF", "PIIPDF"), ("partial PDF", "PARTIALPDF"), ("clean PDF", "CLEANPDF"))
    for kind in ("title", "author", "subject", "keywords", "creator", "xmp", "annotation", "embedded file")
}
METADATA.update(
    {
        f"DOCX core property {name}": canary(f"DOCX{name.upper().replace('_', '')}")
        for name in ("author", "comments", "title", "subject", "keywords", "last_modified_by", "category")
    }
)
SECRETS.update(METADATA)
# The catalogues (업무추진비, 사전정보공표): a citizen among an expense's attendees, a citizen's
# number in a proactive publication's title; the public columns beside them are positive controls.
EXPENSE_PHONE, PROACTIVE_PHONE = "010-5521-9043", "010-6632-1187"
SECRETS["citizen's phone among an expense's attendees"] = EXPENSE_PHONE
SECRETS["citizen's phone in a 사전정보공표 title"] = PROACTIVE_PHONE
# Positive controls of the catalogues: (canary, the pages that must show it).
CATALOGUE_PUBLIC = {
    "place of an expense (public by rule)": (canary("EXPENSEPLACE"), "/expenses/"),
    "title of a 사전정보공표 publication": (canary("PROACTIVETITLE"), "/proactive/"),
    "official's work phone in the 사전정보공표 list": (WORK_PHONE, "/proactive/"),
}
EXPENSE_HEADER = (
    "nid,title,url,dept_nm_lvl_1,dept_nm_lvl_2,dept_nm_lvl_3,dept_nm_lvl_4,dept_nm_lvl_5,exec_yr,exec_month,"
    "expense_budget,expense_execution,category,dept_nm_full,exec_dt,exec_loc,exec_purpose,target_nm,"
    "payment_method,exec_amount"
)
PROACTIVE_HEADER = "nid,category,title,writer,dept_nm,regist_dt,taxonomy,telno,cpyrht,url"
# Korean secrets are found by reading texts, never by bytes (and never by search: Kiwi splits them).
WITHHELD_APPROVER = "홍길동"  # the drafter of the 비공개 record: its approval line is not published
SECRETS["approval line of a 비공개 record"] = WITHHELD_APPROVER
SECRETS["citizen's name (title and body)"] = CITIZEN


def _write_pdf(path: Path, lines: list[str], *, which: str) -> None:
    """A received PDF: Korean text (the CJK font ``korea``), and canaries in every place a PDF
    keeps things besides its text: Info, XMP, a note annotation, an embedded file."""
    document = pymupdf.open()
    page = document.new_page()  # A4-ish: 595 × 842
    for number, line in enumerate(lines):
        page.insert_text((56, 72 + 20 * number), line, fontname="korea", fontsize=10)
    page.add_text_annot((500, 60), METADATA[f"annotation of the {which}"])
    document.embfile_add("note.txt", METADATA[f"embedded file of the {which}"].encode(), filename="note.txt")
    document.set_metadata(
        {
            "author": METADATA[f"author of the {which}"],
            "subject": METADATA[f"subject of the {which}"],
            "keywords": METADATA[f"keywords of the {which}"],
            "creator": METADATA[f"creator of the {which}"],
            "title": METADATA[f"title of the {which}"],
        }
    )
    document.set_xml_metadata(
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:description>{METADATA[f'xmp of the {which}']}</dc:description>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
    document.save(path, garbage=4, deflate=True)
    document.close()


def _write_docx(path: Path, paragraphs: list[str]) -> None:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    properties = document.core_properties
    for name in ("author", "comments", "title", "subject", "keywords", "last_modified_by", "category"):
        setattr(properties, name, METADATA[f"DOCX core property {name}"])
    document.save(str(path))


def _text(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines), encoding="utf-8")
    return path.name


APPROVED = [{"role": "결재", "position": "주택정책과장", "name": "박지호"}]


def write_folder(folder: Path) -> list[Mapping[str, object]]:
    """Write every file and ``metadata.json``; return the manifests."""
    base = {"organization": "서울특별시", "department": "주택정책과"}
    withheld = {
        **base, "title": "청년주택 사업자 선정 평가 계획(내부 검토안)", "registration_number": WITHHELD,
        "disclosure": "비공개", "grounds": [5], "reason": "의사결정 과정에 있는 사항", "opens_on": "2031-03-19",
        "approval_line": [{"role": "기안", "position": "주무관", "name": WITHHELD_APPROVER},
                          {"role": "결재", "position": "주택정책과장"}],
        "files": [
            {"name": _text(folder / "secret.txt", [f"내부 검토 결과 {SECRETS['비공개 body']} 사업자를 선정한다."])},
            {"name": _text(folder / "secret-annex.txt", [f"첨부: 평가표 {SECRETS['비공개 attachment']}"]),
             "role": "attachment"},
        ],
    }  # fmt: skip
    _write_pdf(
        folder / "partial-annex.pdf",
        ["협상 경과 보고", f"협상 단가 {MARKED_PDF} 원으로 제시함", "나머지 일정은 공개한다."],
        which="partial PDF",
    )  # fmt: skip
    partial = {
        **base, "title": f"임대주택 매입 협상 결과({MARKED_TITLE})", "registration_number": PARTIAL,
        "disclosure": "부분공개", "grounds": [7], "reason": "법인의 경영상 비밀", "approval_line": APPROVED,
        "title_marks": [{"text": MARKED_TITLE}],
        "files": [
            {"name": _text(folder / "partial.txt", [
                f"매입 협상 결과를 알립니다. {PUBLIC['unmasked text of the 부분공개 body']}",
                f"매입 단가는 {MARKED_BODY} 원으로 합의하였다.", "세부 일정은 추후 공개한다."]),
             "marks": [{"text": MARKED_BODY, "occurrence": 1}]},
            {"name": "partial-annex.pdf", "role": "attachment", "marks": [{"text": MARKED_PDF, "page": 1}]},
        ],
    }  # fmt: skip
    annex = {
        **base, "department": "정보공개정책과", "title": f"열린 계획 {PUBLIC['public title']}",
        "registration_number": ANNEX, "disclosure": "공개",
        "files": [
            {"name": _text(folder / "public.txt", [f"시민에게 공개하는 계획 {PUBLIC['public TXT body']} 입니다."])},
            {"name": _text(folder / "internal.txt", [f"내부 메모 {SECRETS['attachment graded 비공개 in a 공개 record']}"]),
             "role": "attachment", "disclosure": "비공개"},
        ],
    }  # fmt: skip
    pii_txt = {
        **base, "title": f"층간소음 민원 처리 결과 알림({CITIZEN}, {TITLE_PHONE})", "registration_number": PII_TXT,
        "disclosure": "공개", "approval_line": APPROVED,
        "file": _text(folder / "reply.txt", [
            f"민원인 {CITIZEN} 님께 처리 결과를 알려드립니다.", "", *PII_IN_TXT.lines(), "",
            f"문의: 주택정책과 ({WORK_PHONE})"]),
    }  # fmt: skip
    _write_pdf(
        folder / "reply.pdf",
        [f"민원 회신 {PUBLIC['public text of the redacted PDF']} 안내", *PII_IN_PDF.lines()],
        which="redacted PDF",
    )  # fmt: skip
    pii_pdf = {**base, "title": "주차 민원 회신", "registration_number": PII_PDF, "disclosure": "공개",
               "approval_line": APPROVED, "file": "reply.pdf"}  # fmt: skip
    _write_docx(
        folder / "memo.docx",
        [f"회의 결과 {PUBLIC['public text of the DOCX']} 공유", f"신청인 주민등록번호 {DOCX_RRN}",
         f"신청인 휴대전화 {DOCX_PHONE}"],
    )  # fmt: skip
    pii_docx = {**base, "title": "주민 설명회 결과", "registration_number": PII_DOCX, "disclosure": "공개",
                "approval_line": APPROVED, "file": "memo.docx"}  # fmt: skip
    _write_pdf(
        folder / "clean.pdf",
        [f"공원 조성 계획 {PUBLIC['public text of the clean PDF']} 안내", "공사는 다음 달에 시작합니다."],
        which="clean PDF",
    )  # fmt: skip
    clean = {**base, "department": "정보공개정책과", "title": "공원 조성 계획 안내", "registration_number": CLEAN_PDF,
             "disclosure": "공개", "file": "clean.pdf"}  # fmt: skip
    documents: list[Mapping[str, object]] = [withheld, partial, annex, pii_txt, pii_pdf, pii_docx, clean]
    (folder / "metadata.json").write_text(json.dumps({"documents": documents}), encoding="utf-8")
    return documents


# The originals a citizen might upload to /verify/ hoping to learn something.
ORIGINALS_TO_VERIFY = ("secret.txt", "reply.pdf", "clean.pdf", "memo.docx")
# Which record shows each positive control (the title's is on its page, not in a file).
PUBLIC_IN = {
    "public TXT body": ANNEX,
    "public title": ANNEX,
    "public text of the redacted PDF": PII_PDF,
    "public text of the clean PDF": CLEAN_PDF,
    "public text of the DOCX": PII_DOCX,
    "unmasked text of the 부분공개 body": PARTIAL,
}
IN_FILES = [name for name in PUBLIC if name != "public title"]


def write_catalogues(folder: Path) -> tuple[Path, Path]:
    """The expense list and the 사전정보공표 list, each one row, in the real files' columns."""
    expenses = folder / "expense_list.csv"
    expenses.write_text(
        EXPENSE_HEADER
        + "\n"
        + "99000001,2020년 9월 정보공개정책과 업무추진비,https://opengov.seoul.go.kr/public/99000001,본청,행정국,"
        + "정보공개정책과,,,2020,9,,,,정보공개정책과,2020-09-29 12:00,"
        + f"{CATALOGUE_PUBLIC['place of an expense (public by rule)'][0]} 식당,정보공개 업무 협의 간담회,"
        + f'"시민 {CITIZEN}({EXPENSE_PHONE}) 외 2명",카드,120000\n',
        encoding="utf-8",
    )
    proactive = folder / "public_list.csv"
    proactive.write_text(
        PROACTIVE_HEADER
        + "\n"
        + f'99000002,일반행정,"{CATALOGUE_PUBLIC["title of a 사전정보공표 publication"][0]} 정보공개 운영 현황 '
        + f'(민원인 {PROACTIVE_PHONE})",'
        + f"김정보,정보공개정책과,20200915093000,일반행정>정보공개>정보공개 운영 현황,{WORK_PHONE},CC BY,"
        + "https://opengov.seoul.go.kr/public/99000002\n",
        encoding="utf-8",
    )
    return expenses, proactive

"""The personal-information detectors: each kind's positives and negatives, public contacts,
overlaps, masking, and the real documents and titles (read in place from shared/data)."""

from __future__ import annotations

import csv
import itertools
import json
import os
from pathlib import Path

import pytest

from sotong.pipeline.detectors import AUTO_MASK_KINDS, KINDS, PublicContacts, detect, mask_text

DATA = Path(os.environ.get("SOTONG_DEMO_DATA", Path(__file__).resolve().parents[4] / "shared" / "data"))
CITY_CONFIG = {"email_domains": ["seoul.go.kr"], "phone_prefixes": ["02-2133-", "02-120", "120"]}
CITY = PublicContacts.from_config(CITY_CONFIG)


NO_PUBLIC = PublicContacts()


def found(text: str, public: PublicContacts = NO_PUBLIC) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in detect(text, public=public)]


def kinds(text: str) -> set[str]:
    return {kind for kind, _ in found(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("주민등록번호 850412-2345678", ("rrn", "850412-2345678")),
        ("주민번호: 900101 1234568", ("rrn", "900101 1234568")),
        ("8501011234567 제출", ("rrn", "8501011234567")),
        ("생년 020229-3123456", None),  # 2002 has no 29 February
        ("000229-3123456", ("rrn", "000229-3123456")),  # 2000 does
        ("외국인등록번호 950315-5123456", ("foreigner_rrn", "950315-5123456")),
        ("번호 850412-2******", ("rrn", "850412-2******")),
        ("851332-1234567", None),  # month 13
        ("850431-1234567", None),  # 31 April
    ],
)
def test_registration_numbers_need_a_real_birth_date(text: str, expected: tuple[str, str] | None) -> None:
    findings = found(text)
    assert (findings[0] if findings else None) == expected


def test_a_valid_registration_checksum_raises_confidence() -> None:
    valid, invalid = detect("800101-1000008"), detect("800101-1000000")
    assert valid[0].detector == "rrn.checksum" and valid[0].confidence > invalid[0].confidence


@pytest.mark.parametrize("text", ["여권번호 M12345678", "passport: M123A4567", "S98765432 발급"])
def test_passports_old_and_2021_formats(text: str) -> None:
    assert kinds(text) == {"passport"}


def test_passport_context_raises_confidence() -> None:
    assert detect("여권 M12345678")[0].confidence > detect("코드 M12345678")[0].confidence


@pytest.mark.parametrize(
    "text", ["면허번호 11-12-345678-90", "운전면허 서울 12-345678-90", "경기12-345678-90"]
)
def test_driver_licences(text: str) -> None:
    assert kinds(text) == {"driver_licence"}


@pytest.mark.parametrize(
    "text",
    [
        "010-4821-7730",
        "010.4821.7730",
        "010 4821 7730",
        "01048217730",
        "02-3153-9421",
        "(02)3153-9421",
        "02)3153-9421",
        "031-123-4567",
        "070-1234-5678",
        "0505-123-4567",
        "+82-10-4821-7730",
        "+82 2 3153 9421",
        "전화 0231539421",
    ],
)
def test_phones_in_every_common_writing(text: str) -> None:
    assert kinds(text) == {"phone"}


@pytest.mark.parametrize(
    "text", ["대표번호 1588-1234", "요금경정(024384966)", "2021-02-10", "2021. 2. 10.", "1,234,000원"]
)
def test_business_numbers_bare_customer_numbers_and_dates_are_not_phones(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "phone", ["02-2133-1234", "02)2133-1234", "0221331234", "+82-2-2133-1234", "02-120-0000"]
)
def test_officials_work_numbers_are_public(phone: str) -> None:
    assert found(f"전화 {phone}", CITY) == []


def test_emails_on_public_domains_and_their_subdomains_are_public() -> None:
    text = "a.b@seoul.go.kr, c@news.seoul.go.kr, hanseoyun85@naver.com, d@notseoul.go.kr"
    assert found(text, CITY) == [("email", "hanseoyun85@naver.com"), ("email", "d@notseoul.go.kr")]


@pytest.mark.parametrize("text", ["카드 4111-1111-1111-1111", "4111 1111 1111 1111", "3782-822463-10005"])
def test_cards_pass_luhn(text: str) -> None:
    assert kinds(text) == {"card"}


def test_card_shaped_number_failing_luhn_is_not_a_card() -> None:
    assert "card" not in kinds("4111-1111-1111-1112")


@pytest.mark.parametrize(
    "text",
    [
        "국민은행 123456-78-901234",
        "신한 110-123-456789",
        "우리은행 1002-123-456789",
        "농협 301-1234-5678-91",
        "기업은행 123-456789-01-012",
        "하나은행 123-456789-01234",
        "카카오뱅크 3333-01-1234567",
        "계좌번호: 1234567890123 (예금주 법인)",
    ],
)
def test_bank_accounts(text: str) -> None:
    assert "bank_account" in kinds(text)


def test_account_context_raises_confidence() -> None:
    assert detect("계좌 110-123-456789")[0].confidence > detect("번호 110-123-456789")[0].confidence


@pytest.mark.parametrize(
    "text",
    [
        "교통정책과-2726",
        "주택과-2291",
        "제9조 제1항 제6호",
        "신청번호 1AA-2102-0034521",
        "화재번호 2021-02-0047",
    ],
)
def test_document_numbers_and_law_citations_are_not_findings(text: str) -> None:
    assert found(text) == []


def test_health_insurance_needs_context() -> None:
    assert kinds("건강보험증 번호 12345678901") == {"health_insurance"}
    assert "health_insurance" not in kinds("관리번호 12345678901")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "주소: 서울특별시 마포구 월드컵북로 400, 103동 1502호",
            "서울특별시 마포구 월드컵북로 400, 103동 1502호",
        ),
        ("서울시 강남구 테헤란로 123 4층", "서울시 강남구 테헤란로 123 4층"),
        ("거주지 서울 은평구 통일로 1000", "서울 은평구 통일로 1000"),
        ("관악구 봉천동 123-45번지", "관악구 봉천동 123-45번지"),
        ("윗세대(103동 1602호)의 누수", "103동 1602호"),
    ],
)
def test_addresses_down_to_a_unit_or_after_context(text: str, address: str) -> None:
    assert ("address", address) in found(text)


@pytest.mark.parametrize(
    "text", ["서울특별시 중구 세종대로 110 서울시청", "계획을 기준으로 3개 분야", "신정4동 주민센터"]
)
def test_public_building_addresses_and_prose_are_not_personal(text: str) -> None:
    assert "address" not in kinds(text)


@pytest.mark.parametrize("plate", ["12가3456", "123가4567", "서울12가3456", "24러5122", "12가 3456"])
def test_vehicle_plates(plate: str) -> None:
    assert found(f"차량({plate})") == [("vehicle_plate", plate)]


def test_a_plate_letter_outside_the_legal_set_is_not_a_plate() -> None:
    assert found("12카3456") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("홍길동 씨가 방문", "홍길동"),
        ("김철수님께서 요청", "김철수"),
        ("이영희 귀하", "이영희"),
        ("민원인: 한서윤(주민등록번호 생략)", "한서윤"),
        ("신청인 박지호는", "박지호"),
        ("성명 : 남궁민수", "남궁민수"),
        ("예금주 최유리", "최유리"),
        ("…처리 결과 알림(한서윤)", "한서윤"),
        ("보험료 환급금 처리(조명자)", "조명자"),
        ("출장결과보고서(2021-02-10, 김정규)", "김정규"),
    ],
)
def test_names_from_context(text: str, name: str) -> None:
    assert ("person_name", name) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "수신  민원인 귀하",
        "고객님 감사합니다",
        "구청장님 말씀",
        "마을기업 육성 씨앗기 과정",
        "대표자 변경에 따른 조회",
        "이름 지우기",
        "정보공개 청구인 만족도 조사",
        "계획(안)",
        "근무명령(2월 4차 변경)",
        "보고(신정4동)",
        "보고(신도림119안전센터, 2021-02-04)",
        "의견(서부간선)",
        "구급소모품 관리 대장(경추보호대-성인용)",
        "알림(이광○)",
    ],
)
def test_words_that_look_like_names_are_not(text: str) -> None:
    assert "person_name" not in kinds(text)


def test_approval_line_names_are_public() -> None:
    public = PublicContacts.from_config(CITY_CONFIG, names=["김도윤"])
    assert found("민원인 김도윤 씨", public) == []


def test_a_name_beside_an_officials_work_contact_is_an_official() -> None:
    assert found("담당자 홍길동 씨 (02-2133-1234)", CITY) == []
    assert ("person_name", "홍길동") in found("홍길동 씨 (010-1234-5678)", CITY)


def test_from_config_ignores_extra_keys_and_merged_unions() -> None:
    city = PublicContacts.from_config({**CITY_CONFIG, "about": "…", "by_organization": {}}, names=["A"])
    mapo = city.merged(
        PublicContacts.from_config({"email_domains": ["mapo.go.kr"], "phone_prefixes": ["02-3153-"]})
    )
    assert mapo.email_domains == ("seoul.go.kr", "mapo.go.kr")
    assert mapo.phone_prefixes == ("02-2133-", "02-120", "120", "02-3153-")
    assert mapo.names == {"A"}


def test_overlaps_keep_the_more_confident_finding() -> None:
    # A valid registration number is also 13 digits a card-like pattern could see.
    findings = detect("번호 800101-1000008 끝")
    assert [(f.kind, f.start, f.end) for f in findings] == [("rrn", 3, 17)]


def test_findings_are_sorted_and_disjoint() -> None:
    text = "홍길동 씨 010-1234-5678, hong@example.com, 주소: 서울시 마포구 마포대로 1, 2층"
    findings = detect(text)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert all(a.end <= b.start for a, b in itertools.pairwise(findings))
    assert {f.kind for f in findings} == {"person_name", "phone", "email", "address"}


def test_mask_keeps_length_and_whitespace() -> None:
    text = "국공립 어린이집 010-1234 5678"
    masked = mask_text(text, [(1, 3), (9, 22)])
    assert masked == "국** 어린이집 ******** ****"
    assert len(masked) == len(text)


def test_kinds_and_auto_mask_kinds() -> None:
    assert len(KINDS) == 12
    assert set(KINDS) - {"person_name"} == AUTO_MASK_KINDS


# --- the real documents and titles ------------------------------------------------------------


@pytest.fixture(scope="module")
def data() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"real data not found at {DATA}; set SOTONG_DEMO_DATA to shared/data")
    return DATA


@pytest.fixture(scope="module")
def contacts(data: Path) -> dict[str, PublicContacts]:
    config = json.loads((data / "seoul-organizations.json").read_text(encoding="utf-8"))["official_contacts"]
    city = PublicContacts.from_config(config)
    return {
        "서울특별시": city,
        "마포구": city.merged(PublicContacts.from_config(config["by_organization"]["마포구"])),
    }


def test_real_seed_documents_have_no_findings(data: Path, contacts: dict[str, PublicContacts]) -> None:
    for path in [
        *sorted((data / "seed-documents").glob("*.txt")),
        data / "demo-withheld/internal-review-withheld.txt",
    ]:
        text = path.read_text(encoding="utf-8")
        assert found(text, contacts["서울특별시"]) == [], path.name


def test_every_identifier_in_the_demo_complaint_is_found(
    data: Path, contacts: dict[str, PublicContacts]
) -> None:
    text = (data / "demo-withheld/complaint-reply-partial.txt").read_text(encoding="utf-8")
    assert found(text, contacts["마포구"]) == [
        ("person_name", "한서윤"),
        ("rrn", "850412-2345678"),
        ("address", "서울특별시 마포구 월드컵북로 400, 103동 1502호"),
        ("phone", "010-4821-7730"),
        ("email", "hanseoyun85@naver.com"),
        ("address", "103동 1602호"),
    ]


def test_real_title_brackets_rarely_look_like_names(data: Path) -> None:
    with (data / "opengov/20210208_20210214_info_list.csv").open(encoding="utf-8") as stream:
        titles = [row["title"] for row in csv.DictReader(stream)]
    named = [t for t in titles if any(f.kind == "person_name" for f in detect(t))]
    # Most of these are real names (출장결과보고서(2021-02-10, 김정규)); a handful are places.
    assert len(named) < 0.03 * len(titles)
    for common in ("(수정)", "(알림)", "(2차)", "(현장대응단)", "(천호)", "(신월7동)"):
        assert not any(t.endswith(common) for t in named), common


# --- formats and contexts of real Korean documents (bench/pii.py misses) ----------------------


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("전자우편 jangsujin66@gmail.com로 통지", "jangsujin66@gmail.com"),
        ("이메일 ksujin1998@gmail.com을 전달", "ksujin1998@gmail.com"),
        ("jangseojun30@snu.ac.kr로 제출", "jangseojun30@snu.ac.kr"),
        ("문의: kim.minsu@company.co.kr.", "kim.minsu@company.co.kr"),
        ("메일hong+minwon@naver.com", "hong+minwon@naver.com"),
    ],
)
def test_emails_end_before_a_hangul_particle_and_keep_their_country_domain(text: str, email: str) -> None:
    assert found(text) == [("email", email)]


@pytest.mark.parametrize("number", ["G40134992", "G429C2444", "D12345678", "R123A4567", "M12345678"])
def test_passports_of_every_korean_type(number: str) -> None:
    assert found(f"여권번호 {number})") == [("passport", number)]


def test_a_passport_letter_korea_does_not_use_is_not_a_passport() -> None:
    assert found("여권번호 K40134992") == []


@pytest.mark.parametrize(
    ("row", "kind"),
    [("24\t권율\t9011262431803\t서울", "rrn"), ("15\t오석숙\t8705295246101\t경기", "foreigner_rrn")],
)
def test_thirteen_bare_digits_with_a_birth_date_are_a_registration_number(row: str, kind: str) -> None:
    findings = [f for f in detect(row) if f.kind != "person_name"]
    assert [f.kind for f in findings] == [kind] and findings[0].confidence >= 0.8


def test_thirteen_bare_digits_after_a_banks_name_are_an_account() -> None:
    assert found("우리은행 0605105851025") == [("bank_account", "0605105851025")]


@pytest.mark.parametrize(
    "text",
    [
        "법인등록번호 131111-1258153, 대표이사",
        "법인등록번호: 110111-7733500",
        "법인번호 1101117733500",
        "사업자등록번호 843-81-01234",
        "사업자등록번호 8438101234 (입금 계좌 확인)",
    ],
)
def test_business_registration_numbers_are_public(text: str) -> None:
    assert [kind for kind, _ in found(text) if kind != "person_name"] == []


def test_a_registration_number_after_its_own_label_is_found_beside_a_corporate_one() -> None:
    text = "법인등록번호 131111-1258153, 연대보증인 주민등록번호 020413-4507498"
    assert [kind for kind, _ in found(text)] == ["rrn"]


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("결제 카드번호: 378813824895791 (유효기간 12/24)", "378813824895791"),
        ("법인카드(36984285819374) 사용 내역", "36984285819374"),
        ("카드 4111111111111111", "4111111111111111"),
    ],
)
def test_bare_card_numbers_with_an_issuer_prefix_and_context(text: str, card: str) -> None:
    findings = detect(text)
    assert [(f.kind, text[f.start : f.end]) for f in findings] == [("card", card)]
    assert findings[0].confidence >= 0.8


def test_a_bare_card_number_without_context_goes_to_review() -> None:
    assert [(f.kind, f.confidence < 0.8) for f in detect("번호 378813824895791")] == [("card", True)]


def test_a_bare_number_failing_luhn_is_not_a_card() -> None:
    assert "card" not in kinds("카드 378813824895792")


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("센텀중앙로 155, 15층\t01069492777\t2억원\t카카오뱅크 7234", "01069492777"),
        ("부산광역시\t0119465744\t9.7억원\t농협 034097-06-25540", "0119465744"),
        ("연락처 (02) 7889-1486", "(02) 7889-1486"),
        ("(031)123-4567", "(031)123-4567"),
        ("연락처(010-1234-5678)", "010-1234-5678"),
    ],
)
def test_bare_mobiles_beat_accounts_and_an_area_code_keeps_its_bracket(text: str, phone: str) -> None:
    assert ("phone", phone) in found(text)
    assert all(text[f.start : f.end] != phone for f in detect(text) if f.kind == "bank_account")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "2\t김상채\t430812-2393377\t경기도 고양시 일산동구 중앙로 177\t010-1234-5678",
            "경기도 고양시 일산동구 중앙로 177",
        ),
        ("발생장소: 서울특별시 마포구 양화로 137 앞 도로", "서울특별시 마포구 양화로 137"),
        ("사업장 소재지: 부산광역시 해운대구 센텀중앙로 193", "부산광역시 해운대구 센텀중앙로 193"),
        ("주소: 세종특별자치시 한누리대로 2130", "세종특별자치시 한누리대로 2130"),
        ("주소 제주특별자치도 제주시 문연로 6", "제주특별자치도 제주시 문연로 6"),
        ("주소 강원특별자치도 춘천시 중앙로 1", "강원특별자치도 춘천시 중앙로 1"),
        ("김채아님께서 동작구 상도로19길 415에 거주하는 주민", "동작구 상도로19길 415"),
        ("6\t김석재\t571013-2119191\t강서구 화곡동 1400\t메일", "강서구 화곡동 1400"),
    ],
)
def test_addresses_anywhere_in_korea_after_context_or_in_a_persons_row(text: str, address: str) -> None:
    assert ("address", address) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "시설명\t경기도 고양시 일산동구 중앙로 177\t031-123-4567",  # a facility list, no person
        "우 04524 서울특별시 중구 세종대로 110 / 전화 02-2133-1234",
        "부산광역시 해운대구 센텀중앙로 79 센텀사이언스파크",
    ],
)
def test_addresses_without_a_person_stay_unreported(text: str) -> None:
    assert "address" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("29\t양자아\t720519-2544373\t서울시 은평구", "양자아"),
        ("18\t류경(예금주 하자은)\t970402-2282380\t", "류경"),
        ("갑 서울특별시 민원담당관장  (인)\n을 김소율  (인)", "김소율"),
        ("신청인 홍길동 (서명 또는 인)", "홍길동"),
        ("외국인 피해자 이승혁(외국인등록번호 810804 5777741)", "이승혁"),
        ("피해자: 김혁수(연락처 010.8159.0139)", "김혁수"),
        ("연대보증인 최혜광 주민등록번호 020413-4507498", "최혜광"),
        ("연대보증인 박승 주민등록번호 861014-2327625", "박승"),
        ("을의 현장대리인 황아태(운전면허번호 19-06-822765-44)", "황아태"),
        ("법인등록번호 110181-1867482, 대표이사 고지재\n", "고지재"),
        ("가해차량: 161마9378 (운전자 박건동, 면허번호 21-46-432319-48)", "박건동"),
        ("보호자 이순자(010-1234-5678)", "이순자"),
        ("수령인: 정다은", "정다은"),
        ("참석자: 위원 백호순, 위원 이도건, 시민 이태시", "이도건"),
        ("회의 수당은 위원 고옥람의 계좌로", "고옥람"),
        ("위원장 윤건혜: 다음 안건으로 넘어가겠습니다.", "윤건혜"),
        ("신희연 위원: 해당 사업의 예산은", "신희연"),
        ("신청인 성명 정소원  외국인등록번호", "정소원"),
    ],
)
def test_names_in_tables_signatures_and_after_roles(text: str, name: str) -> None:
    assert ("person_name", name) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "(예금주 류호다)",
        "행정심판 재결서 송부(서행심 2020-1509)",
        "위원 선임 절차를 거쳐",
        "피해자 보호를 위해",
        "보호자 동의서 제출",
        "시민 안전을 위해",
        "시민 소통, 시민 참여",
        "시민 주도형\t시민 협력형",
        "연번\t성명\t주민등록번호\t주소",
        "운전자 과실 비율",
    ],
)
def test_role_words_and_case_numbers_are_not_names(text: str) -> None:
    assert [name for kind, name in found(text) if kind == "person_name" and name != "류호다"] == []


@pytest.mark.parametrize(
    "title",
    [
        "차량운행일지(37거5749)",
        "차량운행일지 (2021. 02. 10. / 24러5122)",
        "관용차량 유류수불대장 (83무5307)",
        "공용차량 정비 결과(12가3456)",
    ],
)
def test_the_citys_own_vehicles_are_not_personal(title: str) -> None:
    assert "vehicle_plate" not in kinds(title)


def test_a_plate_outside_a_government_vehicle_context_is_still_found() -> None:
    text = "차량운행일지 제출\n가해차량: 161마9378 (운전자 박건동)"
    assert ("vehicle_plate", "161마9378") in found(text)

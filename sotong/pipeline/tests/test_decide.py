"""The decide stage: plain data in, a decision out (no database)."""

from __future__ import annotations

import datetime as dt

from sotong.pipeline.detectors import PublicContacts, mask_text
from sotong.pipeline.stages.decide import (
    GRADED,
    LISTED_ONLY,
    NO_OPENING_PRIVACY,
    OUT_OF_SCOPE,
    UNDER_REVIEW,
    DecisionRules,
    FileFacts,
    MarkFacts,
    RecordFacts,
    decide,
)

TODAY = dt.date(2026, 12, 4)


def public_text(text: str, spans) -> str:
    return mask_text(text, [(span.start, span.end) for span in spans])


RULES = DecisionRules(
    rank_levels={"주무관": 1, "팀장": 2, "과장": 3, "국장": 4, "실장": 5, "부시장": 6, "시장": 7},
    rank_aliases={"담당관": "과장", "단장": "국장", "기획관": "국장"},
    scopes=((dt.date(2013, 1, 1), 4), (dt.date(2014, 1, 1), 3)),
    excluded_tasks=("복무", "인사발령", "일상경비"),
    kind_actions={"회의록": "list_only"},
)
CITY = PublicContacts.from_config({"email_domains": ["seoul.go.kr"], "phone_prefixes": ["02-2133-"]})
RRN = "900101-1234568"  # a well-formed, fictional number with a valid check digit


def facts(text: str = "사업 계획을 알려 드립니다.", **overrides: object) -> RecordFacts:
    given: dict[str, object] = {
        "title": "사업 계획 알림",
        "kind": "결재문서",
        "grade": "공개",
        "produced_on": dt.date(2021, 2, 10),
        "final_approver": "주택정책과장",
        "has_content": True,
        "files": (FileFacts(key=1, name="body.txt", grade="", text=text, readable=True),),
    }
    given.update(overrides)
    return RecordFacts(**given)  # type: ignore[arg-type]


def test_a_clean_public_document_is_published_whole() -> None:
    decision = decide(facts(), rules=RULES, public=CITY, today=TODAY)
    assert (decision.listing, decision.grade, decision.spans, decision.review_reasons) == (
        GRADED,
        "공개",
        (),
        (),
    )
    assert decision.file_grades == {1: "공개"}


def test_personal_identifiers_make_it_partial_on_ground_six_with_a_reason() -> None:
    text = f"민원 처리 결과를 알립니다. 주민등록번호 {RRN}, 연락처 010-4821-7730."
    decision = decide(facts(text), rules=RULES, public=CITY, today=TODAY)
    assert decision.grade == "부분공개"
    assert decision.grounds == (6,)
    assert decision.reason and decision.no_opening_reason == NO_OPENING_PRIVACY
    assert decision.file_grades == {1: "부분공개"}
    masked = public_text(text, [s for s in decision.spans if s.file_key == 1])
    assert RRN not in masked and "010-4821-7730" not in masked
    assert len(masked) == len(text) and "민원 처리 결과를 알립니다." in masked


def test_officials_contacts_stay_public() -> None:
    text = "담당: 주택정책과 주무관 (02-2133-7012, housing@seoul.go.kr)"
    decision = decide(facts(text), rules=RULES, public=CITY, today=TODAY)
    assert decision.spans == () and decision.grade == "공개"


def test_below_the_publishing_scope_is_listed_only() -> None:
    in_2013 = facts(produced_on=dt.date(2013, 6, 1), final_approver="주택정책과장")  # 국장 이상 then
    assert decide(in_2013, rules=RULES, public=CITY, today=TODAY).listing == OUT_OF_SCOPE
    in_2021_by_team_leader = facts(final_approver="공공주택팀장")
    assert decide(in_2021_by_team_leader, rules=RULES, public=CITY, today=TODAY).listing == OUT_OF_SCOPE
    by_alias = facts(produced_on=dt.date(2013, 6, 1), final_approver="정보화기획단장")  # 단장 = 국장
    assert decide(by_alias, rules=RULES, public=CITY, today=TODAY).listing == GRADED


def test_unknown_rank_goes_to_review() -> None:
    decision = decide(facts(final_approver="위원"), rules=RULES, public=CITY, today=TODAY)
    assert decision.listing == UNDER_REVIEW and "approver_rank_unknown" in decision.review_reasons


def test_excluded_tasks_and_kinds_are_listed_only() -> None:
    assert (
        decide(facts(task_card="직원 복무 관리"), rules=RULES, public=CITY, today=TODAY).listing
        == OUT_OF_SCOPE
    )
    minutes = facts(kind="회의록", final_approver=None)
    assert decide(minutes, rules=RULES, public=CITY, today=TODAY).listing == OUT_OF_SCOPE


def test_withheld_until_a_date_opens_when_it_has_passed() -> None:
    withheld = facts(grade="비공개", grounds=(5,), reason="의사결정 과정", opens_on=dt.date(2027, 3, 19))
    before = decide(withheld, rules=RULES, public=CITY, today=TODAY)
    assert (before.grade, before.grounds, before.opens_on) == ("비공개", (5,), dt.date(2027, 3, 19))
    after = decide(withheld, rules=RULES, public=CITY, today=dt.date(2027, 3, 19))
    assert (after.grade, after.listing, after.opens_on) == ("공개", GRADED, None)
    assert "opened_on_date" in after.basis


def test_withheld_without_grounds_or_reason_goes_to_review() -> None:
    decision = decide(facts(grade="비공개"), rules=RULES, public=CITY, today=TODAY)
    assert decision.listing == UNDER_REVIEW
    assert {"grounds_missing", "reason_missing"} <= set(decision.review_reasons)


def test_an_unreadable_or_ocr_file_is_never_published_unreviewed() -> None:
    unreadable = facts(files=(FileFacts(key=1, name="scan.pdf", grade="", text="", readable=False),))
    assert decide(unreadable, rules=RULES, public=CITY, today=TODAY).listing == UNDER_REVIEW
    ocr = facts(
        files=(FileFacts(key=1, name="scan.pdf", grade="", text="본문", readable=True, converter="pdf+ocr"),)
    )
    assert "ocr_text" in decide(ocr, rules=RULES, public=CITY, today=TODAY).review_reasons


def test_officer_marks_are_masked_and_a_missing_one_sends_to_review() -> None:
    text = "평가위원 명단은 가나다 순이며 A사 제안가는 12억원이다."
    mark = MarkFacts(file_key=1, quote="A사 제안가는 12억원", occurrence=1, origin="officer")
    decision = decide(
        facts(text, grade="부분공개", grounds=(7,), reason="영업상 비밀", marks=(mark,)),
        rules=RULES, public=CITY, today=TODAY,
    )  # fmt: skip
    assert decision.listing == GRADED and decision.grade == "부분공개" and decision.grounds == (7,)
    assert "12억원" not in public_text(text, decision.spans)
    missing = MarkFacts(file_key=1, quote="없는 문장", occurrence=1, origin="officer")
    decision = decide(
        facts(text, grade="부분공개", grounds=(7,), reason="영업상 비밀", marks=(missing,)),
        rules=RULES, public=CITY, today=TODAY,
    )  # fmt: skip
    assert decision.listing == UNDER_REVIEW and "mark_not_found" in decision.review_reasons


def test_partial_with_nothing_to_mask_goes_to_review() -> None:
    decision = decide(
        facts(grade="부분공개", grounds=(6,), reason="개인정보"), rules=RULES, public=CITY, today=TODAY
    )
    assert "partial_without_marks" in decision.review_reasons


def test_a_name_in_a_title_is_hidden_and_flagged_without_holding_the_record_back() -> None:
    title = "[민원회신] 층간소음 민원 처리 결과 알림(한서윤)"
    decision = decide(facts(title=title), rules=RULES, public=CITY, today=TODAY)
    assert "한서윤" not in decision.public_title and decision.public_title.startswith("[민원회신]")
    assert "names_need_review" in decision.review_reasons
    assert decision.listing == GRADED  # published meanwhile with the name hidden


def test_a_list_row_without_content_keeps_its_listing_and_a_masked_title() -> None:
    row = RecordFacts(title="주민등록번호 " + RRN + " 정정 신청 처리", grade="")
    decision = decide(row, rules=RULES, public=CITY, today=TODAY)
    assert decision.listing == LISTED_ONLY and RRN not in decision.public_title
    assert decision.review_reasons == ()


def test_a_name_found_once_is_hidden_everywhere_it_appears() -> None:
    title = "층간소음 민원 처리 결과 알림(한서윤)"
    text = "민원인 한서윤(주민등록번호 생략)의 민원에 대하여 한서윤 님께 알려드립니다."
    decision = decide(facts(text, title=title), rules=RULES, public=CITY, today=TODAY)
    assert "한서윤" not in decision.public_title
    assert "한서윤" not in public_text(text, [s for s in decision.spans if s.file_key == 1])


def test_scope_rules_leave_a_list_row_as_the_source_lists_it() -> None:
    row = RecordFacts(
        title="직원 복무 점검 결과",
        task_card="직원 복무 관리",
        original_url="https://opengov.seoul.go.kr/sanction/1",
    )
    assert decide(row, rules=RULES, public=CITY, today=TODAY).listing == "published_elsewhere"

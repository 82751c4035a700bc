"""Personal names, found from their context only: there is no dictionary of all Korean names.

A candidate is a 2-4 syllable Hangul word that starts with a common surname (a 4-syllable one
needs a two-syllable surname such as 남궁 or 황보), and is found

* before 씨/님/귀하/氏 (``홍길동 씨``, ``김철수님``);
* after a label: 민원인, 신청인, 청구인, 성명, 대표자, 예금주 (``민원인: 한서윤``), and 이름 with a
  colon (``이름 지우기`` is prose); labels may stack (``신청인 성명 정소원``);
* after a role that names a private person in reports, contracts and minutes: 피해자, 가해자,
  운전자, 보호자, 수령인, (연대)보증인, (현장)대리인, 대표이사, 위원(장), 시민 … Those words
  also start prose (``피해자 보호``, ``위원 선임 절차``), so there a two-syllable word counts only
  when nothing but punctuation, a bracket or the line's end follows it, and a three-syllable word
  must not end like a common noun (…서, …금, …단);
* before 위원 at the start of a line of minutes (``신희연 위원: …``, ``류시숙 위원은 …``);
* before a seal mark in a signature line (``을 김소율  (인)``, ``홍길동 (서명 또는 인)``);
* alone in a table cell (``29⇥양자아⇥720519-…``, ``류경(예금주 하자은)⇥…``) of a row that holds a
  registration or mobile number (see ``tables``);
* in the brackets that end a title or a line (``…결과 알림(한서윤)``, ``(2021-02-10, 김정규)``).
  That is the weakest context, so there a name needs three or four syllables and must not end
  in a syllable that ends place and office names (…동, …구, …로, …과, …팀): the brackets of real
  titles hold ``(수정)``, ``(2차)``, ``(신월7동)``, ``(천호)`` and the like far more often than names.
  A word followed by a case number (``서행심 2020-1509``: 서울특별시행정심판위원회) is that
  number's prefix, not a name.

Common words that begin with a surname syllable (변경, 주간, 신청서 …) are listed and skipped.
"""

from __future__ import annotations

import re

from .findings import Finding
from .tables import is_person_row, row_bounds

SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함"
    "변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉"
)
DOUBLE_SURNAMES = frozenset({"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방"})
_STOPWORD_TEXT = """
    본인 대리인 변경 명의 정보 주소 연락처 성명 이름 기재 확인 미상 외 등 일동 여러분 귀하 고객 회원 주민 시민 구민
    선생 사장 회장 부장 과장 국장 원장 실장 소장 단장 팀장 차장 대표 위원 의원 교수 박사 어르신 민원인 신청인
    청구인 신청자 관계자 담당자 보호자 피해자 가해자 소유자 사업자 사용자 지원자 유공자 수급자 위반자 복직자
    고령자 전입자 확진자 접촉자 선정자 임차인 임대인 소유주 세입자 입주자 주무관 주간 야간 당번 추가 수정 제출
    조정 정정 신규 안내 공고 고시 결과 계획 보고 회신 알림 요청 협조 제출 통보 안건 조치 검토 결재 연장 취소 지급
    정산 구매 구입 계약 차출 주차 오인 오류 전자 전체 정기 수시 임시 일반 기타 정보공개 온라인 만족도 지우기
    신청서 보고서 계획서 확인서 답변서 결의서 신고서 견적서 제안서 이행 우선 우수 최종 최초 남부 서부 동부 북부
    이용자 이용객 조합원 조합장 구성원 위원장 구청장 시장 선배 후배 어머 어머니 아버 하느 부모 주인 원생 학생 여러
    공무원 직원 월요일 화요일 수요일 목요일 금요일 토요일 일요일 상반기 하반기 소화기 정기분 수시분 소방교 소방장 소방위 소방령
    중부 강남 강북 강서 강동 한강 서울 경기 인천 부산 대구 광주 대전 울산 세종 제주 신정 신월 신당 신촌
    예금주 대표이사 보증인 연대보증인 대리인 현장대리인 운전자 수령인 수취인 신고인 신고자 제보자 목격자 참고인
    세대주 환자 피부양자 가입자 진술서 추천서 위임서 사직서 서약서 각서 위원 위원장 이사 감사 간사 서기 고문 자문 외국인 내국인 법인 개인 단체 기관 본인 배우자 자녀
    """
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Last syllables of place, office and document names; a three-syllable word in brackets ending
# in one of these is far more often a place (신수동, 광나루로) than a person.
_PLACE_ENDINGS = frozenset(
    "동구군시읍면리로길과팀실국단청역점층관사장회부처교차금료품서소터대용비전위가집제절에을를은는의될할된"
)
# Before 씨/님 a word ending in these is a role (구청장님, 담당관님, 변호사님), not a name.
_ROLE_ENDINGS = frozenset("장관사")
_PARTICLES = (
    "에게",
    "께서",
    "에서",
    "으로",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "와",
    "께",
    "도",
    "에",
    "로",
)

_HONORIFIC = re.compile(
    r"(?<![가-힣])([가-힣]{2,5})[ \t]?(?:씨|님|귀하|氏)(?![가-힣])|(?<![가-힣])([가-힣]{2,4})[ \t]?(?:씨|님)(?=[는가의와께에도를이은])"
)
_LABEL_WORDS = "민원인|신청인|청구인|성명|대표자|예금주|이름[ \t]*[:：]"
_LABEL = re.compile(
    rf"(?:(?:{_LABEL_WORDS})[ \t]*[:：]?[ \t]*(?:\([^()\n]{{0,10}}\)[ \t]*)?)+([가-힣]{{2,6}})(?![가-힣])"
)
_ROLE_WORDS = (
    "피해자|가해자|운전자|보호자|수령인|수취인|보증인|대리인|대표이사|위원장|위원|시민|신고인|신고자"
    "|제보자|목격자|참고인|세대주|임차인|임대인|소유자|환자|피부양자|가입자|시민"
)
_ROLE = re.compile(rf"(?:{_ROLE_WORDS})(?:[ \t]*[:：][ \t]*|[ \t]+)([가-힣]{{2,6}})(?![가-힣])")
# What may follow a two-syllable name after a role: punctuation, a bracket, a tab or the line's end.
# or the label of the person's next identifier (연대보증인 박승 주민등록번호 …).
_ROLE_NAME_END = re.compile(
    r"[ \t]*(?:[,.)(:：/\t\n]|$)|[ \t]{2}|[ \t]+(?:주민|외국인|연락처|전화|휴대|주소|생년|면허)"
)
# Endings of the common nouns that follow a role word in prose (피해자 지원금, 위원 추천서).
_NOUN_ENDINGS = frozenset("금단법계권비표회안제")
_PARTICLE_ENDINGS = frozenset("을를은는이가의에도와")
_SPEAKER = re.compile(r"^[ \t]*([가-힣]{2,4})[ \t]+위원장?(?=[ \t]*[:：]|[은는이의께])", re.MULTILINE)
_SIGNATURE = re.compile(
    r"(?<![가-힣])([가-힣]{2,4})[ \t]*\((?:인|서명|날인|印)(?:[ \t]*(?:또는|或)[ \t]*(?:인|서명|날인|印))?\)"
)
_TABLE_CELL = re.compile(r"(?:^|(?<=\t))([가-힣]{2,5})(?:\([^()\n\t]*\))?(?=\t|$)", re.MULTILINE)
# A case number after the word: 서행심 2020-1509, 중앙행심 2021-12345.
_CASE_NUMBER = re.compile(r"[ \t]*(?:19|20)\d\d-\d{3,}")
_FINAL_BRACKETS = re.compile(r"\(([^()\n]{2,60})\)[ \t]*$", re.MULTILINE)
# A word glued to digits, letters or mask characters is part of a code or an already masked
# name (노량진119안전센터, 제관악2007-120호, 이광○), not a name on its own.
_HANGUL_WORD = re.compile(r"(?<![0-9A-Za-z*○●가-힣])[가-힣]+(?![0-9A-Za-z*○●가-힣])")
# A bracket of more words than this is a phrase, not a list of names.
_MAX_BRACKET_WORDS = 5
_REGION_PREFIXES = frozenset(
    [
        "서울",
        "부산",
        "대구",
        "인천",
        "광주",
        "대전",
        "울산",
        "세종",
        "경기",
        "강원",
        "충북",
        "충남",
        "전북",
        "전남",
        "경북",
        "경남",
        "제주",
    ]
)


def find_names(text: str) -> list[Finding]:
    findings: list[Finding] = []
    for match in _HONORIFIC.finditer(text):
        group = 1 if match[1] else 2
        if match[group][-1] not in _ROLE_ENDINGS and _is_name(match[group]):
            findings.append(
                Finding("person_name", match.start(group), match.end(group), 0.85, "name.honorific")
            )
    for match in _LABEL.finditer(text):
        word = _strip_particle(match[1])
        if _is_name(word):
            findings.append(
                Finding("person_name", match.start(1), match.start(1) + len(word), 0.9, "name.label")
            )
    findings.extend(_role_names(text))
    for pattern, confidence, detector in (
        (_SPEAKER, 0.85, "name.speaker"),
        (_SIGNATURE, 0.85, "name.signature"),
    ):
        findings.extend(
            Finding("person_name", m.start(1), m.end(1), confidence, detector)
            for m in pattern.finditer(text)
            if _is_name(m[1])
        )
    if "\t" in text:
        findings.extend(_table_names(text))
    for match in _FINAL_BRACKETS.finditer(text):
        findings.extend(_bracket_names(match))
    return findings


def _role_names(text: str) -> list[Finding]:
    findings: list[Finding] = []
    for match in _ROLE.finditer(text):
        word = _strip_particle(match[1])
        if not _is_name(word):
            continue
        # 보호자 동의, 위원 선임을, 시민 안전을 위해: prose unless the word stands alone. 시민
        # starts so much prose (시민 소통, 시민 서비스) that after it a name needs three syllables.
        citizen = match[0].startswith("시민")
        if citizen and (len(word) < 3 or word[-1] in _PLACE_ENDINGS or word[-1] == "형"):
            continue  # 시민 주도형, 시민 참여단
        if citizen or len(word) == 2 or word[-1] in _PARTICLE_ENDINGS:
            if len(word) < len(match[1]) or not _ROLE_NAME_END.match(text, match.end(1)):
                continue
        elif word[-1] in _NOUN_ENDINGS:
            continue
        start = match.start(1)
        findings.append(Finding("person_name", start, start + len(word), 0.85, "name.role"))
    return findings


def _table_names(text: str) -> list[Finding]:
    findings: list[Finding] = []
    rows: dict[int, bool] = {}
    for match in _TABLE_CELL.finditer(text):
        if match[1][:2] in _REGION_PREFIXES or not _is_name(match[1]):
            continue
        bounds = row_bounds(text, match.start())
        if bounds[0] not in rows:
            rows[bounds[0]] = is_person_row(text, *bounds)
        if rows[bounds[0]]:
            findings.append(Finding("person_name", match.start(1), match.end(1), 0.8, "name.table"))
    return findings


def _bracket_names(match: re.Match[str]) -> list[Finding]:
    findings: list[Finding] = []
    offset = match.start(1)
    words = list(_HANGUL_WORD.finditer(match[1]))
    if len(re.findall(r"[가-힣]+", match[1])) > _MAX_BRACKET_WORDS:
        return findings
    for word in words:
        name = word[0]
        if _is_bracket_name(name) and not _CASE_NUMBER.match(match[1], word.end()):
            start = offset + word.start()
            findings.append(Finding("person_name", start, start + len(name), 0.7, "name.brackets"))
    return findings


def _is_bracket_name(word: str) -> bool:
    return (
        len(word) >= 3
        and word[-1] not in _PLACE_ENDINGS
        and word[:2] not in _REGION_PREFIXES  # 서울형, 부산시
        and _is_name(word)
    )


def _strip_particle(word: str) -> str:
    """``한서윤은`` → ``한서윤``; a word that is a common word once its particle goes (변경에) stays
    whole, so that the stop list rejects it."""
    for particle in _PARTICLES:
        stem = word[: -len(particle)]
        if word.endswith(particle) and len(stem) >= 2:
            if stem in _STOPWORDS:
                return stem
            if len(word) > 3:
                return stem
    return word


def _is_name(word: str) -> bool:
    if word in _STOPWORDS or not 2 <= len(word) <= 4:
        return False
    if word[:2] in DOUBLE_SURNAMES and len(word) >= 3:
        return True
    return word[0] in SURNAMES and len(word) <= 3

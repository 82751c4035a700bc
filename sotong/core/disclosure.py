"""The vocabulary of disclosure, shared by the private registry and the public surfaces.

These are words of the law, not data: public code may show a ground's label without ever
touching the registry. The labels stay Korean (the API, the workbench and the federation's matching
read them as they are); ``gettext_noop`` marks them for translation, and the public pages translate
them where they show them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext, gettext_noop


class Grade(models.TextChoices):
    PUBLIC = "공개", gettext_noop("공개")  # the whole document may be published
    PARTIAL = "부분공개", gettext_noop("부분공개")  # published with non-public parts masked
    WITHHELD = "비공개", gettext_noop("비공개")  # listed only; content withheld on stated grounds


class Ground(models.IntegerChoices):
    """공공기관의 정보공개에 관한 법률 제9조 제1항 각 호 (grounds for non-disclosure)."""

    LAW = (
        1,
        gettext_noop(
            "제1호: 다른 법률 또는 법률에서 위임한 명령에 따라 비밀이나 비공개 사항으로 규정된 정보"
        ),
    )
    NATIONAL_SECURITY = 2, gettext_noop("제2호: 국가안전보장·국방·통일·외교관계 등에 관한 사항")
    PUBLIC_SAFETY = (
        3,
        gettext_noop("제3호: 국민의 생명·신체 및 재산의 보호에 현저한 지장을 초래할 우려가 있는 정보"),
    )
    JUSTICE = 4, gettext_noop("제4호: 진행 중인 재판·범죄의 예방·수사 등에 관한 사항")
    DECISION_PROCESS = (
        5,
        gettext_noop("제5호: 감사·감독·검사·시험·규제·입찰계약·의사결정 과정 또는 내부검토 과정에 있는 사항"),
    )
    PRIVACY = (
        6,
        gettext_noop(
            "제6호: 성명·주민등록번호 등 개인에 관한 사항으로서 사생활의 비밀 또는 자유를 침해할 우려가 있는 정보"
        ),
    )
    BUSINESS_SECRET = 7, gettext_noop("제7호: 법인·단체 또는 개인의 경영상·영업상 비밀에 관한 사항")
    SPECULATION = (
        8,
        gettext_noop(
            "제8호: 공개될 경우 부동산 투기·매점매석 등으로 특정인에게 이익 또는 불이익을 줄 우려가 있는 정보"
        ),
    )


def ground_labels(grounds: list[int]) -> list[str]:
    return [Ground(value).label for value in grounds if value in Ground.values]


def term_label(word: str) -> str:
    """A word of the shared vocabulary (a grade, a state's or a role's label), stored in Korean and
    marked with ``gettext_noop`` where it is defined, in the page's language. An empty word stays
    empty: gettext("") would answer the catalogue's header."""
    return gettext(word) if word else word

"""The officers' forms. Every field error is bilingual (Korean / English), from the named messages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import RegexValidator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from sotong.core.errors import Message
from sotong.projects.choices import Kind, Status
from sotong.projects.errors import (
    BAD_BUDGET,
    BAD_CHOICE,
    BAD_DATE,
    DATES_REVERSED,
    REQUIRED,
    SLUG_INVALID,
    TOO_LONG,
)
from sotong.projects.models import NAME_LIMIT, PUBLIC_ID_LIMIT, TASK_CARD_LIMIT
from sotong.projects.services import ProjectFields

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The English name of each field, for the English half of its errors.
LABELS_EN = {
    "slug": "The address name", "name": "The project name", "kind": "The kind", "status": "The status",
    "organization": "The organization", "department": "The department", "budget": "The budget",
    "budget_note": "The budget note", "started_on": "The start date", "ended_on": "The end date",
    "description": "The description", "task_card": "The task card name", "public_id": "The public id",
}  # fmt: skip
RECORD_ADDRESS = re.compile(r"/records/([^/?#\s]+)")


def _both(message: Message, **fields: object) -> str:
    ko, en = message.format(**fields)
    return f"{ko} / {en}"


def _korean(label: object) -> str:
    """A field's label in Korean, for the Korean half of its errors, whatever the page's language."""
    with translation.override("ko"):
        return str(label)


class BilingualForm(forms.Form):
    """Replaces Django's one-language errors with ours, named by field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            names = {"label": _korean(field.label), "label_en": LABELS_EN[name]}
            field.error_messages["required"] = _both(REQUIRED, **names)
            field.error_messages["invalid_choice"] = _both(BAD_CHOICE, value="%(value)s", **names)
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = _both(BAD_DATE, **names)
            if isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = field.error_messages["min_value"] = _both(BAD_BUDGET)
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = _both(TOO_LONG, limit=field.max_length, **names)


def _date(label: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="YYYY-MM-DD"
    )


class ProjectForm(BilingualForm):
    name = forms.CharField(label=_("사업명"), max_length=NAME_LIMIT)
    kind = forms.ChoiceField(label=_("구분"), choices=Kind.choices)
    status = forms.ChoiceField(label=_("상태"), choices=Status.choices)
    organization = forms.CharField(label=_("담당 기관"), max_length=100, initial="서울특별시")
    department = forms.CharField(label=_("담당 부서"), max_length=200, required=False)
    budget = forms.IntegerField(
        label=_("예산(원)"),
        min_value=0,
        required=False,
        help_text=_("원 단위 숫자만(예: 3390000000). 모르면 비워 두십시오."),
    )
    budget_note = forms.CharField(
        label=_("예산 설명"),
        max_length=500,
        required=False,
        help_text=_("출처나 내역(예: 2013년 종합계획, 5년 합계)."),
    )
    started_on = _date(_("시작일"))
    ended_on = _date(_("종료일"))
    description = forms.CharField(
        label=_("설명"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("시민이 읽는 공개 설명입니다. 개인정보를 쓰지 마십시오."),
    )  # fmt: skip

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _both(DATES_REVERSED, started=started, ended=ended))
        return data

    def project_fields(self) -> ProjectFields:
        return ProjectFields(**{name: self.cleaned_data[name] for name in ProjectFields.names()})


class ProjectCreateForm(ProjectForm):
    slug = forms.CharField(
        label=_("주소 이름"), max_length=80,
        validators=[RegexValidator(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z", message=_both(SLUG_INVALID))],
        help_text=_("공개 주소 /projects/<이름>/ 에 쓰입니다. 영문 소문자·숫자·하이픈. 만든 뒤에는 바꿀 수 없습니다."),
    )  # fmt: skip
    field_order = ("slug",)


class TaskCardForm(BilingualForm):
    task_card = forms.CharField(
        label=_("단위과제명"), max_length=TASK_CARD_LIMIT,
        help_text=_("정보목록의 단위과제 이름과 글자 하나까지 똑같이 쓰십시오(예: 서부간선지하도로 민간투자사업(조경))."),
    )  # fmt: skip


class RecordForm(BilingualForm):
    public_id = forms.CharField(
        label=_("공개 문서 번호"), max_length=500,
        help_text=_("문서 화면 주소(/records/번호/)를 그대로 붙여 넣어도 됩니다."),
    )  # fmt: skip

    def clean_public_id(self) -> str:
        value: str = self.cleaned_data["public_id"]
        address = RECORD_ADDRESS.search(value)
        public_id = address.group(1) if address else value
        if len(public_id) > PUBLIC_ID_LIMIT:
            raise forms.ValidationError(
                _both(
                    TOO_LONG, label="공개 문서 번호", label_en=LABELS_EN["public_id"], limit=PUBLIC_ID_LIMIT
                )
            )
        return public_id

"""The reviewer's forms. Field errors are bilingual (Korean / English), from the named messages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_lazy

from sotong.core import clock
from sotong.organizations.models import Organization
from sotong.records.choices import FileState, Grade, Ground
from sotong.records.models import File
from sotong.workbench.decisions import LISTINGS, DecisionInput, decision_problems

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TITLE = "title"


def _translated(choices: type[models.Choices]) -> list[tuple[object, StrOrPromise]]:
    """The vocabulary's Korean labels (``gettext_noop``) in the page's language, when the form is shown."""
    return [(value, gettext_lazy(label)) for value, label in choices.choices]


def _automatic(grade: str) -> str:
    return gettext("자동 (%(grade)s)") % {"grade": gettext(grade)} if grade else gettext("자동")


class MaskAddForm(forms.Form):
    target = forms.ChoiceField(label=gettext_lazy("가릴 곳"))
    quote = forms.CharField(
        label=gettext_lazy("가릴 글자(원문 그대로)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    occurrence = forms.IntegerField(
        label=gettext_lazy("몇 번째(0 = 모두)"),
        min_value=0,
        initial=0,
        help_text=gettext_lazy("같은 글자가 여러 번 나오면 몇 번째인지; 0이면 모두 가립니다."),
    )

    def __init__(self, *args: Any, files_: Sequence[File] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        readable = [f for f in files_ if f.state == FileState.EXTRACTED]
        self.files_by_key = {str(f.pk): f for f in readable}
        cast(forms.ChoiceField, self.fields["target"]).choices = [
            (TITLE, gettext("제목")),
            *((str(f.pk), f.original_name) for f in readable),
        ]

    def target_file(self) -> File | None:
        return self.files_by_key.get(self.cleaned_data["target"])


class DecisionForm(forms.Form):
    grade = forms.ChoiceField(
        label=gettext_lazy("공개 구분"), choices=_translated(Grade), widget=forms.RadioSelect
    )
    grounds = forms.TypedMultipleChoiceField(
        label=gettext_lazy("비공개 근거(정보공개법 제9조 제1항)"), choices=_translated(Ground), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    reason = forms.CharField(
        label=gettext_lazy("사유"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    opens_on = forms.DateField(
        label=gettext_lazy("공개 예정일"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    no_opening_reason = forms.CharField(
        label=gettext_lazy("공개 예정일이 없는 까닭"), max_length=300, required=False
    )
    listing = forms.ChoiceField(
        label=gettext_lazy("목록 공개 방식"), choices=LISTINGS, widget=forms.RadioSelect
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if self.errors:
            return data
        for problem in decision_problems(self.decision(), today=clock.today()):
            self.add_error(problem.field, str(problem))
        return data

    def decision(self) -> DecisionInput:
        data = self.cleaned_data
        return DecisionInput(
            grade=data.get("grade", ""),
            grounds=tuple(data.get("grounds") or ()),
            reason=data.get("reason", ""),
            opens_on=data.get("opens_on"),
            no_opening_reason=data.get("no_opening_reason", ""),
            listing=data.get("listing", ""),
        )


class ApproveForm(forms.Form):
    """One grade per file; left on 자동, the service's default applies (shown in the choice)."""

    def __init__(
        self, *args: Any, files_: Sequence[File] = (), defaults: dict[int, str] | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        defaults = defaults or {}
        for file in files_:
            auto = defaults.get(file.pk, "")
            self.fields[f"file_{file.pk}"] = forms.ChoiceField(
                label=file.original_name, required=False, initial="",
                choices=[("", _automatic(auto)), *_translated(Grade)],
            )  # fmt: skip

    def file_grades(self) -> dict[int, str]:
        return {int(name.removeprefix("file_")): value for name, value in self.cleaned_data.items() if value}


class WithheldFilterForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=gettext_lazy("기관"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=gettext_lazy("모든 기관"),
    )

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]

"""The disclosure officer edits the publishing rules here (the group 정보공개 담당자 may).

Every record decided under older rules is decided again by ``sotong redecide --if-stale``, which
runs at every start: the rules' fingerprint changes with any edit (``selectors.rules_current``).
Field labels are Korean here, in the admin, so the models (and their migrations) stay as they are.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.http import HttpRequest

from sotong.rules.models import DetectionSetting, ExcludedTask, KindRule, PublishingScope, Rank, RankAlias

LABELS = {
    "name": "직급명",
    "level": "서열(낮은 직급부터 1, 2, 3 …)",
    "alias": "다른 직위명(예: 담당관)",
    "rank": "같은 직급",
    "effective_from": "적용 시작일",
    "min_rank": "원문 공개 최저 직급",
    "note": "비고",
    "word": "단위과제명에 들어 있는 말(띄어쓰기 무시)",
    "info_type": "정보 유형",
    "action": "처리 기준",
    "min_confidence": "자동 가림 최저 신뢰도(0–1)",
    "approval_kind": "공개 범위를 적용할 정보 유형",
}


class KoreanLabels:
    """Korean labels on the admin's forms (``modelform_factory`` takes ``labels``)."""

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        return super().get_form(request, obj, change, labels=LABELS, **kwargs)  # type: ignore[misc]


class RankAliasInline(admin.TabularInline):
    model = RankAlias
    extra = 1
    verbose_name = "같은 직급의 다른 직위명"
    verbose_name_plural = "같은 직급의 다른 직위명"

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        return super().get_formset(request, obj, labels=LABELS, **kwargs)


@admin.register(Rank)
class RankAdmin(KoreanLabels, admin.ModelAdmin):
    list_display = ("rank_name", "rank_level")
    ordering = ("level",)
    inlines: ClassVar = [RankAliasInline]

    @admin.display(description="직급명", ordering="name")
    def rank_name(self, rank: Rank) -> str:
        return rank.name

    @admin.display(description="서열", ordering="level")
    def rank_level(self, rank: Rank) -> int:
        return rank.level


@admin.register(RankAlias)
class RankAliasAdmin(KoreanLabels, admin.ModelAdmin):
    list_display = ("__str__",)
    search_fields = ("alias",)
    list_select_related = ("rank",)


@admin.register(PublishingScope)
class PublishingScopeAdmin(KoreanLabels, admin.ModelAdmin):
    list_display = ("__str__", "scope_note")
    list_select_related = ("min_rank",)

    @admin.display(description="비고")
    def scope_note(self, scope: PublishingScope) -> str:
        return scope.note


@admin.register(ExcludedTask)
class ExcludedTaskAdmin(KoreanLabels, admin.ModelAdmin):
    list_display = ("__str__", "task_note")
    search_fields = ("word",)

    @admin.display(description="비고")
    def task_note(self, task: ExcludedTask) -> str:
        return task.note


@admin.register(KindRule)
class KindRuleAdmin(KoreanLabels, admin.ModelAdmin):
    list_display = ("__str__",)
    list_select_related = ("info_type",)


@admin.register(DetectionSetting)
class DetectionSettingAdmin(KoreanLabels, admin.ModelAdmin):
    list_display = ("__str__",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # One row: the decide stage reads the first, so a second would be silently ignored.
        return super().has_add_permission(request) and not DetectionSetting.objects.exists()

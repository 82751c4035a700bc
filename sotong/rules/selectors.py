"""Reads of the disclosure rules, as the plain data the decide stage takes."""

from __future__ import annotations

import json
import zlib

from sotong.pipeline.stages.decide import DecisionRules
from sotong.rules.models import DetectionSetting, ExcludedTask, KindRule, PublishingScope, Rank, RankAlias

# Bumped when the decide stage itself changes, so records decided by older code are decided again.
DECIDE_CODE_VERSION = 2


def rules_current() -> DecisionRules:
    levels = dict(Rank.objects.values_list("name", "level"))
    aliases = dict(RankAlias.objects.values_list("alias", "rank__name"))
    scopes = tuple(
        PublishingScope.objects.order_by("effective_from").values_list("effective_from", "min_rank__level")
    )
    excluded = tuple(ExcludedTask.objects.values_list("word", flat=True))
    kinds = dict(KindRule.objects.values_list("info_type__name", "action"))
    setting = DetectionSetting.objects.first() or DetectionSetting()
    content = json.dumps(
        [DECIDE_CODE_VERSION, levels, aliases, [(d.isoformat(), v) for d, v in scopes], excluded, kinds,
         setting.min_confidence, setting.approval_kind],
        sort_keys=True, ensure_ascii=False,
    )  # fmt: skip
    return DecisionRules(
        rank_levels=levels,
        rank_aliases=aliases,
        scopes=scopes,
        excluded_tasks=excluded,
        kind_actions=kinds,
        min_confidence=setting.min_confidence,
        approval_kind=setting.approval_kind,
        fingerprint=zlib.crc32(content.encode()) & 0x7FFFFFFF,
    )

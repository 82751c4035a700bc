"""Seoul's rules as its plans state them, for a new instance to start from (editable afterwards).

- Ranks lowest to highest, with the titles that mean the same rank (seoul-organizations.json).
- Publishing scope of approved documents: 국장 이상 from 2013, 과장 이상 from 2014
  (열린시정 2.0 계획, 2012: "공개범위: ('13년) 국장이상 결재문서 ⇒ ('14년) 과장이상 결재문서").
- Administrative support excluded ("직원 복무, 인사발령, 교육, 일상경비 지출 등의 행정지원 업무는
  공개대상에서 제외"). 교육 alone would also exclude policy tasks such as 평생교육, so the words are
  those of staff administration: 직원교육, 교육훈련.
"""

import datetime as dt

from django.db import migrations

RANKS = ["주무관", "팀장", "과장", "국장", "실장", "부시장", "시장"]
ALIASES = {
    "담당관": "과장", "단장": "국장", "본부장": "실장", "기획관": "국장",
    "행정1부시장": "부시장", "행정2부시장": "부시장", "정무부시장": "부시장",
}  # fmt: skip
SCOPES = [
    (dt.date(2013, 1, 1), "국장", "2013년: 국장 이상 결재문서 공개"),
    (dt.date(2014, 1, 1), "과장", "2014년부터: 과장 이상 결재문서 공개"),
]
EXCLUDED = ["복무", "인사발령", "직원교육", "교육훈련", "일상경비"]


def seed(apps, schema_editor):
    Rank = apps.get_model("rules", "Rank")
    RankAlias = apps.get_model("rules", "RankAlias")
    PublishingScope = apps.get_model("rules", "PublishingScope")
    ExcludedTask = apps.get_model("rules", "ExcludedTask")
    DetectionSetting = apps.get_model("rules", "DetectionSetting")
    ranks = {
        name: Rank.objects.get_or_create(name=name, defaults={"level": level})[0]
        for level, name in enumerate(RANKS, 1)
    }
    for alias, name in ALIASES.items():
        RankAlias.objects.get_or_create(alias=alias, defaults={"rank": ranks[name]})
    for effective_from, name, note in SCOPES:
        PublishingScope.objects.get_or_create(
            effective_from=effective_from, defaults={"min_rank": ranks[name], "note": note}
        )
    for word in EXCLUDED:
        ExcludedTask.objects.get_or_create(word=word, defaults={"note": "행정지원 업무(열린시정 2.0 계획)"})
    if not DetectionSetting.objects.exists():
        DetectionSetting.objects.create()


class Migration(migrations.Migration):
    dependencies = [("rules", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""The group of disclosure officers (정보공개 담당자): the permission to see and review every record,
and to edit the disclosure rules in the admin.

Django creates model permissions only after all migrations ran (post_migrate), so the ones this
group needs are made here by content type and codename, exactly as Django would name them; its own
pass later finds them and adds nothing.
"""

from django.db import migrations

GROUP = "정보공개 담당자"
RULE_MODELS = {
    "rank": "직급", "rankalias": "직급 별칭", "publishingscope": "결재문서 공개 범위",
    "excludedtask": "공개 제외 업무", "kindrule": "정보 유형별 기준", "detectionsetting": "탐지 기준",
}  # fmt: skip
ACTIONS = ("add", "change", "delete", "view")


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    permissions = [
        _permission(apps, "accounts", "official", "review_all", "모든 기록물 검토·직권심의 (정보공개 담당자)")
    ]
    for model, verbose_name in RULE_MODELS.items():
        permissions += [
            _permission(apps, "rules", model, f"{action}_{model}", f"Can {action} {verbose_name}")
            for action in ACTIONS
        ]
    group.permissions.add(*permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("rules", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]

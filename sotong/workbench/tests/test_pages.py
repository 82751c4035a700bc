"""Page shape and cost: the queue's queries do not grow with its length; the rules admin is Korean."""

import pytest
from django.contrib.auth.models import Group

from sotong.accounts.models import OFFICER_GROUP
from sotong.workbench.tests.factories import extracted_file, published_record

pytestmark = pytest.mark.django_db


def _pending(department, n):
    return [
        published_record(text=f"본문 {i} 연락처 010-2345-6789", organization=department.organization,
                         department=department, grade="")
        for i in range(n)
    ]  # fmt: skip


def test_queue_queries_do_not_grow_with_the_number_of_records(
    client, official, housing, django_assert_num_queries
):
    """1 session, 2 user, 3–4 the user's and their groups' permissions (is the user an officer?),
    5 official profile, 6 units below the department (none here: one level), 7 count, 8 the page of
    records with organization, department and mask count."""
    _pending(housing, 3)
    client.force_login(official.user)
    with django_assert_num_queries(8):
        response = client.get("/workbench/")
    assert response.content.decode().count("/workbench/records/") == 3


def test_record_page_queries_do_not_grow_with_files_or_masks(
    client, officer, housing, django_assert_num_queries
):
    """1 session, 2 user, 3–4 permissions (an officer: no profile or units needed), 5 the record with
    organization, department and info type, 6 approval line, 7 files, 8 masks with their files."""
    (record,) = _pending(housing, 1)
    extracted_file(record, "둘째 파일 010-9876-5432 와 010-1111-2222", name="첨부.txt", order=1)
    client.force_login(officer.user)
    with django_assert_num_queries(8):
        assert client.get(f"/workbench/records/{record.public_id}/").status_code == 200


def test_the_officers_group_carries_the_review_and_rules_permissions(db):
    codenames = set(Group.objects.get(name=OFFICER_GROUP).permissions.values_list("codename", flat=True))
    assert {"review_all", "change_rank", "add_excludedtask", "change_publishingscope"} <= codenames


def test_an_officer_edits_the_rules_in_the_admin_with_korean_labels(client, officer):
    client.force_login(officer.user)
    html = client.get("/admin/rules/excludedtask/add/").content.decode()
    assert "단위과제명에 들어 있는 말" in html
    assert client.get("/admin/rules/").status_code == 200

"""Who sees what: login first, officials their own units, officers everything; private headers."""

import pytest

from sotong.accounts.tests.factories import PASSWORD, UserFactory
from sotong.workbench.tests.factories import published_record

pytestmark = pytest.mark.django_db


def _pending(department, **fields):
    # No grade from the source, with a document: the rules cannot decide, an official must.
    return published_record(
        text="검토할 본문", organization=department.organization, department=department, grade="", **fields
    )


def _assert_private(response):
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]


def test_anonymous_user_is_sent_to_the_login_page(client, housing):
    record = _pending(housing)
    for url in ["/workbench/", f"/workbench/records/{record.public_id}/", "/workbench/withheld/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/workbench/login/?next=")
        _assert_private(response)


def test_login_page_is_korean_with_labels_noindex_and_no_store(client, db):
    response = client.get("/workbench/login/")
    html = response.content.decode()
    assert '<html lang="ko">' in html and '<meta name="robots" content="noindex, nofollow">' in html
    assert '<label for="id_username">' in html and '<label for="id_password">' in html
    assert 'href="#main"' in html
    _assert_private(response)


def test_pending_record_is_in_its_departments_queue_with_korean_reasons(client, official, housing):
    record = _pending(housing, title="주택 공급 계획")
    client.force_login(official.user)
    response = client.get("/workbench/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "주택 공급 계획" in html and "원 기관이 공개 구분을 보내지 않았습니다" in html
    assert f"/workbench/records/{record.public_id}/" in html
    _assert_private(response)


def test_official_sees_records_of_units_below_their_own(client, official, housing_team):
    record = _pending(housing_team, title="팀 문서")
    client.force_login(official.user)
    assert "팀 문서" in client.get("/workbench/").content.decode()
    assert client.get(f"/workbench/records/{record.public_id}/").status_code == 200


def test_official_of_another_department_gets_404_and_an_empty_queue(client, other_official, housing):
    record = _pending(housing, title="주택 공급 계획")
    client.force_login(other_official.user)
    assert "주택 공급 계획" not in client.get("/workbench/").content.decode()
    response = client.get(f"/workbench/records/{record.public_id}/")
    assert response.status_code == 404
    _assert_private(response)
    assert client.post(f"/workbench/records/{record.public_id}/approve/").status_code == 404


def test_officer_sees_every_record(client, officer, housing, culture):
    first, second = _pending(housing, title="주택 문서"), _pending(culture, title="문화 문서")
    client.force_login(officer.user)
    html = client.get("/workbench/").content.decode()
    assert "주택 문서" in html and "문화 문서" in html
    assert client.get(f"/workbench/records/{first.public_id}/").status_code == 200
    assert client.get(f"/workbench/records/{second.public_id}/").status_code == 200


def test_withheld_queue_is_forbidden_to_officials_and_open_to_officers(client, official, officer):
    client.force_login(official.user)
    response = client.get("/workbench/withheld/")
    assert response.status_code == 403
    _assert_private(response)
    client.force_login(officer.user)
    assert client.get("/workbench/withheld/").status_code == 200


def test_a_user_who_is_no_official_is_forbidden(client, db):
    client.force_login(UserFactory(username="citizen"))
    assert client.get("/workbench/").status_code == 403


def test_officer_nav_links_to_the_rules_admin_and_officials_nav_does_not(client, official, officer):
    client.force_login(officer.user)
    assert 'href="/admin/rules/"' in client.get("/workbench/").content.decode()
    client.force_login(official.user)
    assert 'href="/admin/rules/"' not in client.get("/workbench/").content.decode()


def test_public_pages_never_link_to_the_workbench(client, housing):
    _pending(housing)
    for url in ["/", "/list/", "/search/?q=본문"]:
        assert "/workbench" not in client.get(url).content.decode()


def test_a_wrong_password_is_refused_on_the_login_page(client, official):
    response = client.post("/workbench/login/", {"username": official.user.username, "password": "틀림"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_returns_to_the_page_asked_for(client, official, housing):
    record = _pending(housing)
    url = f"/workbench/records/{record.public_id}/"
    response = client.post(
        f"/workbench/login/?next={url}", {"username": "housing-official", "password": PASSWORD, "next": url}
    )
    assert response["Location"] == url

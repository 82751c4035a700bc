"""A project's records: its task cards' and the chosen ones, each once, from plan to completion;
the projects a record belongs to; the list by kind and status. Only published projects count."""

import datetime as dt

import pytest

from sotong.projects.choices import Kind, Status
from sotong.projects.selectors import (
    project_list,
    project_records,
    project_timeline,
    projects_of_record,
    task_card_counts,
)
from sotong.projects.tests.conftest import TASK_CARD, project, published

pytestmark = pytest.mark.django_db


def _ids(timeline) -> list[list[str]]:
    return [[record.public_id for record in year.records] for year in timeline.years]


def test_the_timeline_runs_from_plan_to_completion_by_year_with_undated_records_last():
    published("seoul-0001", produced_on=dt.date(2013, 7, 1), task_card=TASK_CARD)
    published("seoul-0002", produced_on=None, task_card=TASK_CARD)
    published("seoul-0003", produced_on=dt.date(2012, 8, 23))
    published("seoul-0004", produced_on=dt.date(2012, 5, 8), task_card=TASK_CARD)
    timeline = project_timeline(project=project(cards=(TASK_CARD,), chosen=("seoul-0003",)))
    assert [year.year for year in timeline.years] == [2012, 2013, None]
    assert _ids(timeline) == [["seoul-0004", "seoul-0003"], ["seoul-0001"], ["seoul-0002"]]
    assert not timeline.truncated


def test_a_record_both_chosen_and_of_a_task_card_appears_once():
    published("seoul-0001", task_card=TASK_CARD)
    published("seoul-0002", task_card="다른 단위과제")
    published("seoul-0003", task_card="다른 단위과제")
    made = project(cards=(TASK_CARD, "없는 단위과제"), chosen=("seoul-0001", "seoul-0002", "seoul-9999"))
    assert sorted(project_records(project=made).values_list("public_id", flat=True)) == [
        "seoul-0001", "seoul-0002",
    ]  # fmt: skip


def test_task_cards_match_exactly():
    published("seoul-0001", task_card=TASK_CARD)
    published("seoul-0002", task_card=TASK_CARD + " ")
    published("seoul-0003", task_card="서부간선지하도로 민간투자사업")
    made = project(cards=(TASK_CARD,))
    assert list(project_records(project=made).values_list("public_id", flat=True)) == ["seoul-0001"]
    assert task_card_counts(names=[TASK_CARD, "없는 단위과제"]) == {TASK_CARD: 1, "없는 단위과제": 0}


def test_a_long_timeline_says_it_is_cut(monkeypatch):
    monkeypatch.setattr("sotong.projects.selectors.TIMELINE_LIMIT", 2)
    for number in range(3):
        published(f"seoul-000{number}", task_card=TASK_CARD, produced_on=dt.date(2020, 1, 1 + number))
    timeline = project_timeline(project=project(cards=(TASK_CARD,)))
    assert timeline.truncated and _ids(timeline) == [["seoul-0000", "seoul-0001"]]


def test_a_record_belongs_to_the_published_projects_of_its_task_card_or_that_chose_it():
    published("seoul-0001", task_card=TASK_CARD)
    published("seoul-0002")
    by_card = project("by-card", name="가 사업", cards=(TASK_CARD,))
    chosen = project("chosen", name="나 사업", chosen=("seoul-0001", "seoul-0002"))
    project("hidden", name="다 사업", cards=(TASK_CARD,), chosen=("seoul-0001",), published=False)
    assert projects_of_record("seoul-0001") == [by_card, chosen]
    assert projects_of_record("seoul-0002") == [chosen]


def test_a_record_without_a_task_card_or_unpublished_belongs_to_nothing():
    published("seoul-0001", task_card="")
    project("empty-card", cards=("",))
    project("chosen", chosen=("seoul-9999",))
    assert projects_of_record("seoul-0001") == []
    assert projects_of_record("seoul-9999") == []  # chosen, but not published


def test_the_list_groups_published_projects_by_kind_and_filters_by_status():
    project("b", name="나 건설", kind=Kind.CONSTRUCTION, status=Status.DONE)
    project("a", name="가 정책", kind=Kind.POLICY, status=Status.ONGOING)
    project("c", name="다 건설", kind=Kind.CONSTRUCTION, status=Status.ONGOING)
    project("d", name="라 정책", kind=Kind.POLICY, published=False)
    groups = project_list()
    assert [(g.label, [p.slug for p in g.projects]) for g in groups] == [
        ("서울의 정책", ["a"]), ("건설사업", ["b", "c"]),
    ]  # fmt: skip
    ongoing = project_list(status=Status.ONGOING)
    assert [[p.slug for p in g.projects] for g in ongoing] == [["a"], ["c"]]
    assert [g.kind for g in project_list(kind=Kind.SOCIAL)] == []


def test_a_long_timeline_goes_on_in_pages(monkeypatch, client):
    monkeypatch.setattr("sotong.projects.selectors.TIMELINE_LIMIT", 2)
    for number in range(3):
        published(f"seoul-000{number}", task_card=TASK_CARD, produced_on=dt.date(2020, 1, 1 + number))
    made = project(cards=(TASK_CARD,))
    second = project_timeline(project=made, page=2)
    assert not second.truncated and _ids(second) == [["seoul-0002"]]
    first_page = client.get(f"/projects/{made.slug}/").content.decode()
    assert 'href="?page=2" rel="next"' in first_page and "seoul-0002" not in first_page
    last_page = client.get(f"/projects/{made.slug}/", {"page": "2"}).content.decode()
    assert "seoul-0002" in last_page and 'rel="prev"' in last_page and 'rel="next"' not in last_page
    assert client.get(f"/projects/{made.slug}/", {"page": "0"}).status_code == 400


def test_project_pages_answer_in_english_too(client):
    made = project(cards=(TASK_CARD,))
    english = client.get(f"/projects/{made.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        'lang="en"' in english and "The project through its documents" in english and "Under way" in english
    )
    assert "Construction projects" in client.get("/projects/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

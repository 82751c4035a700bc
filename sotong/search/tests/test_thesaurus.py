"""The thesaurus file: groups of equivalent words, and the errors a bad file gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from sotong.search import thesaurus
from sotong.search.query import parse_query
from sotong.search.thesaurus import ThesaurusError, thesaurus_load


def test_the_bundled_thesaurus_loads_and_groups_both_ways() -> None:
    groups = thesaurus_load(thesaurus.DEFAULT_PATH)
    assert groups["서울시"] == ("서울특별시",) and groups["서울특별시"] == ("서울시",)
    assert set(groups["주민센터"]) == {"동주민센터", "행정복지센터"}


def test_a_query_word_gets_its_equivalents_terms_as_readings() -> None:
    word = parse_query("서울시에서").words[0]
    assert ("서울", "특별시") in word.readings
    assert "특별시" in parse_query("서울시").match_terms  # highlighted in snippets too


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("서울시\n", "둘 이상"),
        ("서울시, 서울 특별시\n", "띄어쓰기"),
        ("서울시, 서울특별시\n지하철, 서울시\n", "다른 줄"),
    ],
)
def test_a_bad_file_names_its_line_and_problem_in_both_languages(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "thesaurus.txt"
    path.write_text("# 주석\n" + content, encoding="utf-8")
    with pytest.raises(ThesaurusError) as caught:
        thesaurus_load(path)
    assert problem in caught.value.message_ko and "line" in caught.value.message_en


def test_an_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ThesaurusError, match="SOTONG_THESAURUS"):
        thesaurus_load(tmp_path / "missing.txt")

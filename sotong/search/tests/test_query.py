"""Query parsing: which words are required, and which may be found by their characters."""

from __future__ import annotations

from sotong.search.query import parse_query


def test_each_word_requires_its_morphemes() -> None:
    parsed = parse_query("정보공개 청구")
    assert [word.terms for word in parsed.words] == [("정보", "공개"), ("청구",)]
    assert "정보공개" in parsed.boosts


def test_common_words_never_take_the_bigram_route() -> None:
    # The bigrams of 공개 are inside 비공개: a search for 공개 must not find 비공개 that way.
    assert not parse_query("공개").words[0].use_bigrams
    assert parse_query("비공개").words[0].terms == ("비공개",)


def test_names_and_numbers_take_the_bigram_route() -> None:
    assert parse_query("한서윤").words[0].use_bigrams
    word = parse_query("소방행정과-1424").words[0]
    assert word.use_bigrams and word.runs == ("소방행정과", "1424")
    assert parse_query("소방행정과-1424").chunks == ("소방행정과-1424",)


def test_grammar_only_words_are_not_required() -> None:
    words = parse_query("시민 예산에 대한").words
    assert [word.required for word in words] == [True, True, False]


def test_blank_and_punctuation_are_empty_queries() -> None:
    assert parse_query("   ").is_empty and parse_query("!?").is_empty

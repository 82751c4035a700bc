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


def test_a_word_read_as_a_verb_alone_is_also_read_as_the_noun() -> None:
    # Kiwi reads 보고 alone as 보다 + 고 and 알림 as 알리다 + ㅁ; titles say 보고/NNG and 알림/NNG.
    assert parse_query("보고").words[0].readings == (("보",), ("보고",))
    assert parse_query("알림").words[0].readings == (("알리",), ("알림",))
    assert not parse_query("보고").words[0].use_bigrams  # another reading, never the bigram route


def test_a_noun_read_as_a_verb_before_a_number_is_read_the_title_way_too() -> None:
    # Before a number 결과보고 reads 결과 + 보다; at the end of the title, 결과 + 보고/NNG.
    word = parse_query("신규 요양보호사 직무교육 결과보고 간호2과-1121").words[3]
    assert ("결과", "보") in word.readings and ("결과", "보고") in word.readings


def test_a_word_of_nouns_may_be_found_whole() -> None:
    # Kiwi sometimes keeps a compound whole in a title (물품청구/NNG) and cuts it in a query.
    assert parse_query("물품청구").words[0].readings == (("물품", "청구"), ("물품청구",))
    assert ("분납대상자",) in parse_query("분납대상자").words[0].readings


def test_no_reading_drops_a_negating_prefix() -> None:
    for text in ("비공개", "미보고", "미공개 알림", "불투명한 보고"):
        for word in parse_query(text).words:
            if word.text[0] in "비미불":
                assert all(reading[0][0] == word.text[0] for reading in word.readings), word
    assert parse_query("공개정보").words[0].readings == (("공개", "정보"), ("공개정보",))


def test_plain_words_have_one_reading() -> None:
    assert parse_query("공개하여").words[0].readings == (("공개",),)
    assert parse_query("안내").words[0].readings == (("안내",),)


def test_grammar_only_words_are_not_required() -> None:
    words = parse_query("시민 예산에 대한").words
    assert [word.required for word in words] == [True, True, False]
    assert words[2].readings == ()  # 대한/NNP is not a second reading of grammar


def test_blank_and_punctuation_are_empty_queries() -> None:
    assert parse_query("   ").is_empty and parse_query("!?").is_empty

"""Snippets: the original text, highlighted where the query matched, never raw HTML."""

from __future__ import annotations

from sotong.search.query import parse_query
from sotong.search.snippets import SNIPPET_CHARS, highlight, segments_to_html, snippet


def marked(segments: tuple[tuple[str, bool], ...]) -> list[str]:
    return [text for text, is_marked in segments if is_marked]


def test_highlights_the_inflected_word_in_the_original() -> None:
    segments = snippet("심의 결과를 공개하여 알린다.", parse_query("공개"))
    assert marked(segments) == ["공개"]
    assert "".join(text for text, _ in segments) == "심의 결과를 공개하여 알린다."


def test_does_not_light_disclosed_inside_withheld() -> None:
    segments = snippet("비공개 대상이나 일부는 공개한다.", parse_query("공개"))
    assert marked(segments) == ["공개"]
    assert segments[0] == ("비공개 대상이나 일부는 ", False)


def test_compound_query_lights_the_spaced_parts() -> None:
    assert marked(snippet("정보 공개 청구서", parse_query("정보공개"))) == ["정보 공개"]


def test_names_and_numbers_are_lit_where_they_appear() -> None:
    text = "담당 한서윤 주무관, 관련 문서 소방행정과-1424"
    assert marked(snippet(text, parse_query("한서윤"))) == ["한서윤"]
    assert marked(snippet(text, parse_query("1424"))) == ["1424"]


def test_window_is_cut_around_the_best_match() -> None:
    text = (
        "서울시는 여러 분야의 과제를 정리하였다. " * 30 + "시민 참여 예산을 공개한다. " + "기타 사항. " * 30
    )
    segments = snippet(text, parse_query("시민 예산"))
    shown = "".join(t for t, _ in segments)
    assert segments[0] == ("…", False) and segments[-1] == ("…", False)
    assert len(shown) <= SNIPPET_CHARS + 2
    assert marked(segments) == ["시민", "예산"]


def test_no_match_in_the_body_shows_its_beginning() -> None:
    text = "첫 문장입니다. " * 40
    segments = snippet(text, parse_query("예산"))
    assert segments[0][0].startswith("첫 문장입니다.") and not marked(segments)


def test_html_in_documents_is_escaped() -> None:
    segments = highlight('<script>alert("공개")</script> 공개 & 비공개', parse_query("공개"))
    html = segments_to_html(segments)
    assert "<script>" not in html
    assert html.startswith("&lt;script&gt;alert(&quot;<mark>공개</mark>&quot;)&lt;/script&gt;")
    assert html.endswith("<mark>공개</mark> &amp; 비공개")


def test_line_breaks_become_spaces() -> None:
    segments = snippet("첫 줄\n\n  둘째 줄 공개", parse_query("공개"))
    assert "".join(t for t, _ in segments) == "첫 줄 둘째 줄 공개"

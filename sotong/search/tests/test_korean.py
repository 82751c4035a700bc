"""Korean analysis: what gets indexed, and where it sits in the original text."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from sotong.search.korean import Role, analyse, analyse_many, bigrams, kiwi, term_spans


def test_inflected_forms_give_the_plain_word() -> None:
    assert analyse("공개하여") == ["공개"]
    assert analyse("공개된 자료를") == ["공개", "자료"]


def test_verbs_are_indexed_by_their_stem() -> None:
    assert "높이" in analyse("투명성을 높였다")
    assert "듣" in analyse("의견을 들었다")  # irregular: 들 → 듣
    assert "높이" in analyse("높이다")  # read as a noun alone, still the same term


def test_compound_gives_its_parts_and_the_joined_word() -> None:
    assert analyse("정보공개") == ["정보", "공개", "정보공개"]
    assert analyse("정보 공개") == ["정보", "공개", "정보공개"]


def test_long_compound_is_also_indexed_whole() -> None:
    terms = analyse("서울특별시 정보공개정책과에서")
    assert {"정보", "공개", "정책", "정보공개", "공개정책", "정보공개정책과"} <= set(terms)


def test_nouns_split_by_a_particle_or_a_line_are_not_joined() -> None:
    assert "정보공개" not in analyse("정보를 공개")
    assert "정보공개" not in analyse("정보\n공개")


def test_negating_prefix_stays_on_its_noun() -> None:
    assert analyse("비공개") == ["비공개"]
    assert "공개" not in analyse("비공개 대상 정보")
    assert "공개" not in analyse("미공개 자료")
    assert "공개정보" not in analyse("비공개정보")


def test_other_prefixes_keep_the_bare_noun_too() -> None:
    assert {"재개발", "개발"} <= set(analyse("재개발 사업"))


def test_grammar_words_are_not_terms() -> None:
    assert analyse("시민에 대한 정보가 있다") == ["시민", "정보"]


def test_a_noun_read_as_a_verb_is_indexed_as_the_noun_too() -> None:
    # At the end of a title Kiwi reads 보고 as 보다 + 고, 알림 as 알리다, 안내 as 안 + 내다.
    assert {"보", "보고"} <= set(analyse("공사완료 검사 보고"))
    assert {"알리", "알림"} <= set(analyse("2021년 국가중요(보안)시설 방호 관련 회의 알림"))
    assert "안내" in analyse("수도계량기 폐전처리 안내")
    reading = next(t for t in term_spans("회의 알림") if t.text == "알림")
    assert reading.role is Role.READING and (reading.start, reading.end) == (3, 5)


def test_no_made_up_noun_reading() -> None:
    # Kiwi guesses 짧은/NNG and 살필/NNG for verbs it cannot place; those are not nouns it knows.
    assert analyse("짧은 보고서") == ["짧", "보고서"]
    assert analyse("의견을 살필 것") == ["의견", "살피"]
    assert "타" not in analyse("타시도 전입자")  # nor one-syllable pieces (타/NNG + 시도)


def test_a_negated_word_gets_no_second_reading() -> None:
    assert analyse("비공개 보고") == ["비공개", "보고", "비공개보고"]
    assert "보고" not in analyse("미보고 사항")
    assert "공개" not in analyse("미공개 알림")


def test_a_word_of_nouns_is_indexed_whole_however_kiwi_cut_it() -> None:
    # In the title 분납대상자 is 분납 + 대상자; before a document number, 분납 + 대상 + 자/NNB.
    assert "분납대상자" in analyse("추징금 분납대상자 보고")
    assert "분납대상자" in analyse("추징금 분납대상자 보고 이태원119안전센터-610")


def test_letters_numbers_and_hanja_are_terms_lowercased() -> None:
    assert analyse("AI 시스템 2024 情報公開") == ["ai", "시스템", "2024", "情報公開"]


def test_serial_numbers_are_kept_whole_and_in_groups() -> None:
    terms = analyse("연락처 02-2133-1234")
    assert {"02-2133-1234", "2133", "1234"} <= set(terms)


def test_unknown_names_are_marked_namelike() -> None:
    spans = {t.text: t for t in term_spans("담당 주무관 한서윤이 작성")}
    assert spans["한서윤"].namelike and not spans["주무관"].namelike


def test_term_offsets_point_into_the_original_text() -> None:
    text = "첫 줄입니다.\n" + "가나다 " * 400 + "\n시민에게 공개하여 알린다."  # longer than one Kiwi piece
    for term in term_spans(text):
        if term.role is Role.PART and term.text in {"시민", "공개"}:
            assert text[term.start : term.end] == term.text


def test_analyse_many_matches_analyse_one_by_one() -> None:
    texts = ["정보공개 청구", "", "비공개 대상", "소방행정과-1424"]
    assert analyse_many(texts) == [analyse(text) for text in texts]


def test_bigrams_of_a_name_and_a_document_number() -> None:
    assert bigrams("한서윤") == ["한서", "서윤"]
    assert bigrams("소방행정과-1424") == ["소방", "방행", "행정", "정과", "1424", "소방행정과-1424"]
    assert bigrams("(2024년)") == ["20", "02", "24", "4년", "2024"]
    assert bigrams("및 A") == ["및", "a"]


def test_kiwi_is_loaded_once_for_all_threads() -> None:
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(id(kiwi()))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(seen)) == 1


FORK_CHECK = """
import os, signal, sys
from sotong.search import korean
korean.configure(num_workers=int(sys.argv[1]))
parent_kiwi_id = id(korean.kiwi())
korean.analyse_many(["서울특별시 정보공개 청구", "시민 참여"])
pid = os.fork()
if pid == 0:
    signal.alarm(20)  # a child waiting on threads it does not have is killed here, and fails
    terms = korean.analyse_many(["정보공개 청구", "예산 집행"])
    shared = id(korean.kiwi()) == parent_kiwi_id
    sys.exit(0 if terms[0] and terms[1] and shared == (sys.argv[1] == "1") else 3)  # a normal exit
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_a_process_forked_after_kiwi_is_loaded_can_analyse(workers: int) -> None:
    """gunicorn --preload and Celery's pool fork after loading: a threaded Kiwi is reloaded in the
    child (its threads did not survive the fork); a one-worker Kiwi is kept and shared."""
    completed = subprocess.run(
        [sys.executable, "-c", FORK_CHECK, str(workers)], capture_output=True, timeout=120, check=False
    )
    assert completed.returncode == 0, completed.stderr.decode()[-2000:]

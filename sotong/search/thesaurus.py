"""The administrative thesaurus: words that mean the same to a citizen but not to Kiwi.

서울시 and 서울특별시 name the same city, yet Kiwi reads 서울시 as one proper noun and 서울특별시 as
서울 + 특별시: a search for one would never find the other. A group of equivalent words per line
(``thesaurus.txt``, or the file ``SOTONG_THESAURUS`` names) lets ``query`` give a query word the
terms of its equivalents as further readings; the index is unchanged, so editing the file takes
effect on the next search, on either backend, with no rebuild.
"""

from __future__ import annotations

from pathlib import Path

from sotong.core.errors import BilingualError, Message

DEFAULT_PATH = Path(__file__).with_name("thesaurus.txt")
# A query word may carry particles: 서울시의, 서울시에서 look their stem up (longest first).
_PARTICLES = (
    "에서는",
    "에서",
    "으로",
    "에게",
    "에는",
    "와",
    "과",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "도",
)

THESAURUS_UNREADABLE = Message(
    code="search.thesaurus_unreadable",
    ko="동의어 사전 {path}을(를) 읽을 수 없습니다({reason}). SOTONG_THESAURUS를 확인하세요.",
    en="Cannot read the thesaurus {path} ({reason}). Check SOTONG_THESAURUS.",
)
THESAURUS_BAD_LINE = Message(
    code="search.thesaurus_bad_line",
    ko="동의어 사전 {path} {line}번째 줄: {problem}",
    en="Thesaurus {path}, line {line}: {problem_en}",
)


class ThesaurusError(BilingualError):
    """A thesaurus file that cannot be used as written."""


_groups: dict[str, tuple[str, ...]] = {}


def thesaurus_load(path: Path) -> dict[str, tuple[str, ...]]:
    """Each word of the file (lower-cased) → the other words of its group."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ThesaurusError(THESAURUS_UNREADABLE, path=path, reason=type(error).__name__) from error
    groups: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words = [word.strip() for word in line.split(",") if word.strip()]
        bad = _problem(words, groups)
        if bad:
            raise ThesaurusError(
                THESAURUS_BAD_LINE, path=path, line=number, problem=bad[0], problem_en=bad[1]
            )
        for word in words:
            groups[word.lower()] = tuple(other for other in words if other != word)
    return groups


def _problem(words: list[str], groups: dict[str, tuple[str, ...]]) -> tuple[str, str] | None:
    if len(words) < 2:
        return (
            "한 줄에 같은 뜻의 낱말을 둘 이상 쉼표로 나누어 쓰세요",
            "write two or more words, separated by commas",
        )
    if any(" " in word for word in words):
        return "낱말 안에 띄어쓰기를 쓸 수 없습니다", "a word cannot contain a space"
    repeated = [word for word in words if word.lower() in groups]
    if repeated:
        return f"'{repeated[0]}'은(는) 다른 줄에도 있습니다", f"'{repeated[0]}' is in another line too"
    return None


def configure(path: Path | None = None) -> None:
    """Load the thesaurus (the bundled one by default); raises ``ThesaurusError`` on a bad file."""
    global _groups
    _groups = thesaurus_load(path or DEFAULT_PATH)


def synonyms(word: str) -> tuple[str, ...]:
    """The equivalents of a query word as typed, particles allowed after it (서울시의 → 서울특별시)."""
    key = word.lower()
    if key in _groups:
        return _groups[key]
    for particle in _PARTICLES:
        if key.endswith(particle) and key[: -len(particle)] in _groups:
            return _groups[key[: -len(particle)]]
    return ()

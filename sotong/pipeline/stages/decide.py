"""Decide: what of a record may be public, on which grounds, and what an official must look at.

A plain function over plain data (no Django): the runner gathers the facts and the rules and saves
the decision (``sotong/pipeline/decisions.py``). The order of the rules, as the seed plans state them:

1. Scope. A 결재문서 whose final approver ranks below the publishing scope in force on its date, a
   task card of administrative support (복무, 인사발령 …), or a kind of information whose rule says
   so, is listed only (정보목록) — its metadata, with a masked title, is public; its content is not.
2. The source's grade (what the approver decided). A withholding whose opening date has passed is
   lifted: the record is decided again as 공개, personal information still masked.
3. Personal information found by the detectors: structured identifiers the detector is sure of
   are masked, making a 공개 record 부분공개 on ground 6. Names are flagged, not decided: they stay
   hidden and the record goes to the review queue, published meanwhile with the names hidden;
   unsure structured findings hold the record back until a reviewer decides. Spans the approver marked non-public are masked too; a mark that
   matches nothing sends the record to review.
4. Anything the rules cannot decide goes to review, and a record under review shows nothing but
   its metadata and masked title: an unreadable or OCR-read file, a 부분공개 with nothing to mask,
   a 부분공개/비공개 without grounds or reason, an approver of unknown rank. (Flagged names alone do not
   hold it back, see 3.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sotong.core.disclosure import Grade, Ground
from sotong.pipeline.detectors import AUTO_MASK_KINDS, PublicContacts, detect, mask_text

PRIVACY_REASON = (
    "개인에 관한 정보(성명·주민등록번호·연락처·주소 등)로서 공개될 경우 사생활의 비밀 또는 자유를 "
    "침해할 우려가 있어 해당 부분을 가렸습니다."
)
NO_OPENING_PRIVACY = "개인정보는 시간이 지나도 공개되지 않습니다."
NO_OPENING_UNSET = "공개 예정일이 정해지지 않았습니다. 비공개 사유가 없어지면 다시 심사합니다."

# Listing values (records.choices.Listing), repeated here as plain strings: this module imports no Django.
GRADED, PUBLISHED_ELSEWHERE, LISTED_ONLY = "graded", "published_elsewhere", "listed_only"
OUT_OF_SCOPE, UNDER_REVIEW = "out_of_scope", "under_review"
MASKED, FLAGGED = "masked", "flagged"
DETECTOR, OFFICER, REVIEWER = "detector", "officer", "reviewer"
KIND_LIST_ONLY, KIND_REVIEW = "list_only", "review"

WITHHOLDING = (Grade.PARTIAL.value, Grade.WITHHELD.value)
# Review reasons that do not hold publication back: the flagged names stay hidden meanwhile, and a
# reviewer only decides whether to show them.
NON_BLOCKING = frozenset({"names_need_review"})


@dataclass(frozen=True)
class DecisionRules:
    """The disclosure officer's rules as plain data (``sotong.rules.selectors.rules_current``)."""

    rank_levels: Mapping[str, int] = field(default_factory=dict)  # 주무관 → 1 … 시장 → 7
    rank_aliases: Mapping[str, str] = field(default_factory=dict)  # 담당관 → 과장
    scopes: tuple[tuple[dt.date, int], ...] = ()  # (effective from, lowest rank level), ascending
    excluded_tasks: tuple[str, ...] = ()
    kind_actions: Mapping[str, str] = field(default_factory=dict)  # info type name → action
    min_confidence: float = 0.8
    approval_kind: str = "결재문서"
    fingerprint: int = 0

    def rank_of(self, position: str) -> int | None:
        """The level of a position as written in an approval line (주택정책실장 → 실장), or None."""
        compact = position.replace(" ", "")
        names = {**{name: name for name in self.rank_levels}, **self.rank_aliases}
        for title in sorted(names, key=len, reverse=True):
            if compact.endswith(title):
                return self.rank_levels.get(names[title])
        return None

    def scope_on(self, day: dt.date | None) -> int | None:
        """The lowest rank level published in full on ``day`` (the latest scope when undated)."""
        level = None
        for effective_from, scope_level in self.scopes:
            if day is None or effective_from <= day:
                level = scope_level
        return level


@dataclass(frozen=True)
class FileFacts:
    key: int
    name: str
    grade: str  # the source's grade for this file; "" = the record's
    text: str
    readable: bool
    converter: str = ""


@dataclass(frozen=True)
class MarkFacts:
    """A span someone named by its text: the approver (officer) or a reviewer."""

    file_key: int | None  # None: the title
    quote: str
    occurrence: int  # 1-based; 0 = every occurrence
    origin: str
    page: int | None = None
    rect: tuple[float, ...] | None = None


@dataclass(frozen=True)
class RecordFacts:
    title: str
    kind: str = ""
    grade: str = ""
    grounds: tuple[int, ...] = ()
    reason: str = ""
    opens_on: dt.date | None = None
    produced_on: dt.date | None = None
    task_card: str = ""
    original_url: str = ""
    final_approver: str | None = None  # the position of the 결재 step; None: no approval line
    has_content: bool = False  # the source sent the document itself, not only its metadata
    files: tuple[FileFacts, ...] = ()
    marks: tuple[MarkFacts, ...] = ()


@dataclass(frozen=True)
class Span:
    file_key: int | None
    start: int
    end: int
    kind: str
    origin: str
    state: str
    confidence: float = 1.0
    detector: str = ""
    quote: str = ""
    occurrence: int = 0
    page: int | None = None
    rect: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Decision:
    listing: str
    grade: str
    grounds: tuple[int, ...]
    reason: str
    opens_on: dt.date | None
    no_opening_reason: str
    public_title: str
    basis: tuple[str, ...]
    review_reasons: tuple[str, ...]
    file_grades: Mapping[int, str]
    spans: tuple[Span, ...]

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)


def _occurrences(text: str, quote: str) -> list[int]:
    starts, position = [], text.find(quote)
    while quote and position != -1:
        starts.append(position)
        position = text.find(quote, position + len(quote))
    return starts


def resolve_mark(text: str, mark: MarkFacts) -> list[Span]:
    """The spans a mark names in ``text``; empty when its text (or that occurrence) is not there."""
    starts = _occurrences(text, mark.quote)
    if mark.occurrence:
        starts = starts[mark.occurrence - 1 : mark.occurrence]
    return [
        Span(
            file_key=mark.file_key, start=start, end=start + len(mark.quote), kind="marked",
            origin=mark.origin, state=MASKED, quote=mark.quote, occurrence=mark.occurrence,
            page=mark.page, rect=mark.rect,
        )
        for start in starts
    ]  # fmt: skip


def _detected(text: str, file_key: int | None, public: PublicContacts, rules: DecisionRules) -> list[Span]:
    spans = []
    for finding in detect(text, public=public):
        sure = finding.kind in AUTO_MASK_KINDS and finding.confidence >= rules.min_confidence
        spans.append(
            Span(
                file_key=file_key, start=finding.start, end=finding.end, kind=finding.kind,
                origin=DETECTOR, state=MASKED if sure else FLAGGED, confidence=finding.confidence,
                detector=finding.detector, quote=text[finding.start : finding.end],
            )
        )  # fmt: skip
    return spans


def _propagate_names(found: dict[int | None, list[Span]], texts: Mapping[int | None, str]) -> None:
    """A name found once is hidden wherever else it appears — in the title and every file — even
    where its context gave the detector nothing to go on (``민원인 한서윤`` in the title's brackets,
    ``한서윤 님`` in the body, or the bare name in a table)."""
    names = {
        span.quote for spans in found.values() for span in spans if span.kind == "person_name" and span.quote
    }
    for key, text in texts.items():
        covered = [(span.start, span.end) for span in found[key]]
        for name in names:
            for start in _occurrences(text, name):
                end = start + len(name)
                if any(a < end and start < b for a, b in covered):
                    continue
                found[key].append(
                    Span(file_key=key, start=start, end=end, kind="person_name", origin=DETECTOR, state=FLAGGED,
                         confidence=0.5, detector="name.elsewhere", quote=name)
                )  # fmt: skip
                covered.append((start, end))


def _scope_basis(facts: RecordFacts, rules: DecisionRules, review: list[str]) -> list[str]:
    """The rule codes that put the record out of the publishing scope (empty: in scope). A 결재문서
    sent without an approval line cannot be scoped: the source's grade decides it. A record the
    source sent without its content (a list row) has nothing of ours to publish in full: the rules
    leave it as the source lists it (listed only, or published elsewhere with a link)."""
    basis: list[str] = []
    if not facts.has_content:
        return basis
    if facts.has_content and facts.kind == rules.approval_kind and facts.final_approver is not None:
        scope = rules.scope_on(facts.produced_on)
        level = rules.rank_of(facts.final_approver)
        if scope is not None and level is None:
            review.append("approver_rank_unknown")
        elif scope is not None and level is not None and level < scope:
            basis.append("scope.rank")
    task = facts.task_card.replace(" ", "")
    if task and any(word.replace(" ", "") in task for word in rules.excluded_tasks):
        basis.append("scope.excluded_task")
    action = rules.kind_actions.get(facts.kind, "")
    if action == KIND_LIST_ONLY:
        basis.append("kind.list_only")
    elif action == KIND_REVIEW:
        review.append("kind_review")
    return basis


def decide(facts: RecordFacts, *, rules: DecisionRules, public: PublicContacts, today: dt.date) -> Decision:
    review: list[str] = []
    basis = _scope_basis(facts, rules, review)
    out_of_scope = bool(basis)

    grade, grounds, reason = facts.grade, set(facts.grounds), facts.reason
    opens_on = facts.opens_on if facts.opens_on and facts.opens_on > today else None
    opened = grade in WITHHOLDING and facts.opens_on is not None and facts.opens_on <= today
    if opened:
        grade, grounds, reason = Grade.PUBLIC.value, set(), ""
        basis.append("opened_on_date")
    elif grade:
        basis.append("source")
    elif facts.has_content:
        review.append("grade_missing")

    readable = [file for file in facts.files if file.readable]
    found: dict[int | None, list[Span]] = {None: _detected(facts.title, None, public, rules)}
    found.update({file.key: _detected(file.text, file.key, public, rules) for file in readable})
    texts: dict[int | None, str] = {None: facts.title, **{file.key: file.text for file in readable}}
    _propagate_names(found, texts)
    title_spans = found[None]
    marks_by_file: dict[int | None, list[MarkFacts]] = {}
    for mark in facts.marks:
        marks_by_file.setdefault(mark.file_key, []).append(mark)
    for mark in marks_by_file.get(None, []):
        located = resolve_mark(facts.title, mark)
        title_spans += located
        if not located:
            review.append("mark_not_found")
    if any(span.state == FLAGGED for span in title_spans):
        review.append("names_need_review")

    publishes_content = not out_of_scope and grade in (Grade.PUBLIC, Grade.PARTIAL)
    spans = list(title_spans)
    file_grades: dict[int, str] = {}
    for file in facts.files:
        file_grade = file.grade or grade
        if opened and file_grade in WITHHOLDING:
            file_grade = Grade.PUBLIC.value
        file_spans = list(found.get(file.key, []))
        for mark in marks_by_file.get(file.key, []):
            located = resolve_mark(file.text, mark) if file.readable else []
            file_spans += located
            if not located:
                review.append("mark_not_found")
        shown = publishes_content and file_grade in (Grade.PUBLIC, Grade.PARTIAL)
        if shown and not file.readable:
            review.append("file_unreadable")
        if shown and file.converter.endswith("+ocr"):
            review.append("ocr_text")
        flagged = {span.kind for span in file_spans if span.state == FLAGGED}
        if shown and flagged - {"person_name"}:
            review.append("finding_needs_review")
        if shown and "person_name" in flagged:
            review.append("names_need_review")
        if file_grade == Grade.PUBLIC and file_spans:
            file_grade = Grade.PARTIAL.value
        file_grades[file.key] = file_grade
        spans += file_spans

    hides_personal = any(span.origin == DETECTOR for span in spans)
    hides_anything = bool(spans) or any(g == Grade.WITHHELD for g in file_grades.values())
    if grade == Grade.PUBLIC and spans:
        grade = Grade.PARTIAL.value
        basis.append("masked_spans")
    if grade == Grade.PARTIAL and hides_personal:
        if Ground.PRIVACY not in grounds:
            grounds.add(Ground.PRIVACY.value)
            basis.append("pii")
        if not reason:
            reason = PRIVACY_REASON
    if grade == Grade.PARTIAL and facts.has_content and not hides_anything:
        review.append("partial_without_marks")
    if grade in WITHHOLDING and not grounds:
        review.append("grounds_missing")
    if grade in WITHHOLDING and not reason:
        review.append("reason_missing")

    no_opening_reason = ""
    if grade in WITHHOLDING and opens_on is None:
        no_opening_reason = NO_OPENING_PRIVACY if grounds == {Ground.PRIVACY.value} else NO_OPENING_UNSET

    review = list(dict.fromkeys(review))
    if set(review) - NON_BLOCKING:
        listing = UNDER_REVIEW
    elif out_of_scope:
        listing = OUT_OF_SCOPE
    elif grade:
        listing = GRADED
    else:
        listing = PUBLISHED_ELSEWHERE if facts.original_url else LISTED_ONLY
    return Decision(
        listing=listing,
        grade=grade,
        grounds=tuple(sorted(grounds)),
        reason=reason,
        opens_on=opens_on,
        no_opening_reason=no_opening_reason,
        public_title=mask_text(facts.title, [(s.start, s.end) for s in title_spans]),
        basis=tuple(basis),
        review_reasons=tuple(review),
        file_grades=file_grades,
        spans=tuple(spans),
    )


REVIEW_REASONS = {
    "approver_rank_unknown": ("최종 결재권자의 직급을 알 수 없습니다", "the final approver's rank is unknown"),
    "kind_review": ("이 정보 유형은 담당자 검토 후 공개합니다", "this kind of information is published after review"),
    "grade_missing": ("원 기관이 공개 구분을 보내지 않았습니다", "the source sent no disclosure grade"),
    "mark_not_found": ("비공개로 지정된 부분을 본문에서 찾지 못했습니다", "a span marked non-public was not found in the text"),
    "names_need_review": ("성명으로 보이는 부분을 가려 두었습니다: 개인정보인지 확인해 주십시오", "possible names are hidden meanwhile: confirm they are personal"),
    "file_unreadable": ("본문을 읽을 수 없는 파일이 있습니다", "a file's text could not be read"),
    "ocr_text": ("스캔 문서를 글자 인식(OCR)으로 읽었습니다: 가림 누락 여부를 확인해 주십시오", "a scan was read by OCR: check for missed personal information"),
    "finding_needs_review": ("자동 판단이 어려운 개인정보가 있습니다", "personal information the detectors are unsure of"),
    "partial_without_marks": ("부분공개인데 가릴 부분이 지정되지 않았습니다", "partly disclosed, but nothing is marked to mask"),
    "grounds_missing": ("비공개 근거(정보공개법 제9조 제1항 각 호)가 없습니다", "no ground under Article 9(1) is given"),
    "reason_missing": ("비공개 사유가 없습니다", "no reason for withholding is given"),
    "public_pdf_failed": ("공개용 PDF를 안전하게 만들지 못했습니다: 파일별 사유를 확인해 주십시오", "a public PDF could not be made safely: see each file's reason"),
}  # fmt: skip

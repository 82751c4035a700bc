"""The original text cut into segments, each with the masks that cover it, so the record page can
show what is hidden (``<mark>``) beside what the public will see. Masks may overlap (a detector's
and a reviewer's): a segment lists every mask over it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from django.utils.translation import gettext, gettext_lazy

from sotong.pipeline.decisions import masks_apply
from sotong.records.choices import MaskState
from sotong.records.models import Mask

KIND_LABELS = {
    "rrn": gettext_lazy("주민등록번호"), "foreigner_rrn": gettext_lazy("외국인등록번호"),
    "passport": gettext_lazy("여권번호"), "driver_licence": gettext_lazy("운전면허번호"),
    "phone": gettext_lazy("전화번호"), "email": gettext_lazy("전자우편"), "card": gettext_lazy("카드번호"),
    "bank_account": gettext_lazy("계좌번호"), "health_insurance": gettext_lazy("건강보험번호"),
    "address": gettext_lazy("주소"), "vehicle_plate": gettext_lazy("차량번호"),
    "person_name": gettext_lazy("성명"), "marked": gettext_lazy("지정 부분"),
}  # fmt: skip


def kind_label(kind: str) -> str:
    """The detector's kind in the page's language; an unknown kind (a code) as it is."""
    return str(KIND_LABELS.get(kind, kind))


@dataclass(frozen=True)
class Segment:
    text: str
    masks: tuple[Mask, ...] = ()

    @property
    def state(self) -> str:
        """The strongest state over the segment: masked, then flagged, then cleared."""
        states = {mask.state for mask in self.masks}
        for state in (MaskState.MASKED, MaskState.FLAGGED):
            if state in states:
                return state
        return MaskState.CLEARED

    @property
    def label(self) -> str:
        return ", ".join(f"{kind_label(m.kind)} · {gettext(m.get_state_display())}" for m in self.masks)

    @property
    def kinds(self) -> str:
        return " ".join(sorted({m.kind for m in self.masks}))


def placed(masks: Sequence[Mask], text: str) -> list[Mask]:
    """The masks found in the text (a mark that matched nothing waits at 0–0)."""
    return [m for m in masks if m.end > m.start and m.start < len(text)]


def segments(text: str, masks: Sequence[Mask]) -> list[Segment]:
    spans = placed(masks, text)
    starts: dict[int, list[Mask]] = defaultdict(list)
    ends: dict[int, list[Mask]] = defaultdict(list)
    for mask in spans:
        starts[mask.start].append(mask)
        ends[min(mask.end, len(text))].append(mask)
    points = sorted({0, len(text), *starts, *ends})
    active: dict[int, Mask] = {}
    result: list[Segment] = []
    for start, end in pairwise(points):
        for mask in ends.get(start, []):
            active.pop(id(mask), None)
        for mask in starts.get(start, []):
            active[id(mask)] = mask
        covering = tuple(active.values())
        if result and [id(m) for m in result[-1].masks] == [id(m) for m in covering]:
            result[-1] = Segment(result[-1].text + text[start:end], covering)
        else:
            result.append(Segment(text[start:end], covering))
    return result


def public_version(text: str, masks: Sequence[Mask]) -> str:
    """What the public will see once the record is approved: every hiding mask applied."""
    return masks_apply(text, placed(masks, text))

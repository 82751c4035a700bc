"""Cutting a text into highlighted segments, overlapping masks included."""

from sotong.records.models import Mask
from sotong.workbench.highlight import public_version, segments


def _mask(start, end, state="masked", kind="phone"):
    return Mask(start=start, end=end, state=state, kind=kind, origin="detector")


def test_segments_cover_the_text_once_and_list_every_mask_over_them():
    text = "가나다라마바사"
    outer, inner = _mask(1, 5, kind="address"), _mask(3, 4, state="flagged", kind="person_name")
    parts = segments(text, [outer, inner])
    assert "".join(p.text for p in parts) == text
    assert [(p.text, [m.kind for m in p.masks]) for p in parts] == [
        ("가", []), ("나다", ["address"]), ("라", ["address", "person_name"]), ("마", ["address"]), ("바사", []),
    ]  # fmt: skip
    assert parts[2].state == "masked"  # the strongest state wins


def test_an_unfound_mark_and_a_cleared_mask_hide_nothing_in_the_public_version():
    text = "연락처 010-2345-6789 끝"
    assert public_version(text, [_mask(0, 0), _mask(4, 17, state="cleared")]) == text
    assert public_version(text, [_mask(4, 17)]) == "연락처 ************* 끝"
    assert [p.text for p in segments(text, [_mask(0, 0)])] == [text]

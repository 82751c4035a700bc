"""Which list a file is, told from its columns and declared as data (STYLE 7).

Each kind names, per normalized field, the source columns that can hold it: two names where the
column was renamed between generations (the README generation's ``trck_card_nm`` is the 2021
``tkcrd_nm``), or two columns where one backs up the other (정책연구 has a 생산일자 and a 등록일시:
``regist_dt`` stands in where ``doc_prdctn_dt`` is empty). The first non-empty value wins.
A kind matches a header when its ``marker`` column, which no other kind has, is there and every
field has at least one of its columns.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from sotong.intake.lists.errors import (
    LIST_MISSING_COLUMNS,
    LIST_UNKNOWN_FORMAT,
    ListFormatError,
)
from sotong.intake.lists.rows import InfoType

Columns = tuple[str, ...]


@dataclass(frozen=True)
class ListKind:
    info_type: InfoType
    marker: str
    fields: Mapping[str, Columns]
    required: tuple[str, ...] = ("source_id", "title")
    path_columns: Columns = field(default=())  # all needed, in order, from the top level down

    def missing(self, columns: Collection[str]) -> list[str]:
        wanted = [names for names in self.fields.values() if not any(n in columns for n in names)]
        wanted += [(name,) for name in self.path_columns if name not in columns]
        return ["|".join(names) for names in wanted]

    def describe(self) -> str:
        names = [*("|".join(n) for n in self.fields.values()), *self.path_columns]
        return f"{self.info_type.value}: {', '.join(names)}"


SANCTION = ListKind(
    info_type=InfoType.SANCTION,
    marker="package_id",
    fields={
        "source_id": ("package_id",),
        "produced_on": ("doc_prdctn_dt",),
        "task_card": ("tkcrd_nm", "trck_card_nm"),
        "title": ("title",),
        "registration_number": ("src_dept_doc_no", "src_dept_doc_id"),
        "writer": ("writer",),
        "retention_period": ("othbc_pd", "othnd_pd"),
        "department": ("rspnber_dept_nm", "dept_nm"),
        "grade": ("othbc_se", "othbs_se"),
        "licence": ("cpyrht",),
        "url": ("url",),
    },
    required=("source_id", "title", "registration_number"),
)
PROACTIVE = ListKind(
    info_type=InfoType.PROACTIVE,
    marker="taxonomy",
    fields={
        "source_id": ("nid",),
        "category": ("category",),
        "title": ("title",),
        "writer": ("writer",),
        "department": ("dept_nm",),
        "produced_on": ("regist_dt",),
        "licence": ("cpyrht",),
        "url": ("url",),
    },
)
EXPENSE = ListKind(
    info_type=InfoType.EXPENSE,
    marker="dept_nm_lvl_1",
    fields={"source_id": ("nid",), "title": ("title",), "url": ("url",)},
    path_columns=tuple(f"dept_nm_lvl_{level}" for level in range(1, 6)),
)
RESEARCH = ListKind(
    info_type=InfoType.RESEARCH,
    marker="relm",
    fields={
        "source_id": ("nid",),
        "title": ("title",),
        "produced_on": ("doc_prdctn_dt", "regist_dt"),
        "category": ("category",),
        "region": ("region",),
        "writer": ("writer",),
        "department": ("relte_area",),  # the producing institution (보건환경연구원, 서울시여성가족재단 …)
        "licence": ("cpyrht",),
        "url": ("url",),
    },
)
KINDS: tuple[ListKind, ...] = (SANCTION, PROACTIVE, EXPENSE, RESEARCH)


def list_kind_detect(columns: Collection[str]) -> ListKind:
    """The kind whose columns ``columns`` has; else a ``ListFormatError`` naming what to fix."""
    for kind in KINDS:
        if kind.marker not in columns:
            continue
        if missing := kind.missing(columns):
            raise ListFormatError(
                LIST_MISSING_COLUMNS,
                info_type=kind.info_type.value,
                missing=", ".join(missing),
                expected=kind.describe().partition(": ")[2],
            )
        return kind
    raise ListFormatError(
        LIST_UNKNOWN_FORMAT,
        columns=", ".join(columns) or "(없음/none)",
        expected="; ".join(kind.describe() for kind in KINDS),
    )

"""Real public text for the tests, read in place from ../shared/data (never copied in)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sotong.search.documents import SearchDocument

SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
SEED_DOCUMENTS = SHARED_DATA / "seed-documents"
INFO_LIST = SHARED_DATA / "opengov" / "20210208_20210214_info_list.csv"


def seed_documents() -> list[SearchDocument]:
    """The five Seoul seed documents with the metadata read off them."""
    if not (SEED_DOCUMENTS / "metadata.json").exists():
        pytest.skip(f"the shared demo data is not beside the repository ({SEED_DOCUMENTS})")
    metadata = json.loads((SEED_DOCUMENTS / "metadata.json").read_text(encoding="utf-8"))
    docs = []
    for entry in metadata["documents"]:
        date = entry.get("approved_on")
        docs.append(
            SearchDocument(
                id=Path(entry["file"]).stem,
                title=entry["title"],
                body=(SEED_DOCUMENTS / entry["file"]).read_text(encoding="utf-8"),
                registration_number=entry.get("registration_number") or "",
                organization=entry.get("organization") or "",
                department=entry.get("department") or "",
                info_type=entry.get("kind") or "",
                year=int(date[:4]) if date else None,
                grade=entry.get("disclosure") or "",
                date=date,
            )
        )
    return docs


def info_list_documents(limit: int | None = None) -> list[SearchDocument]:
    """Rows of a real week of Seoul's list of approved documents (title-only records)."""
    if not INFO_LIST.exists():
        pytest.skip(f"the shared demo data is not beside the repository ({INFO_LIST})")
    docs = []
    with INFO_LIST.open(encoding="utf-8") as rows:
        for number, row in enumerate(csv.DictReader(rows)):
            if limit is not None and number >= limit:
                break
            day = row["doc_prdctn_dt"]
            docs.append(
                SearchDocument(
                    id=f"info-{row['package_id']}",
                    title=row["title"],
                    body=f"{row['tkcrd_nm']} {row['writer']}",
                    registration_number=row["src_dept_doc_no"],
                    organization="서울특별시",
                    department=row["rspnber_dept_nm"],
                    info_type="결재문서",
                    year=int(day[:4]),
                    grade="공개",
                    date=f"{day[:4]}-{day[4:6]}-{day[6:8]}",
                    url=row["url"],
                )
            )
    return docs

"""Load the demo corpus from ``SOTONG_DEMO_DATA`` (read in place, never copied into the repository).

A second run with unchanged demo data returns at once: a fingerprint of the files it loaded is kept
in the data folder. Every step is idempotent anyway, so a changed file only costs a re-import.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction

from sotong.intake.services.folders import folder_ingest, folders_with_manifest
from sotong.intake.services.lists import list_import
from sotong.organizations.models import Organization
from sotong.organizations.services.chart import HEADQUARTERS_NAME, organization_import_chart

ACTOR = "command:load-demo"
CHART = "seoul-organizations.json"
# The real week of approved documents and the 정책연구 list (its records, of the kind 정책연구자료).
LIST_PATTERNS = ("*_info_list*", "*_research_list*")
# Raised when the demo's records gain a field (정책연구's region: 2), so an existing instance loads
# the files again at its next start and re-intake fills the field in.
DEMO_VERSION = 2


def demo_files(root: Path) -> list[Path]:
    folders = [f / "metadata.json" for f in folders_with_manifest(root)]
    lists = sorted(path for pattern in LIST_PATTERNS for path in (root / "opengov").glob(pattern))
    return [root / CHART, *folders, *lists]


def _fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256(f"demo {DEMO_VERSION}\n".encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _marker() -> Path:
    return Path(settings.SOTONG_DATA_DIR) / "demo-loaded.json"


def demo_is_loaded(root: Path) -> bool:
    marker = _marker()
    if not marker.is_file():
        return False
    return json.loads(marker.read_text()).get("fingerprint") == _fingerprint(demo_files(root))


def demo_load(*, root: Path, say: Callable[[str], None]) -> None:
    files = demo_files(root)
    with transaction.atomic(durable=True):
        organization_import_chart(path=root / CHART, actor=ACTOR)
    for folder in folders_with_manifest(root):
        say(f"{folder.name}: 문서를 등록하고 본문을 추출합니다… / taking in documents…")
        summary = folder_ingest(folder=folder, actor=ACTOR)
        say(f"{folder.name}: 문서 {len(summary.accepted)}건 접수, {len(summary.rejected)}건 거부")
    headquarters = Organization.objects.get(name=HEADQUARTERS_NAME)
    for path in files:
        if any(path.match(pattern) for pattern in LIST_PATTERNS):
            say(f"{path.name}: 목록을 가져와 색인합니다… / importing and indexing the list…")
            result = list_import(path=path, organization=headquarters, actor=ACTOR)
            say(
                f"{path.name}: {result.rows}행 (신규 {result.created}, 갱신 {result.updated}, 변경 없음 {result.unchanged})"
            )
    _marker().write_text(json.dumps({"fingerprint": _fingerprint(files)}))

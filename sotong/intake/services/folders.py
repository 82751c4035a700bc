"""Drop-folder intake: a folder of documents with a ``metadata.json`` manifest.

``metadata.json`` holds one manifest, or ``{"documents": [manifest, …]}`` (an ``about`` text beside
it is allowed). Each document is taken in on its own: one bad document is reported and skipped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from sotong.intake.errors import MANIFEST_MISSING, MANIFEST_NOT_JSON, IntakeError, ManifestErrors
from sotong.intake.manifest import manifest_parse
from sotong.intake.services.documents import IntakeResult, Upload, document_intake

MANIFEST_NAME = "metadata.json"
FOLDER_SOURCE = "folder"


@dataclass
class FolderRejection:
    item: str
    errors: list[IntakeError]


@dataclass
class FolderSummary:
    accepted: list[IntakeResult] = field(default_factory=list)
    rejected: list[FolderRejection] = field(default_factory=list)


def folder_manifests(folder: Path) -> list[dict[str, Any]]:
    """The raw manifests of a folder; raise ``ManifestErrors`` when there is no readable list."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        raise ManifestErrors([IntakeError(MANIFEST_MISSING, path=str(path))])
    try:
        content = json.loads(path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ManifestErrors([IntakeError(MANIFEST_NOT_JSON, field=MANIFEST_NAME, detail=str(exc))]) from exc
    if isinstance(content, dict) and isinstance(content.get("documents"), list):
        return list(content["documents"])
    if isinstance(content, dict):
        return [content]
    raise ManifestErrors([IntakeError(MANIFEST_NOT_JSON, field=MANIFEST_NAME, detail="expected an object")])


def _label(raw: dict[str, Any], index: int) -> str:
    return (
        str(raw.get("file") or raw.get("title") or f"#{index + 1}")
        if isinstance(raw, dict)
        else f"#{index + 1}"
    )


def _intake_one(folder: Path, raw: Any, *, actor: str) -> IntakeResult:
    manifest = manifest_parse(raw if isinstance(raw, dict) else json.dumps(raw))
    with ExitStack() as stack:
        uploads = []
        for item in manifest.all_files():
            path = folder / item.name
            if path.is_file() and path.resolve().parent == folder.resolve():
                uploads.append(Upload(name=item.name, stream=stack.enter_context(path.open("rb"))))
        with transaction.atomic(durable=True):
            return document_intake(manifest=manifest, uploads=uploads, source=FOLDER_SOURCE, actor=actor)


def folder_ingest(
    *, folder: Path, actor: str, progress: Callable[[str], object] | None = None
) -> FolderSummary:
    summary = FolderSummary()
    for index, raw in enumerate(folder_manifests(folder)):
        label = _label(raw, index)
        try:
            summary.accepted.append(_intake_one(folder, raw, actor=actor))
        except ManifestErrors as exc:
            summary.rejected.append(FolderRejection(item=label, errors=exc.errors))
        if progress is not None:
            progress(label)
    return summary


def folders_with_manifest(root: Path) -> Iterator[Path]:
    """``root`` itself if it holds a manifest, else its sub-folders that do."""
    if (root / MANIFEST_NAME).is_file():
        yield root
        return
    for child in sorted(root.iterdir()):
        if child.is_dir() and (child / MANIFEST_NAME).is_file():
            yield child

"""The expense pages' import contract holds, and breaks when a public module reaches the detectors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CONTRACT = "Expense pages (업무추진비) read only published lines"


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
    )  # fmt: skip


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tree")
    for name in ("sotong", "config"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def test_the_expense_contract_is_kept(tree_copy: Path) -> None:
    result = _lint_imports(tree_copy)
    assert f"{CONTRACT}; only the importer uses the detectors KEPT" in " ".join(result.stdout.split())


@pytest.mark.parametrize("module", ["views.py", "selectors.py", "models.py"])
def test_a_public_expense_module_may_not_use_the_detectors(tree_copy: Path, module: str) -> None:
    path = tree_copy / "sotong" / "expenses" / module
    original = path.read_text()
    path.write_text(original + "\nfrom sotong.pipeline.detectors import detect  # noqa\n")
    try:
        result = _lint_imports(tree_copy)
    finally:
        path.write_text(original)
    assert result.returncode != 0 and CONTRACT in result.stdout and "BROKEN" in result.stdout

"""The leak boundary is an import contract; prove it holds now and fails when broken."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


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


def test_import_contracts_hold(tree_copy: Path) -> None:
    result = _lint_imports(tree_copy)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("public_module", "private_import"),
    [
        ("sotong/portal/leak.py", "from sotong.records.models import Record"),
        ("sotong/api/leak.py", "import sotong.intake.services.documents"),
        ("sotong/search/leak.py", "from sotong.pipeline import runner"),
    ],
)
def test_contract_fails_when_public_code_imports_the_registry(
    tree_copy: Path, public_module: str, private_import: str
) -> None:
    leak = tree_copy / public_module
    leak.write_text(private_import + "\n")
    try:
        result = _lint_imports(tree_copy)
    finally:
        leak.unlink()
    assert result.returncode != 0
    assert "Public code reads only the publication layer" in result.stdout
    assert "BROKEN" in result.stdout

"""The project pages may not reach the private apps: prove the import contract bites."""

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
CONTRACT = "Project pages (사업·정책) read only published records and their own models"


def test_the_contract_fails_when_a_page_module_imports_the_registry(tmp_path):
    for name in ("sotong", "config"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    selectors = tmp_path / "sotong" / "projects" / "selectors.py"
    selectors.write_text(selectors.read_text() + "\nfrom sotong.records.models import Record\n")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=tmp_path, capture_output=True,
        text=True, timeout=300, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode != 0
    broken = result.stdout.partition("Broken contracts")[2]
    assert (
        CONTRACT in broken and "sotong.projects.selectors is not allowed to import sotong.records" in broken
    )

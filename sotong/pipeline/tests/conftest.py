"""Where the real HWP/HWPX samples live: read in place, never copied into the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[3]


def _samples_dir() -> Path:
    data = Path(os.environ.get("SOTONG_DEMO_DATA", REPOSITORY.parent / "shared" / "data"))
    return data / "samples"


@pytest.fixture(scope="session")
def samples() -> Path:
    directory = _samples_dir()
    if not directory.is_dir():
        pytest.skip(f"real samples not found at {directory}; set SOTONG_DEMO_DATA to shared/data")
    return directory

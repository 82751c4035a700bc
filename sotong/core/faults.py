"""Named points where a test makes the process fail, to prove a crash there loses nothing.

Production never arms one: ``SOTONG_FAULT_POINTS`` is empty unless a test's settings name points.
The pipeline places them where a crash hurts most (after the originals are written, between two
files' extraction, between the public PDFs and publication, between publication and indexing);
``sotong/pipeline/tests/test_crash_safety.py`` crashes at each and recovers.
"""

from __future__ import annotations

from django.conf import settings


class InjectedFault(RuntimeError):
    """A crash a test asked for."""


def fault_point(name: str) -> None:
    if name in getattr(settings, "SOTONG_FAULT_POINTS", ()):
        raise InjectedFault(name)

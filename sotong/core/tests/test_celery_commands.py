"""``sotong worker`` and ``sotong beat`` start only when scaled out; ``sotong run`` then leaves the
periodic jobs to beat."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from sotong.core.management.commands import run_portal


@pytest.mark.parametrize("command", ["worker", "beat"])
def test_workers_and_beat_refuse_to_start_in_the_embedded_default(command: str) -> None:
    with pytest.raises(CommandError, match=r"SOTONG_TASKS=celery일 때만.*only with SOTONG_TASKS=celery"):
        call_command(command)


def test_a_worker_refuses_the_embedded_search_index_which_has_one_writer(settings) -> None:
    settings.SOTONG_TASKS, settings.SOTONG_SEARCH_BACKEND = "celery", "tantivy"
    with pytest.raises(CommandError, match="SOTONG_SEARCH_BACKEND=postgres"):
        call_command("worker")


@pytest.mark.parametrize(("tasks", "scheduler_started"), [("inline", True), ("celery", False)])
def test_sotong_run_starts_the_embedded_scheduler_only_without_celery(
    settings, monkeypatch, tasks: str, scheduler_started: bool
) -> None:
    import waitress  # type: ignore[import-untyped,unused-ignore]

    started: list[bool] = []
    settings.SOTONG_TASKS = tasks
    monkeypatch.setattr(run_portal, "call_command", lambda *args, **kwargs: None)  # migrate, demo, ...
    monkeypatch.setattr(run_portal.Scheduler, "start", lambda self, **kwargs: started.append(True))
    monkeypatch.setattr(waitress, "serve", lambda *args, **kwargs: None)
    out = io.StringIO()
    run_portal.Command(stdout=out).handle(no_demo=True, host="127.0.0.1")
    assert bool(started) is scheduler_started
    assert ("Celery beat" in out.getvalue()) is not scheduler_started

from sotong.core.scheduler import Job, Scheduler, portal_jobs


def test_jobs_run_at_once_then_at_their_interval_and_a_failure_stops_nothing() -> None:
    now = [0.0]
    ran: list[str] = []

    def broken() -> None:
        ran.append("broken")
        raise RuntimeError("boom")

    scheduler = Scheduler(
        [Job("hourly", 3600, lambda: ran.append("hourly")), Job("broken", 60, broken)],
        clock=lambda: now[0],
        housekeeping=lambda: None,
    )
    assert scheduler.run_due() == ["hourly", "broken"]
    now[0] = 61
    assert scheduler.run_due() == ["broken"]  # tried again at its turn, the other not yet due
    now[0] = 3600
    assert scheduler.run_due() == ["hourly", "broken"]
    assert ran == ["hourly", "broken", "broken", "hourly", "broken"]


def test_the_portal_runs_the_federation_harvest_every_ten_minutes() -> None:
    jobs = {job.name: job.every_seconds for job in portal_jobs()}
    assert jobs == {"publish-due": 3600, "redecide": 300, "federation-harvest": 600}

"""Hand records to the pipeline: inline in the embedded default; Celery when scaled out (later)."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings


def pipeline_enqueue(*, record_ids: Sequence[int]) -> None:
    from sotong.pipeline.runner import record_process  # the runner loads converters; import late

    if settings.SOTONG_TASKS != "inline":
        raise NotImplementedError(
            "SOTONG_TASKS=celery는 아직 지원하지 않습니다. inline을 쓰십시오 / "
            "SOTONG_TASKS=celery is not supported yet; use inline."
        )
    for record_id in record_ids:
        record_process(record_id=record_id)


def pipeline_redecide(*, record_ids: Sequence[int]) -> None:
    """Decide and publish again without extracting (the source changed metadata or marks only)."""
    from sotong.pipeline.runner import record_redecide

    for record_id in record_ids:
        record_redecide(record_id=record_id)

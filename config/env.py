"""The one place that reads the environment (DESIGN §5b).

Everything a deployer may change is a field of ``Env``; the rest of the code reads settings.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Env:
    data_dir: Path
    database_url: str
    search_backend: str
    tasks: str
    redis_url: str
    port: int
    demo_data: Path
    secret_key: str
    debug: bool
    allowed_hosts: list[str]
    signing_key: Path
    signing_cert: Path
    instance_id: str
    behind_tls_proxy: bool
    analysis_workers: int
    thesaurus: Path | None
    field_map: Path | None


# The prefix of this instance's public ids (``<instance>-<26 base32 chars>``): lower-case letters and
# digits, starting with a letter, so that ids stay plain in URLs and split unambiguously at the hyphen.
INSTANCE_ID = re.compile(r"[a-z][a-z0-9]{0,31}")


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _instance_id(value: str) -> str:
    if not INSTANCE_ID.fullmatch(value):
        raise ValueError(
            f"SOTONG_INSTANCE_ID는 영문 소문자로 시작하는 영문 소문자·숫자 1–32자여야 합니다(예: mapo): {value!r} / "
            f"SOTONG_INSTANCE_ID must be 1–32 lower-case letters and digits, starting with a letter (e.g. mapo): {value!r}"
        )
    return value


def read_env(environ: os._Environ[str] | dict[str, str] = os.environ) -> Env:
    data_dir = Path(environ.get("SOTONG_DATA_DIR", REPO_ROOT / "var")).resolve()
    return Env(
        data_dir=data_dir,
        database_url=environ.get("DATABASE_URL", f"sqlite:///{data_dir / 'sotong.sqlite3'}"),
        search_backend=environ.get("SOTONG_SEARCH_BACKEND", "tantivy"),
        tasks=environ.get("SOTONG_TASKS", "inline"),
        redis_url=environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        port=int(environ.get("PORT", "8000")),
        demo_data=Path(environ.get("SOTONG_DEMO_DATA", REPO_ROOT.parent / "shared" / "data")).resolve(),
        # The embedded default runs on a laptop; a deployment sets its own key.
        secret_key=environ.get("SOTONG_SECRET_KEY", "sotong-embedded-default-not-secret"),
        debug=_flag(environ.get("SOTONG_DEBUG", "0")),
        allowed_hosts=environ.get("SOTONG_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(","),
        # Public PDFs are signed with this key; generated on first use unless an agency brings its own.
        signing_key=Path(environ.get("SOTONG_SIGNING_KEY", data_dir / "keys" / "signing-key.pem")),
        signing_cert=Path(environ.get("SOTONG_SIGNING_CERT", data_dir / "keys" / "signing-cert.pem")),
        # Globally unique among federated instances (a district: its own, e.g. "mapo"); set it once,
        # before the first document: public ids are stable forever and carry it.
        instance_id=_instance_id(environ.get("SOTONG_INSTANCE_ID", "seoul")),
        behind_tls_proxy=_flag(environ.get("SOTONG_BEHIND_TLS_PROXY", "0")),
        # Kiwi's worker threads: every core speeds bulk indexing; 1 lets forked web workers share
        # one loaded Kiwi (docs/operations.md, "Memory").
        analysis_workers=max(1, int(environ.get("SOTONG_ANALYSIS_WORKERS", str(os.cpu_count() or 1)))),
        # The administrative thesaurus (sotong/search/thesaurus.txt when unset).
        thesaurus=Path(environ["SOTONG_THESAURUS"]) if environ.get("SOTONG_THESAURUS") else None,
        # 분야 by department (sotong/publication/fields.txt when unset).
        field_map=Path(environ["SOTONG_FIELD_MAP"]) if environ.get("SOTONG_FIELD_MAP") else None,
    )


ENV = read_env()

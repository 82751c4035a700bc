"""Django settings, all derived from ``config.env.ENV``."""

from __future__ import annotations

import dj_database_url

from config.env import ENV, REPO_ROOT

BASE_DIR = ENV.data_dir.parent
SECRET_KEY = ENV.secret_key
DEBUG = ENV.debug
ALLOWED_HOSTS = ENV.allowed_hosts
if ENV.behind_tls_proxy:
    # nginx (or another proxy) ends TLS and says so in X-Forwarded-Proto. Only behind such a proxy:
    # otherwise a client could claim https itself. Without it, forms posted over https (the verify
    # page, the workbench) fail Django's origin check.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = True

SOTONG_DATA_DIR = ENV.data_dir
SOTONG_DATA_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default needs no set-up
SOTONG_ORIGINALS_DIR = ENV.data_dir / "originals"  # restricted: never read by public code
SOTONG_PUBLIC_DIR = ENV.data_dir / "public"
SOTONG_RENDERED_DIR = ENV.data_dir / "rendered"  # public PDFs made but not yet published: restricted
SOTONG_SIGNING_KEY = ENV.signing_key  # private: read only by the pipeline
SOTONG_SIGNING_CERT = ENV.signing_cert  # public: the verify page offers it
SOTONG_QUARANTINE_DIR = ENV.data_dir / "quarantine"
SOTONG_SEARCH_DIR = ENV.data_dir / "search"
SOTONG_SEARCH_BACKEND = ENV.search_backend
SOTONG_ANALYSIS_WORKERS = ENV.analysis_workers
SOTONG_THESAURUS = ENV.thesaurus
SOTONG_FIELD_MAP = ENV.field_map
SOTONG_TASKS = ENV.tasks
SOTONG_DEMO_DATA = ENV.demo_data
# Globally unique prefix of this instance's public ids, so harvested records never collide.
SOTONG_INSTANCE_ID = ENV.instance_id

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "sotong.core",
    "sotong.audit",
    "sotong.organizations",
    "sotong.records",
    "sotong.rules",
    "sotong.intake",
    "sotong.pipeline",
    "sotong.publication",
    "sotong.search",
    "sotong.api",
    "sotong.portal",
    "sotong.accounts",
    "sotong.workbench",
    "sotong.federation",
    "sotong.expenses",
    "sotong.proactive",
    "sotong.projects",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",  # LANGUAGE_CODE for <html lang>
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(ENV.database_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the portal read while an import writes; never journal_mode=OFF (DESIGN §4).
    # Bulk imports: wal_autocheckpoint=10000 pages checkpoints ~40 MB at a time instead of 4 MB
    # (+15 % on a 100,000-row list import, database work alone; docs/benchmarks.md), and
    # journal_size_limit trims the WAL back to 64 MB after a checkpoint. cache_size (64 MB; negative
    # = KiB), temp_store and mmap_size (256 MB) keep indexes in memory; no gain was measurable alone.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
            "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=268435456; PRAGMA wal_autocheckpoint=10000; "
            "PRAGMA journal_size_limit=67108864;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Korean by default; English for a browser that asks for it (Accept-Language) or a visitor who chose it
# with the header's switch (a cookie). No language prefix in URLs: addresses stay as they are.
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
# The Korean text is the message id; English is locale/en (compiled by sotong.core.translations).
LOCALE_PATHS = [REPO_ROOT / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60  # the switch's choice outlasts the browser session
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = ENV.data_dir / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves from the apps (finders); this only silences its check
WHITENOISE_USE_FINDERS = True

# Uploads: the push API streams files to disk above this size.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
SOTONG_MAX_UPLOAD_BYTES = 200 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Font subsetting narrates every table it prunes and names the characters it draws.
        "fontTools": {"level": "ERROR"},
        "fpdf": {"level": "ERROR"},
    },
}

# --- Celery: the pipeline on workers when SOTONG_TASKS=celery (config/celery.py; decision 0009) ---
# Read by config/celery.py (the CELERY_ names). The embedded default (inline) never connects to Redis.
CELERY_BROKER_URL = ENV.redis_url
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands a task no worker acknowledged within the visibility timeout to another worker: that is
# how the task of a worker killed mid-task is run again. It must outlast the longest task (see the
# time limit) and the longest retry wait, or a task still running is run a second time.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ACKS_LATE = True  # acknowledged once the work is done, never when it starts
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # a pool process killed mid-task: the task goes back at once
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True  # Redis redelivers them anyway
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a process holds one task: the others stay free for idle workers
CELERY_TASK_TIME_LIMIT = 1800  # half the visibility timeout: a task is stopped before it is handed out again
CELERY_TASK_SOFT_TIME_LIMIT = 1740  # a minute earlier the task is interrupted and leaves a dead letter
CELERY_TASK_IGNORE_RESULT = True  # no result backend: outcomes live in the database (records, dead letters)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = "sotong"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # keep LOGGING above
CELERY_BEAT_SCHEDULE_FILENAME = str(ENV.data_dir / "celerybeat-schedule")  # beat's last run of each job
# Pipeline tasks (sotong/pipeline/tasks.py): a transient error (database or broker away for a moment)
# is retried after about 2, 4, 8, 16, 32 s with full jitter; the wait never exceeds the maximum.
SOTONG_TASK_MAX_RETRIES = 5
SOTONG_TASK_RETRY_BACKOFF_MAX = 600
# A task whose worker died under it this many times in a row (out of memory on one huge file) is not
# run again but kept as a dead letter for officers; otherwise Redis would hand it out forever.
SOTONG_TASK_MAX_LOST_RUNS = 3

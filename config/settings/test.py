"""Test settings: the base settings with an isolated data folder and fast password hashing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403

_TEST_DATA = Path(tempfile.mkdtemp(prefix="sotong-test-"))
SOTONG_DATA_DIR = _TEST_DATA
SOTONG_ORIGINALS_DIR = _TEST_DATA / "originals"
SOTONG_PUBLIC_DIR = _TEST_DATA / "public"
SOTONG_QUARANTINE_DIR = _TEST_DATA / "quarantine"
SOTONG_SEARCH_DIR = _TEST_DATA / "search"
SOTONG_RENDERED_DIR = _TEST_DATA / "rendered"
SOTONG_SIGNING_KEY = _TEST_DATA / "keys" / "signing-key.pem"
SOTONG_SIGNING_CERT = _TEST_DATA / "keys" / "signing-cert.pem"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

"""``config.env.read_env``: the one place that reads the environment, given an explicit mapping."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import pytest

from config.env import REPO_ROOT, read_env


def test_repo_root_is_the_checkout():
    assert (REPO_ROOT / "pyproject.toml").is_file()
    assert (REPO_ROOT / "config" / "env.py").is_file()


def test_empty_environment_gives_the_embedded_defaults():
    env = read_env({})
    assert env.data_dir == (REPO_ROOT / "var").resolve()
    assert env.data_dir.is_absolute()
    assert env.database_url == f"sqlite:///{env.data_dir / 'sotong.sqlite3'}"
    assert env.search_backend == "tantivy"
    assert env.tasks == "inline"
    assert env.port == 8000
    assert env.demo_data == (REPO_ROOT.parent / "shared" / "data").resolve()
    assert env.debug is False
    assert env.secret_key  # a non-empty embedded default; deployments set their own
    assert env.allowed_hosts == ["127.0.0.1", "localhost", "testserver"]


def test_default_database_is_sqlite_in_the_data_dir():
    env = read_env({})
    db = dj_database_url.parse(env.database_url)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(db["NAME"]) == env.data_dir / "sotong.sqlite3"


def test_explicit_mapping_is_read_not_the_process_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://elsewhere/db")
    monkeypatch.setenv("PORT", "9999")
    env = read_env({})
    assert env.database_url.startswith("sqlite:///")
    assert env.port == 8000


def test_database_url_overrides_the_sqlite_default():
    url = "postgres://sotong:secret@db.example:5432/sotong"
    env = read_env({"DATABASE_URL": url})
    assert env.database_url == url
    db = dj_database_url.parse(env.database_url)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == ("db.example", 5432, "sotong", "sotong")


def test_data_dir_override_moves_the_sqlite_database_with_it(tmp_path):
    env = read_env({"SOTONG_DATA_DIR": str(tmp_path / "data")})
    assert env.data_dir == (tmp_path / "data").resolve()
    assert env.database_url == f"sqlite:///{env.data_dir / 'sotong.sqlite3'}"


def test_data_dir_override_does_not_move_an_explicit_database(tmp_path):
    env = read_env({"SOTONG_DATA_DIR": str(tmp_path), "DATABASE_URL": "postgres://h/db"})
    assert env.data_dir == tmp_path.resolve()
    assert env.database_url == "postgres://h/db"


def test_relative_paths_are_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env = read_env({"SOTONG_DATA_DIR": "var-here", "SOTONG_DEMO_DATA": "demo"})
    assert env.data_dir == (tmp_path / "var-here").resolve()
    assert env.demo_data == (tmp_path / "demo").resolve()


def test_port_override():
    assert read_env({"PORT": "8123"}).port == 8123


def test_port_that_is_not_a_number_is_refused():
    with pytest.raises(ValueError):
        read_env({"PORT": "http"})


def test_demo_data_override(tmp_path):
    assert read_env({"SOTONG_DEMO_DATA": str(tmp_path)}).demo_data == tmp_path.resolve()


def test_other_overrides():
    env = read_env(
        {
            "SOTONG_SEARCH_BACKEND": "postgres",
            "SOTONG_TASKS": "queue",
            "REDIS_URL": "redis://cache:6379/1",
            "SOTONG_SECRET_KEY": "k" * 50,
            "SOTONG_ALLOWED_HOSTS": "open.seoul.go.kr,www.open.seoul.go.kr",
        }
    )
    assert env.search_backend == "postgres"
    assert env.tasks == "queue"
    assert env.redis_url == "redis://cache:6379/1"
    assert env.secret_key == "k" * 50
    assert env.allowed_hosts == ["open.seoul.go.kr", "www.open.seoul.go.kr"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("Yes", True), (" on ", True), ("0", False), ("", False), ("no", False)],
)
def test_debug_flag(value, expected):
    assert read_env({"SOTONG_DEBUG": value}).debug is expected


def test_instance_id_prefixes_public_ids_and_defaults_to_seoul():
    assert read_env({}).instance_id == "seoul"
    assert read_env({"SOTONG_INSTANCE_ID": "mapo"}).instance_id == "mapo"


@pytest.mark.parametrize("value", ["", "Mapo", "ma-po", "1mapo", "마포", "a" * 33])
def test_an_instance_id_that_would_not_split_cleanly_from_a_public_id_is_refused(value):
    with pytest.raises(ValueError, match="SOTONG_INSTANCE_ID"):
        read_env({"SOTONG_INSTANCE_ID": value})


def test_a_tls_proxy_is_trusted_only_when_declared():
    assert read_env({}).behind_tls_proxy is False
    assert read_env({"SOTONG_BEHIND_TLS_PROXY": "1"}).behind_tls_proxy is True

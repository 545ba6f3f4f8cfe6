"""Production settings: ``check --deploy`` is clean, and a wrong environment stops the start.

Each case runs the real ``ttdn`` command in a fresh process with a controlled environment
(nothing leaks in from the test run, e.g. the DATABASE_URL of the PostgreSQL stage).
"""

import json
import os
import secrets
import string
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest

PRODUCTION = "ttdn.config.settings.production"


@pytest.fixture
def production_env(tmp_path):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV", "SYSTEMROOT"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(60)),
        ALLOWED_HOSTS="ttdn.example.vn",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        TTDN_BASE_URL="https://ttdn.example.vn",
        TTDN_DATA_DIR=str(tmp_path),
        PYTHONWARNINGS="ignore",
    )
    return env


def ttdn(env, *args, cwd=None, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "ttdn.config.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.nodb
def test_check_deploy_is_clean(production_env, tmp_path):
    result = ttdn(production_env, "check", "--deploy", "--fail-level", "WARNING", cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output and "ERRORS" not in output, output
    assert "System check identified no issues (0 silenced)." in output, output


@pytest.mark.nodb
def test_production_uses_shared_cache_database_tasks_and_secure_cookies(production_env, tmp_path):
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'debug': s.DEBUG, 'cache': s.CACHES['default']['BACKEND'],"
        "'tasks': s.TASKS['default']['BACKEND'], 'engine': s.DATABASES['default']['ENGINE'],"
        "'secure': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT],"
        "'require_2fa': s.TTDN_REQUIRE_2FA, 'proxies': s.TTDN_TRUSTED_PROXY_COUNT,"
        "'base_url': s.WAGTAILADMIN_BASE_URL}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=production_env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "debug": False,
        "cache": "django.core.cache.backends.db.DatabaseCache",  # shared, not per process
        "tasks": "django_tasks_db.DatabaseBackend",
        "engine": "django.db.backends.sqlite3",
        "secure": [True, True, True],
        "require_2fa": True,
        "proxies": 1,
        "base_url": "https://ttdn.example.vn",
    }


@pytest.mark.nodb
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_URL", None),
        ("DATABASE_URL", ""),
        ("DATABASE_URL", "mysql://x"),
        ("DATABASE_URL", "notaurl"),
        ("DATABASE_URL", "postgres://db.example.vn:5432"),  # no database name
        ("SECRET_KEY", None),
        ("SECRET_KEY", "   "),
        ("ALLOWED_HOSTS", None),
        ("TTDN_BASE_URL", None),
        ("TTDN_BASE_URL", "ttdn.example.vn"),
        ("EMAIL_PORT", "smtp"),
        ("TTDN_TRUSTED_PROXY_COUNT", "nginx"),
    ],
)
def test_wrong_environment_refuses_to_start_and_names_the_variable(
    production_env, tmp_path, name, value
):
    if value is None:
        del production_env[name]
    else:
        production_env[name] = value
    result = ttdn(production_env, "check", cwd=tmp_path)
    assert result.returncode != 0, result.stdout + result.stderr
    assert name in result.stderr, result.stderr
    assert "System check identified" not in result.stdout


# --------------------------------------------------------------------------------------------
# PostgreSQL: the commands of docs/operations.md, in the suite's PostgreSQL stage (scripts/test
# starts a temporary server and sets DATABASE_URL). Skipped in the SQLite stage: no server there.
# --------------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_operations_commands_on_postgresql(production_env, tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL stage of scripts/test")
    import psycopg

    name = f"ttdn_deploy_{os.urandom(4).hex()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        production_env["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
        for command in (
            ["migrate", "--noinput"],
            ["createcachetable"],
            ["collectstatic", "--noinput"],
            ["check", "--deploy", "--database", "default", "--fail-level", "WARNING"],
            ["db_worker", "--batch", "--no-startup-delay"],
        ):
            result = ttdn(production_env, *command, cwd=tmp_path, timeout=300)
            assert result.returncode == 0, (command, result.stdout, result.stderr)
            if command[0] == "check":
                output = result.stdout + result.stderr
                assert "System check identified no issues (0 silenced)." in output, output
        assert (tmp_path / "static" / "staticfiles.json").exists()  # manifest for WhiteNoise
        with psycopg.connect(production_env["DATABASE_URL"]) as connection:
            tables = {
                row[0]
                for row in connection.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            }
        assert {"ttdn_cache", "django_tasks_database_dbtaskresult"} <= tables, sorted(tables)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

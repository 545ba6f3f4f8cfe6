"""Reading configuration from the environment, with errors that name the setting."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def data_dir() -> Path:
    """The one directory that holds all state: database, media, generated files, keys."""
    path = Path(os.environ.get("TTDN_DATA_DIR") or Path.cwd() / "var").resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Thiếu biến môi trường {name} (bắt buộc trong cấu hình production). "
            f"Missing environment variable {name}."
        )
    return value


def as_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def as_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def as_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} phải là một số nguyên, không phải {value!r}. {name} must be an integer."
        ) from None


def database_from_url(url: str, *, setting: str = "DATABASE_URL") -> dict:
    """Parse a database URL; refuse anything but PostgreSQL and SQLite with a clear message."""
    import dj_database_url

    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:
        raise ImproperlyConfigured(
            f"{setting} không hợp lệ ({exc}). Ví dụ: postgres://user:pass@127.0.0.1:5432/ttdn. "
            f"{setting} is not a valid database URL."
        ) from exc
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
        raise ImproperlyConfigured(
            f"{setting} phải là PostgreSQL (postgres://…) hoặc SQLite (sqlite:///…), "
            f"không phải {engine or url.split(':', 1)[0]!r}."
        )
    if engine.endswith("sqlite3"):
        config["OPTIONS"] = sqlite_options()
    elif not config.get("NAME"):
        raise ImproperlyConfigured(f"{setting} thiếu tên cơ sở dữ liệu (…/ttdn).")
    return config


def sqlite_options() -> dict:
    # IMMEDIATE: concurrent writers queue instead of failing with "database is locked".
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }

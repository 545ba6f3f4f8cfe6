"""Consistent snapshots of the database (SQLite backup API, pg_dump on one snapshot), its
facts (row counts, triggers) and the restore of a dump."""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from .errors import BackupError

# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _quote_sqlite(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def human_size(size: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"  # pragma: no cover


def _fsync_dir(path: Path):
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _migration_summary(rows) -> dict:
    apps: dict[str, dict] = {}
    for app, name in rows:
        entry = apps.setdefault(app, {"count": 0, "latest": name})
        entry["count"] += 1
        entry["latest"] = max(entry["latest"], name)
    return {"total": sum(entry["count"] for entry in apps.values()), "apps": apps}


def _database_settings() -> dict:
    from django.conf import settings

    return settings.DATABASES["default"]


def _engine(db: dict) -> str:
    engine = db["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {engine}.")


# --------------------------------------------------------------------------------------------
# SQLite
# --------------------------------------------------------------------------------------------


def _sqlite_path(db: dict) -> Path:
    return Path(db["NAME"])


def _sqlite_snapshot(source: Path, target: Path):
    if not source.is_file():
        raise BackupError(
            f"Không tìm thấy cơ sở dữ liệu {source}. Hãy kiểm tra TTDN_DATA_DIR hoặc chạy "
            "ttdn migrate trước."
        )
    # mode=rw: never create a database where there was none.
    live = sqlite3.connect(f"{source.resolve().as_uri()}?mode=rw", uri=True, timeout=60)
    copy = sqlite3.connect(target)
    try:
        # pages=-1: the whole database in one step, inside one read transaction — a consistent
        # snapshot; in WAL mode writers are not blocked meanwhile.
        live.backup(copy, pages=-1)
    finally:
        copy.close()
        live.close()


def _sqlite_facts(path: Path) -> dict:
    """Counts, triggers and migration state, read from a database file (snapshot or restored).
    Opened read-write (but only read) so that SQLite removes its -wal/-shm files on close."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        counts = {
            # The name comes from sqlite_master and is quoted as an identifier.
            table: connection.execute(  # nosemgrep
                f"SELECT count(*) FROM {_quote_sqlite(table)}"  # noqa: S608  # nosec B608
            ).fetchone()[0]
            for table in tables
        }
        triggers = sorted(
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        )
        migrations = (
            _migration_summary(connection.execute("SELECT app, name FROM django_migrations"))
            if "django_migrations" in counts
            else {"total": 0, "apps": {}}
        )
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()
    return {
        "tables": counts,
        "triggers": triggers,
        "migrations": migrations,
        "integrity": "ok" if integrity == ["ok"] else "; ".join(integrity[:5]),
    }


def _sqlite_table_names(path: Path) -> list[str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
    finally:
        connection.close()


# --------------------------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------------------------

# Django/libpq option -> environment variable understood by pg_dump/pg_restore.
_PG_ENV = {
    "host": "PGHOST",
    "hostaddr": "PGHOSTADDR",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "dbname": "PGDATABASE",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "options": "PGOPTIONS",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "gssencmode": "PGGSSENCMODE",
    "channel_binding": "PGCHANNELBINDING",
}


def _pg_params(db: dict) -> dict:
    """libpq keywords from settings.DATABASES (the same for psycopg and the pg_* tools)."""
    params = {
        "dbname": db.get("NAME") or "",
        "user": db.get("USER") or "",
        "password": db.get("PASSWORD") or "",
        "host": db.get("HOST") or "",
        "port": str(db.get("PORT") or ""),
    }
    for key, value in (db.get("OPTIONS") or {}).items():
        if key in _PG_ENV and value not in (None, ""):
            params[key] = str(value)
    return {key: value for key, value in params.items() if value}


def _pg_env(params: dict) -> dict:
    """Environment for pg_dump/pg_restore: the password travels here, never in argv."""
    env = {key: value for key, value in os.environ.items() if key not in _PG_ENV.values()}
    for key, value in params.items():
        env[_PG_ENV[key]] = value
    return env


def _pg_connect(params: dict):
    import psycopg

    try:
        return psycopg.connect(**{"connect_timeout": "15", **params})
    except psycopg.Error as exc:
        raise BackupError(
            f"Không kết nối được PostgreSQL (cơ sở dữ liệu {params.get('dbname', '?')}): {exc}"
        ) from None


def _pg_server_major(connection) -> int:
    number = int(connection.execute("SHOW server_version_num").fetchone()[0])
    return number // 10000


_USER_RELATIONS = """
    SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ({kinds}) AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_toast%%' AND n.nspname NOT LIKE 'pg\\_temp%%'
    ORDER BY 1, 2
"""


def _pg_facts(connection) -> dict:
    from psycopg import sql

    # The query is a constant: only a fixed relkind list is formatted in.
    query = _USER_RELATIONS.format(kinds="'r', 'p'")
    tables = connection.execute(query).fetchall()
    counts = {}
    for schema, table in tables:
        query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(schema, table))
        name = table if schema == "public" else f"{schema}.{table}"
        counts[name] = connection.execute(query).fetchone()[0]
    triggers = sorted(
        row[0]
        for row in connection.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
    )
    migrations = {"total": 0, "apps": {}}
    if "django_migrations" in counts:
        migrations = _migration_summary(
            connection.execute("SELECT app, name FROM django_migrations").fetchall()
        )
    return {"tables": counts, "triggers": triggers, "migrations": migrations}


def _tool_major(path: str) -> int | None:
    try:
        result = subprocess.run(  # noqa: S603 - fixed arguments
            [path, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)(?:\.\d+)?", result.stdout)
    return int(match.group(1)) if match else None


def _pg_tool(name: str, server_major: int) -> str:
    """``pg_dump``/``pg_restore`` for this server: the same major version if installed (on PATH
    or under /usr/lib/postgresql/*/bin), otherwise the closest newer one."""
    candidates: dict[str, int] = {}
    for path in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")):
        if os.access(path, os.X_OK):
            version = Path(path).parent.parent.name
            candidates[path] = int(version) if version.isdigit() else _tool_major(path) or 0
    on_path = shutil.which(name)
    if on_path and on_path not in candidates:
        candidates[on_path] = _tool_major(on_path) or 0
    # Same major first, then the closest newer one; the versioned binary before a wrapper.
    usable = sorted(
        (version != server_major, version, not path.startswith("/usr/lib/postgresql/"), path)
        for path, version in candidates.items()
        if version >= server_major
    )
    if not usable:
        found = ", ".join(f"{path} ({version})" for path, version in candidates.items())
        raise BackupError(
            f"Không tìm thấy {name} cho PostgreSQL {server_major} "
            f"(đã tìm thấy: {found or 'không có'}). Cài gói "
            f"postgresql-client-{server_major}: apt-get install postgresql-client-{server_major}"
        )
    return usable[0][-1]


def _run_tool(argv: list[str], env: dict, what: str):
    result = subprocess.run(  # noqa: S603 - argument list, no shell; password only in env
        argv, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-2000:]
        raise BackupError(f"{what} thất bại (mã {result.returncode}): {detail}")


def _pg_snapshot(db: dict, target: Path) -> dict:
    """Counts and ``pg_dump -Fc`` of one exported snapshot; returns the facts for the manifest."""
    import psycopg

    params = _pg_params(db)
    connection = _pg_connect(params)
    try:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        server_major = _pg_server_major(connection)
        server_version = connection.execute("SHOW server_version").fetchone()[0]
        # The first query of the transaction fixes its snapshot; every count below and pg_dump
        # (which imports it) see exactly that snapshot.
        snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        facts = _pg_facts(connection)
        tool = _pg_tool("pg_dump", server_major)
        # The transaction that exported the snapshot stays open until pg_dump has finished.
        _run_tool(
            [tool, "--format=custom", f"--snapshot={snapshot}", f"--file={target}",
             "--no-password"],
            _pg_env(params),
            "pg_dump",
        )
        connection.rollback()
    finally:
        connection.close()
    facts["server_version"] = server_version
    facts["tool"] = tool
    return facts


def _pg_user_relations(connection) -> list[str]:
    # The query is a constant: only a fixed relkind list is formatted in.
    query = _USER_RELATIONS.format(kinds="'r', 'p', 'v', 'm', 'S', 'f'")
    rows = connection.execute(query)
    return [f"{schema}.{name}" for schema, name in rows.fetchall()]


def _pg_restore(db: dict, dump: Path):
    params = _pg_params(db)
    connection = _pg_connect(params)
    try:
        server_major = _pg_server_major(connection)
        existing = _pg_user_relations(connection)
    finally:
        connection.close()
    if existing:
        raise BackupError(_not_empty_pg(params, existing))
    tool = _pg_tool("pg_restore", server_major)
    dbname = params.get("dbname", "")
    conninfo = "dbname='" + dbname.replace("\\", "\\\\").replace("'", "\\'") + "'"
    # --single-transaction: a failure leaves the target database empty.
    _run_tool(
        [tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         "--no-password", f"--dbname={conninfo}", str(dump)],
        _pg_env(params),
        "pg_restore",
    )


def _not_empty_pg(params: dict, existing: list[str]) -> str:
    shown = ", ".join(existing[:5]) + (" …" if len(existing) > 5 else "")
    return (
        f"Cơ sở dữ liệu PostgreSQL đích {params.get('dbname', '?')} không trống ({len(existing)} "
        f"bảng/đối tượng: {shown}). Chỉ khôi phục vào một cơ sở dữ liệu trống mới tạo "
        "(createdb), để không ghi đè dữ liệu đang có."
    )



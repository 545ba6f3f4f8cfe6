"""Encrypted online backups of the data directory: the database and the media files.

``backup_create`` takes a consistent snapshot while the application keeps writing:

* SQLite: the online backup API (``sqlite3.Connection.backup``) copies the live database into a
  private file in one step, inside one read transaction; under WAL the writers carry on. The file
  is never copied with ``cp``, which can catch a page half-written.
* PostgreSQL: a REPEATABLE READ, READ ONLY transaction exports its snapshot
  (``pg_export_snapshot()``); the row counts are taken in that transaction and ``pg_dump -Fc
  --snapshot=…`` dumps exactly the same snapshot, so the counts in the manifest and the rows in
  the dump agree although writers keep going.

The snapshot (SQLite: gzip-compressed; ``pg_dump -Fc`` is compressed already), the media files
(as they are: mostly compressed formats) and, last, ``manifest.json`` (format, UTC time, engine,
migration state, row count per table, triggers, size and SHA-256 of every member) are written as
a tar stream that is encrypted on the fly — nothing is held in memory whole.

Encrypted file format (``.ttdnbak``)::

    header  = b"TTDNBAK" | version (1 byte) | chunk size (4 bytes, big-endian)
              | nonce base (12 random bytes) | key check (16 bytes)
    chunk i = AES-256-GCM(key, nonce = (nonce base + i) mod 2**96,
                          plaintext = next ``chunk size`` bytes of the tar stream,
                          associated data = header | i (8 bytes) | final flag (1 byte))

Every chunk but the last holds exactly ``chunk size`` plaintext bytes. The chunk index and the
final flag are authenticated, so reordering, dropping, truncating or appending chunks fails to
decrypt. The key check (HMAC-SHA-256 of a constant under the key) tells a wrong key from a
damaged file before anything is decrypted. The key is 32 random bytes, urlsafe-base64 encoded,
read from ``TTDN_BACKUP_KEY``.

``backup_restore`` decrypts into a private staging directory inside the target data directory,
checks every member against the manifest, and only then moves the database (SQLite) or runs
``pg_restore --single-transaction`` (PostgreSQL) and moves the media into place. The target must
be empty. Afterwards the row counts and triggers of the restored database are compared with the
manifest.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import glob
import gzip
import hashlib
import hmac
import io
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ttdn.core.errors import ApplicationError

KEY_ENV = "TTDN_BACKUP_KEY"
SUFFIX = ".ttdnbak"
MAGIC = b"TTDNBAK"
FILE_VERSION = 1
MANIFEST_VERSION = 1
CHUNK_SIZE = 1024 * 1024
TAG_SIZE = 16
NONCE_SIZE = 12
KEY_CHECK_SIZE = 16
HEADER_SIZE = len(MAGIC) + 1 + 4 + NONCE_SIZE + KEY_CHECK_SIZE
MAX_CHUNK_SIZE = 64 * 1024 * 1024
MAX_MANIFEST_SIZE = 256 * 1024 * 1024
GZIP_LEVEL = 6

MANIFEST_NAME = "manifest.json"
SQLITE_MEMBER = "db/ttdn.sqlite3.gz"
PG_MEMBER = "db/ttdn.pgdump"
MEDIA_PREFIX = "media/"

GENERATE_HINT = (
    "Tạo khóa mới bằng lệnh: ttdn backup --generate-key — rồi cất khóa ở nơi an toàn NGOÀI máy "
    f"chủ này (mất khóa là mất mọi bản sao lưu) và đặt biến môi trường {KEY_ENV}=<khóa>."
)


class BackupError(ApplicationError):
    """A backup or restore was refused or failed; the message says why and what to do."""


# --------------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------------


def generate_key() -> str:
    """A new random key for ``TTDN_BACKUP_KEY``: 32 bytes, urlsafe base64 (44 characters)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")


def load_key(value: str | None = None) -> bytes:
    """The 32-byte key from ``value`` or, by default, from ``TTDN_BACKUP_KEY``."""
    raw = (os.environ.get(KEY_ENV, "") if value is None else value).strip()
    if not raw:
        raise BackupError(f"Chưa đặt {KEY_ENV}: bản sao lưu luôn được mã hóa. {GENERATE_HINT}")
    try:
        key = base64.b64decode(raw + "=" * (-len(raw) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        raise BackupError(
            f"{KEY_ENV} không hợp lệ: cần đúng 32 byte mã hóa base64 (urlsafe, 44 ký tự). "
            + GENERATE_HINT
        )
    return key


def _key_check(key: bytes) -> bytes:
    return hmac.new(key, b"ttdn-backup key check v1", hashlib.sha256).digest()[:KEY_CHECK_SIZE]


# --------------------------------------------------------------------------------------------
# Chunked AES-256-GCM stream
# --------------------------------------------------------------------------------------------


def _nonce(base: int, index: int) -> bytes:
    return ((base + index) % (1 << 96)).to_bytes(NONCE_SIZE, "big")


def _aad(header: bytes, index: int, final: bool) -> bytes:
    return header + index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")


class _Encryptor:
    """A write-only file object: what tarfile writes goes out as encrypted chunks."""

    def __init__(self, out, key: bytes, chunk_size: int = CHUNK_SIZE):
        self._out = out
        self._aead = AESGCM(key)
        self._chunk = chunk_size
        nonce_base = secrets.token_bytes(NONCE_SIZE)
        self._base = int.from_bytes(nonce_base, "big")
        self._header = (
            MAGIC + bytes([FILE_VERSION]) + chunk_size.to_bytes(4, "big") + nonce_base
            + _key_check(key)
        )
        self._buffer = bytearray()
        self._index = 0
        self._closed = False
        out.write(self._header)

    def write(self, data) -> int:
        self._buffer += data
        # Keep at least one byte back: the final chunk is only known at close().
        while len(self._buffer) > self._chunk:
            self._emit(bytes(self._buffer[: self._chunk]), final=False)
            del self._buffer[: self._chunk]
        return len(data)

    def flush(self):
        pass

    def close(self):
        if not self._closed:
            self._emit(bytes(self._buffer), final=True)
            self._buffer.clear()
            self._closed = True

    def _emit(self, plaintext: bytes, *, final: bool):
        aad = _aad(self._header, self._index, final)
        self._out.write(self._aead.encrypt(_nonce(self._base, self._index), plaintext, aad))
        self._index += 1


def _read_exactly(stream, size: int) -> bytes:
    parts, missing = [], size
    while missing:
        part = stream.read(missing)
        if not part:
            break
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)


DAMAGED = (
    "Tệp sao lưu {name} bị hỏng, bị cắt cụt hoặc đã bị sửa (kiểm tra xác thực thất bại ở đoạn "
    "{index}). Không khôi phục gì; hãy dùng một bản sao lưu khác."
)


class _Decryptor:
    """A read-only file object over an encrypted backup; each chunk is authenticated before
    a byte of it is returned. ``done`` is true once the final chunk has been verified."""

    def __init__(self, stream, key: bytes, name: str):
        self._in = stream
        self._name = name
        header = _read_exactly(stream, HEADER_SIZE)
        if len(header) < HEADER_SIZE or not header.startswith(MAGIC):
            raise BackupError(f"{name} không phải là tệp sao lưu TTĐN (.ttdnbak).")
        version = header[len(MAGIC)]
        if version != FILE_VERSION:
            raise BackupError(
                f"{name} dùng định dạng sao lưu phiên bản {version}; bản TTĐN này chỉ đọc "
                f"phiên bản {FILE_VERSION}. Hãy cập nhật TTĐN."
            )
        offset = len(MAGIC) + 1
        self._chunk = int.from_bytes(header[offset : offset + 4], "big")
        self._base = int.from_bytes(header[offset + 4 : offset + 4 + NONCE_SIZE], "big")
        check = header[offset + 4 + NONCE_SIZE :]
        if not hmac.compare_digest(check, _key_check(key)):
            raise BackupError(
                f"Khóa {KEY_ENV} không đúng: {name} được mã hóa bằng một khóa khác (hoặc phần "
                "đầu tệp đã bị sửa). Không khôi phục gì. Hãy đặt đúng khóa đã dùng khi tạo "
                "bản sao lưu."
            )
        if not 0 < self._chunk <= MAX_CHUNK_SIZE:
            raise BackupError(DAMAGED.format(name=name, index=0))
        self._header = header
        self._aead = AESGCM(key)
        self._index = 0
        self._pending = _read_exactly(stream, self._chunk + TAG_SIZE)
        self._buffer = b""
        self._position = 0
        self.done = False

    def _next_chunk(self) -> bytes:
        if self.done:
            return b""
        ciphertext = self._pending
        following = _read_exactly(self._in, self._chunk + TAG_SIZE)
        final = not following
        try:
            if len(ciphertext) < TAG_SIZE:
                raise InvalidTag
            plaintext = self._aead.decrypt(
                _nonce(self._base, self._index), ciphertext, _aad(self._header, self._index, final)
            )
        except InvalidTag:
            raise BackupError(DAMAGED.format(name=self._name, index=self._index)) from None
        self._index += 1
        self._pending = following
        self.done = final
        return plaintext

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            chunks = [self._buffer[self._position :]]
            while not self.done:
                chunks.append(self._next_chunk())
            self._buffer, self._position = b"", 0
            return b"".join(chunks)
        while len(self._buffer) - self._position < size and not self.done:
            self._buffer = self._buffer[self._position :] + self._next_chunk()
            self._position = 0
        data = self._buffer[self._position : self._position + size]
        self._position += len(data)
        return data

    def drain(self):
        """Read to the end so that the final chunk is verified (catches truncation)."""
        while not self.done:
            self._next_chunk()
        self._buffer, self._position = b"", 0


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


class _HashingReader:
    def __init__(self, stream):
        self._stream = stream
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


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
            table: connection.execute(
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

    tables = connection.execute(_USER_RELATIONS.format(kinds="'r', 'p'")).fetchall()
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
    rows = connection.execute(_USER_RELATIONS.format(kinds="'r', 'p', 'v', 'm', 'S', 'f'"))
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


# --------------------------------------------------------------------------------------------
# Backup
# --------------------------------------------------------------------------------------------


def _default_output() -> Path:
    from django.conf import settings

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")  # local time (TIME_ZONE)
    return Path(settings.TTDN_BACKUP_DIR) / f"ttdn-{stamp}{SUFFIX}"


def _media_files(root: Path):
    """(archive name, path) of every regular file under the media directory, sorted."""
    if not root.is_dir():
        return
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(directory) / filename
            if path.is_file() and not path.is_symlink():
                yield MEDIA_PREFIX + path.relative_to(root).as_posix(), path


def _add_file(archive: tarfile.TarFile, name: str, path: Path, mode: int) -> dict | None:
    """Adds one file, hashing exactly the bytes archived. None if it vanished meanwhile."""
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return None
    with stream:
        stat = os.fstat(stream.fileno())
        info = tarfile.TarInfo(name)
        info.size = stat.st_size
        info.mtime = int(stat.st_mtime)
        info.mode = mode
        reader = _HashingReader(stream)
        try:
            archive.addfile(info, reader)
        except OSError as exc:
            raise BackupError(
                f"Tệp {path} thay đổi trong khi sao lưu ({exc}); hãy chạy lại lệnh sao lưu."
            ) from None
    return {"size": reader.size, "sha256": reader.sha256.hexdigest()}


def _gzip(source: Path, target: Path) -> dict:
    """Compresses the SQLite snapshot (pages compress ~10:1); returns size and SHA-256 of the
    uncompressed file. Media files are stored as they are: mostly already compressed."""
    with (
        open(source, "rb") as stream,
        gzip.GzipFile(target, "wb", compresslevel=GZIP_LEVEL, mtime=0) as out,
    ):
        reader = _HashingReader(stream)
        shutil.copyfileobj(reader, out, CHUNK_SIZE)
    return {"size": reader.size, "sha256": reader.sha256.hexdigest()}


def _gunzip(source: Path, target: Path) -> dict:
    with gzip.open(source, "rb") as stream, open(target, "xb") as out:
        reader = _HashingReader(stream)
        shutil.copyfileobj(reader, out, CHUNK_SIZE)
    return {"size": reader.size, "sha256": reader.sha256.hexdigest()}


def backup_create(*, output: Path | None = None) -> Path:
    """Take an online backup of the database and the media directory; returns the file.

    Raises ``BackupError`` (Vietnamese message) when the key is missing or malformed, the output
    already exists, or the database cannot be read.
    """
    from django.conf import settings

    key = load_key()
    db = _database_settings()
    engine = _engine(db)
    output = Path(output) if output else _default_output()
    output = output.absolute()
    if output.exists():
        raise BackupError(f"Tệp {output} đã tồn tại; chọn tên khác (--output).")
    output.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    media_root = Path(settings.MEDIA_ROOT)

    work = Path(tempfile.mkdtemp(prefix=".ttdn-backup-", dir=output.parent))
    partial = output.with_name(f".{output.name}.partial")
    partial_created = False
    try:
        created_at = _now_utc().isoformat().replace("+00:00", "Z")
        if engine == "sqlite":
            snapshot = work / "ttdn.sqlite3"
            _sqlite_snapshot(_sqlite_path(db), snapshot)
            facts = _sqlite_facts(snapshot)
            if facts.pop("integrity") != "ok":
                raise BackupError(
                    "Bản chụp cơ sở dữ liệu không qua PRAGMA integrity_check: cơ sở dữ liệu "
                    "đang dùng có thể đã hỏng. Hãy kiểm tra ngay (sqlite3 … 'PRAGMA "
                    "integrity_check')."
                )
            facts["server_version"] = sqlite3.sqlite_version
            member, stored = SQLITE_MEMBER, work / "ttdn.sqlite3.gz"
            database = {"member": member, "file": _gzip(snapshot, stored)}
            snapshot.unlink()
            counts_note = "counted on the SQLite snapshot file itself"
        else:
            stored = work / "ttdn.pgdump"
            facts = _pg_snapshot(db, stored)
            member = PG_MEMBER
            database = {"member": member, "pg_dump": facts.pop("tool")}
            counts_note = (
                "counted in the REPEATABLE READ transaction whose exported snapshot "
                "pg_dump --snapshot dumped"
            )

        members: dict[str, dict] = {}
        media_count = media_bytes = 0
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise BackupError(
                f"Một lần sao lưu khác đang ghi {partial}; chờ nó xong hoặc chọn tên khác."
            ) from None
        partial_created = True
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as raw:
            encryptor = _Encryptor(raw, key)
            with tarfile.open(fileobj=encryptor, mode="w|", format=tarfile.PAX_FORMAT) as archive:
                members[member] = _add_file(archive, member, stored, 0o600)
                stored.unlink()
                for name, path in _media_files(media_root):
                    entry = _add_file(archive, name, path, 0o644)
                    if entry is not None:  # None: deleted between listing and reading
                        members[name] = entry
                        media_count += 1
                        media_bytes += entry["size"]
                manifest = {
                    "format": "ttdn-backup",
                    "format_version": MANIFEST_VERSION,
                    "created_at": created_at,
                    "engine": engine,
                    "server_version": facts["server_version"],
                    "database": database,
                    "migrations": facts["migrations"],
                    "tables": facts["tables"],
                    "counts_taken": counts_note,
                    "triggers": facts["triggers"],
                    "media": {"files": media_count, "bytes": media_bytes},
                    "members": members,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
                data = data.encode("utf-8")
                info = tarfile.TarInfo(MANIFEST_NAME)
                info.size = len(data)
                info.mtime = int(time.time())
                info.mode = 0o600
                archive.addfile(info, io.BytesIO(data))
            encryptor.close()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, output)
        _fsync_dir(output.parent)
    except BaseException:
        if partial_created:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return output


# --------------------------------------------------------------------------------------------
# Reading an archive
# --------------------------------------------------------------------------------------------


def _safe_member_name(name: str) -> PurePosixPath | None:
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(p in ("", ".", "..") for p in path.parts):
        return None
    if name == MANIFEST_NAME or name in (SQLITE_MEMBER, PG_MEMBER):
        return path
    if name.startswith(MEDIA_PREFIX) and len(path.parts) > 1 and "\\" not in name:
        return path
    return None


def _read_archive(archive: Path, key: bytes, staging: Path | None) -> tuple[dict, dict]:
    """Decrypts and walks the archive. Members are written under ``staging`` (or only hashed
    when it is None). Returns (manifest, {name: {size, sha256}}) after checking every member
    against the manifest; raises ``BackupError`` otherwise."""
    name = archive.name
    seen: dict[str, dict] = {}
    manifest_bytes = None
    try:
        stream = open(archive, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise BackupError(f"Không mở được tệp sao lưu {archive}: {exc.strerror}.") from None
    with stream:
        decryptor = _Decryptor(stream, key, name)
        try:
            with tarfile.open(fileobj=decryptor, mode="r|") as tar:
                for member in tar:
                    if member.isdir():
                        continue
                    path = _safe_member_name(member.name)
                    if not member.isfile() or path is None or member.name in seen:
                        raise BackupError(
                            f"Tệp sao lưu {name} chứa mục không hợp lệ: {member.name!r}."
                        )
                    if manifest_bytes is not None:
                        raise BackupError(f"Tệp sao lưu {name} có mục sau manifest.json.")
                    source = tar.extractfile(member)
                    if member.name == MANIFEST_NAME:
                        if member.size > MAX_MANIFEST_SIZE:
                            raise BackupError(f"manifest.json trong {name} quá lớn.")
                        manifest_bytes = source.read()
                        continue
                    reader = _HashingReader(source)
                    if staging is None:
                        while reader.read(CHUNK_SIZE):
                            pass
                    else:
                        target = staging.joinpath(*path.parts)
                        target.parent.mkdir(parents=True, exist_ok=True)
                        with open(target, "xb") as out:
                            shutil.copyfileobj(reader, out, CHUNK_SIZE)
                    seen[member.name] = {"size": reader.size, "sha256": reader.sha256.hexdigest()}
            decryptor.drain()
        except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
            if isinstance(exc, OSError) and staging is not None and exc.filename:
                raise BackupError(f"Không ghi được khi giải nén: {exc}") from None
            raise BackupError(
                f"Tệp sao lưu {name} không đọc được sau khi giải mã ({exc}); tệp hỏng hoặc không "
                "phải bản sao lưu TTĐN."
            ) from None
    if manifest_bytes is None:
        raise BackupError(f"Tệp sao lưu {name} thiếu manifest.json.")
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError:
        raise BackupError(f"manifest.json trong {name} không đọc được.") from None
    if manifest.get("format") != "ttdn-backup" or manifest.get("format_version") != 1:
        raise BackupError(
            f"{name}: định dạng manifest {manifest.get('format_version')!r} không được hỗ trợ."
        )
    expected = manifest.get("members") or {}
    problems = []
    for member_name in sorted(set(expected) | set(seen)):
        if member_name not in seen:
            problems.append(f"thiếu {member_name}")
        elif member_name not in expected:
            problems.append(f"thừa {member_name}")
        elif expected[member_name] != seen[member_name]:
            problems.append(f"sai SHA-256 {member_name}")
    if (manifest.get("database") or {}).get("member") not in seen:
        problems.append("không có tệp cơ sở dữ liệu")
    if problems:
        raise BackupError(
            f"Tệp sao lưu {name} không khớp manifest: {', '.join(problems[:10])}. Không khôi "
            "phục gì."
        )
    return manifest, seen


def read_manifest(archive: Path, *, key: str | None = None) -> dict:
    """Decrypts and verifies the whole archive without writing anything; returns the manifest."""
    manifest, _ = _read_archive(Path(archive), load_key(key), staging=None)
    return manifest


def backup_verify(archive: Path) -> dict:
    """``ttdn restore --check``: the archive decrypts, is complete and matches its manifest."""
    return read_manifest(archive)


# --------------------------------------------------------------------------------------------
# Restore
# --------------------------------------------------------------------------------------------


@dataclass
class RestoreReport:
    engine: str
    created_at: str
    tables_checked: int
    rows: int
    media_files: int
    seconds: float
    mismatches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches


def _check_media_empty(media_root: Path):
    if media_root.exists() and not media_root.is_dir():
        raise BackupError(f"{media_root} tồn tại nhưng không phải thư mục.")
    if media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(
            f"Thư mục media đích {media_root} không trống. Chỉ khôi phục vào một thư mục dữ liệu "
            "trống (TTDN_DATA_DIR mới), để không ghi đè dữ liệu đang có."
        )


def _check_sqlite_empty(path: Path):
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        tables = _sqlite_table_names(path)
    except sqlite3.DatabaseError:
        tables = ["(tệp không đọc được như SQLite)"]
    if tables:
        raise BackupError(
            f"Cơ sở dữ liệu đích {path} đã có {len(tables)} bảng. Chỉ khôi phục vào một thư mục "
            "dữ liệu trống (đặt TTDN_DATA_DIR tới một thư mục mới), để không ghi đè dữ liệu "
            "đang có."
        )


def _compare(manifest: dict, facts: dict) -> list[str]:
    problems = []
    expected, actual = manifest.get("tables", {}), facts["tables"]
    for table in sorted(set(expected) | set(actual)):
        if table not in actual:
            problems.append(f"bảng {table}: thiếu sau khi khôi phục")
        elif table not in expected:
            problems.append(f"bảng {table}: không có trong manifest")
        elif expected[table] != actual[table]:
            problems.append(f"bảng {table}: {actual[table]} dòng, manifest ghi {expected[table]}")
    missing = sorted(set(manifest.get("triggers", [])) - set(facts["triggers"]))
    if missing:
        problems.append(f"thiếu trigger: {', '.join(missing)}")
    if facts.get("integrity", "ok") != "ok":
        problems.append(f"PRAGMA integrity_check: {facts['integrity']}")
    return problems


def _move_media(staging_media: Path, media_root: Path) -> None:
    if not staging_media.is_dir():
        return
    _check_media_empty(media_root)
    if media_root.is_dir():
        media_root.rmdir()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Files and folders were created with the process umask, as FileSystemStorage creates them;
    # only the staging directory around them was private.
    shutil.move(str(staging_media), str(media_root))


def backup_restore(*, archive: Path) -> RestoreReport:
    """Restore ``archive`` into the (empty) data directory / database of the current settings.

    Nothing is written unless the archive decrypts with the key, is complete and every member
    matches its SHA-256 in the manifest; the target must be empty. The returned report lists
    any difference between the restored row counts/triggers and the manifest.
    """
    from django.conf import settings

    key = load_key()
    started = time.monotonic()
    archive = Path(archive).absolute()
    if not archive.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {archive}.")
    db = _database_settings()
    engine = _engine(db)
    media_root = Path(settings.MEDIA_ROOT)
    data_dir = Path(settings.DATA_DIR)

    # Refuse early, before decrypting anything, when the target is not empty.
    _check_media_empty(media_root)
    if engine == "sqlite":
        _check_sqlite_empty(_sqlite_path(db))
    else:
        params = _pg_params(db)
        connection = _pg_connect(params)
        try:
            existing = _pg_user_relations(connection)
        finally:
            connection.close()
        if existing:
            raise BackupError(_not_empty_pg(params, existing))

    data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".ttdn-restore-", dir=data_dir))
    try:
        manifest, _ = _read_archive(archive, key, staging)
        if manifest.get("engine") != engine:
            raise BackupError(
                f"Bản sao lưu là của {manifest.get('engine')}, nhưng cấu hình hiện tại dùng "
                f"{engine}. Hãy đặt DATABASE_URL cho đúng loại cơ sở dữ liệu rồi chạy lại."
            )
        dump = staging.joinpath(*PurePosixPath(manifest["database"]["member"]).parts)
        if engine == "sqlite":
            snapshot = dump.with_suffix("")  # ttdn.sqlite3.gz -> ttdn.sqlite3
            if _gunzip(dump, snapshot) != manifest["database"]["file"]:
                raise BackupError(f"{archive.name}: tệp cơ sở dữ liệu giải nén sai SHA-256.")
            dump.unlink()
            dump = snapshot
            target = _sqlite_path(db)
            _check_sqlite_empty(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm"),
                             Path(f"{target}-journal")):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
            os.chmod(dump, 0o600)
            shutil.move(dump, target)  # a rename when the database is in the data directory
            _fsync_dir(target.parent)
            facts = _sqlite_facts(target)
        else:
            _pg_restore(db, dump)
            connection = _pg_connect(_pg_params(db))
            try:
                facts = _pg_facts(connection)
            finally:
                connection.close()
        _move_media(staging / MEDIA_PREFIX.rstrip("/"), media_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return RestoreReport(
        engine=engine,
        created_at=manifest.get("created_at", "?"),
        tables_checked=len(manifest.get("tables", {})),
        rows=sum(facts["tables"].values()),
        media_files=manifest.get("media", {}).get("files", 0),
        seconds=time.monotonic() - started,
        mismatches=_compare(manifest, facts),
    )


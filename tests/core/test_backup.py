"""Backup and restore drill (QUALITY.md item 18): online backup under writes, restore into a fresh
data directory / database, row counts, checksums and audit-log triggers equal; backups encrypted.

Everything runs out of process, the way an operator runs ``ttdn backup`` / ``ttdn restore``:
each test gets its own data directory (``TTDN_DATA_DIR``) with the demo settings, so these tests
do not use the Django test database.
"""

import base64
import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from ttdn.core import backup
from ttdn.core.backup import crypto

SETTINGS = "ttdn.config.settings.demo"
AUDIT_TRIGGERS_SQLITE = {
    "wagtailcore_modellogentry_no_update",
    "wagtailcore_modellogentry_no_delete",
    "wagtailcore_pagelogentry_no_update",
    "wagtailcore_pagelogentry_no_delete",
}
AUDIT_TRIGGERS_PG = {
    "wagtailcore_modellogentry_append_only",
    "wagtailcore_modellogentry_no_truncate",
    "wagtailcore_pagelogentry_append_only",
    "wagtailcore_pagelogentry_no_truncate",
}

# Keeps inserting sessions (one autocommit INSERT each) until the stop file appears or the time
# runs out; prints "writing" once it is under way and the number of rows at the end.
WRITER = r"""
import datetime, os, sys, time
import django
django.setup()
from django.contrib.sessions.models import Session
from django.utils import timezone
deadline, stop = time.monotonic() + float(sys.argv[1]), sys.argv[2]
expire = timezone.now() + datetime.timedelta(days=1)
n = 0
while time.monotonic() < deadline and not os.path.exists(stop):
    n += 1
    Session.objects.create(session_key=f"drill{n:08d}", session_data="x" * 200,
                           expire_date=expire)
    if n == 50:
        print("writing", flush=True)
print(n, flush=True)
"""


def env_for(data_dir: Path, key: str | None, database_url: str | None = None) -> dict:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "TTDN_BACKUP_KEY", "TTDN_DATA_DIR",
                        "DJANGO_SETTINGS_MODULE"}
    }
    env.update(TTDN_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE=SETTINGS)
    if key is not None:
        env["TTDN_BACKUP_KEY"] = key
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def ttdn(*args, env: dict, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ttdn.config.cli", *map(str, args)],
        env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result


def refused(result: subprocess.CompletedProcess, *phrases: str):
    """Exit code 2, a Vietnamese message on stderr, no traceback."""
    assert result.returncode == 2, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.stderr.startswith("Lỗi: ")
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr


def tree(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def add_media(data_dir: Path):
    media = data_dir / "media"
    (media / "original_images" / "2026").mkdir(parents=True)
    (media / "documents").mkdir()
    # Larger than two encryption chunks even after compression: random bytes do not compress.
    (media / "original_images" / "2026" / "ảnh-Cẩm-Tân.jpg").write_bytes(os.urandom(2_500_000))
    (media / "documents" / "Kế hoạch TTĐN.docx").write_bytes(b"PK\x03\x04" + os.urandom(10_000))
    (media / "empty.txt").write_bytes(b"")


def assert_nothing_restored(data_dir: Path):
    """The demo settings write ``secret_key`` on start-up; nothing else may appear."""
    leftovers = {path.name for path in data_dir.iterdir()} - {"secret_key"}
    assert leftovers == set(), leftovers


def sqlite_counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for table in tables}
    finally:
        connection.close()


def start_writer(env: dict, stop_file: Path) -> subprocess.Popen:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, "25", str(stop_file)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line = writer.stdout.readline()
    if line.strip() != "writing":
        writer.kill()
        pytest.fail(f"the writer did not start: {line!r} {writer.stderr.read()}")
    time.sleep(0.5)  # let it write on for a moment before the snapshot
    return writer


def stop_writer(writer: subprocess.Popen, stop_file: Path) -> int:
    stop_file.touch()
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    return int(out.split()[-1])


@pytest.fixture(scope="module")
def key() -> str:
    return backup.generate_key()


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A data directory with every migration applied (copied per test, never used in place)."""
    data_dir = tmp_path_factory.mktemp("template")
    ok(ttdn("migrate", "--verbosity", "0", env=env_for(data_dir, None), timeout=300))
    return data_dir


def copy_data_dir(template: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("ttdn.sqlite3", "secret_key"):
        (target / name).write_bytes((template / name).read_bytes())
    return target


@pytest.fixture(scope="module")
def archive(migrated, key, tmp_path_factory) -> Path:
    """One backup of the migrated database plus media, for the refusal tests."""
    data_dir = copy_data_dir(migrated, tmp_path_factory.mktemp("archived") / "data")
    add_media(data_dir)
    path = data_dir.parent / "backup.ttdnbak"
    ok(ttdn("backup", "--output", path, env=env_for(data_dir, key)))
    assert path.stat().st_size > 2 * crypto.CHUNK_SIZE  # several chunks: see the tamper tests
    return path


@pytest.mark.nodb
def test_sqlite_backup_under_writes_restores_identical_counts_triggers_and_media(
    migrated, key, tmp_path
):
    source = copy_data_dir(migrated, tmp_path / "source")
    add_media(source)
    source_env = env_for(source, key)
    stop_file = tmp_path / "stop"

    writer = start_writer(source_env, stop_file)
    try:
        started = time.monotonic()
        result = ok(ttdn("backup", env=source_env))
        backup_seconds = time.monotonic() - started
        assert writer.poll() is None, "the writer must still be writing when the backup ends"
    finally:
        written = stop_writer(writer, stop_file)
    assert "Đã sao lưu vào" in result.stdout

    # Default place and name, owner-only permissions, and no plaintext inside.
    [path] = (source / "backups").glob("ttdn-*.ttdnbak")
    assert path.name[5:20].replace("-", "").isdigit()
    assert path.stat().st_mode & 0o777 == 0o600
    data = path.read_bytes()
    assert data.startswith(crypto.MAGIC)
    for plaintext in (b"SQLite format 3", b"django_session", b"drill0000", b"manifest"):
        assert plaintext not in data

    target = tmp_path / "restored"
    restored = ok(ttdn("restore", path, env=env_for(target, key)))
    assert "khớp manifest" in restored.stdout

    manifest = backup.read_manifest(path, key=key)
    assert manifest["engine"] == "sqlite"
    assert manifest["created_at"].endswith("Z")
    database = target / "ttdn.sqlite3"

    # Every table: the restored row count equals the count in the manifest.
    counts = sqlite_counts(database)
    assert set(counts) == set(manifest["tables"])
    assert counts == manifest["tables"]
    assert len(counts) > 50

    # The snapshot is one point in time, taken while rows kept arriving: the sessions present
    # are exactly the first N the writer inserted, with N strictly between start and end.
    sessions = manifest["tables"]["django_session"]
    assert 50 <= sessions < written, (sessions, written)
    connection = sqlite3.connect(database)
    try:
        keys = {row[0] for row in connection.execute("SELECT session_key FROM django_session")}
        assert keys == {f"drill{n:08d}" for n in range(1, sessions + 1)}
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        triggers = dict(connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())
        migrations = connection.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
    finally:
        connection.close()
    assert set(triggers) >= AUDIT_TRIGGERS_SQLITE
    assert all("append-only" in triggers[name] for name in AUDIT_TRIGGERS_SQLITE)
    assert manifest["migrations"]["total"] == migrations
    core_migrations = Path(backup.__file__).parents[1] / "migrations"
    latest = max(path.stem for path in core_migrations.glob("0*.py"))
    assert manifest["migrations"]["apps"]["core"]["latest"] == latest

    # Media: byte-equal, and each file's SHA-256 is in the manifest.
    media = tree(source / "media")
    assert len(media) == 3
    assert tree(target / "media") == media
    assert {name: entry["sha256"] for name, entry in manifest["members"].items()
            if name.startswith("media/")} == {f"media/{name}": digest
                                               for name, digest in media.items()}

    # No staging directory is left behind on either side.
    assert not list(source.glob("backups/.ttdn-*")) and not list(target.glob(".ttdn-*"))
    print(f"\nbackup {path.stat().st_size} bytes in {backup_seconds:.1f} s "
          f"(under {written} concurrent inserts)")


@pytest.mark.nodb
def test_generate_key_prints_a_fresh_32_byte_key():
    first = ok(ttdn("backup", "--generate-key", env=env_for(Path("/nonexistent"), None)))
    second = ok(ttdn("backup", "--generate-key", env=env_for(Path("/nonexistent"), None)))
    assert first.stdout != second.stdout
    assert len(base64.urlsafe_b64decode(first.stdout.strip())) == 32


@pytest.mark.nodb
@pytest.mark.parametrize(
    ("value", "phrase"),
    [(None, "Chưa đặt TTDN_BACKUP_KEY"), ("", "Chưa đặt TTDN_BACKUP_KEY"),
     ("abc", "TTDN_BACKUP_KEY không hợp lệ"),
     (base64.urlsafe_b64encode(b"x" * 16).decode(), "TTDN_BACKUP_KEY không hợp lệ"),
     ("không phải khóa" * 3, "TTDN_BACKUP_KEY không hợp lệ")],
)
def test_backup_without_a_valid_key_is_refused(migrated, tmp_path, value, phrase):
    data_dir = copy_data_dir(migrated, tmp_path / "data")
    result = ttdn("backup", env=env_for(data_dir, value))
    refused(result, phrase, "ttdn backup --generate-key")
    assert not (data_dir / "backups").exists() or not list((data_dir / "backups").iterdir())


@pytest.mark.nodb
def test_wrong_key_is_refused_and_nothing_written(archive, tmp_path):
    target = tmp_path / "target"
    result = ttdn("restore", archive, env=env_for(target, backup.generate_key()))
    refused(result, "Khóa TTDN_BACKUP_KEY không đúng", "Không khôi phục gì")
    assert_nothing_restored(target)


def header_and_chunks(path: Path) -> tuple[int, int]:
    size = path.stat().st_size
    return crypto.HEADER_SIZE, -(-(size - crypto.HEADER_SIZE) // (crypto.CHUNK_SIZE + 16))


@pytest.mark.nodb
@pytest.mark.parametrize("where", ["first chunk", "last chunk", "tag of the last chunk"])
def test_tampered_archive_is_refused_and_nothing_written(archive, key, tmp_path, where):
    data = bytearray(archive.read_bytes())
    header, chunks = header_and_chunks(archive)
    last_start = header + (chunks - 1) * (crypto.CHUNK_SIZE + 16)
    position = {"first chunk": header + 1000, "last chunk": last_start + 10,
                "tag of the last chunk": len(data) - 1}[where]
    data[position] ^= 0x01
    tampered = tmp_path / "tampered.ttdnbak"
    tampered.write_bytes(bytes(data))
    target = tmp_path / "target"
    result = ttdn("restore", tampered, env=env_for(target, key))
    refused(result, "bị hỏng, bị cắt cụt hoặc đã bị sửa", "Không khôi phục gì")
    assert_nothing_restored(target)
    if where == "last chunk":
        refused(ttdn("restore", "--check", tampered, env=env_for(target, key)), "bị hỏng")


@pytest.mark.nodb
@pytest.mark.parametrize("cut", ["at a chunk boundary", "inside the last chunk", "header only"])
def test_truncated_archive_is_refused_and_nothing_written(archive, key, tmp_path, cut):
    data = archive.read_bytes()
    header, chunks = header_and_chunks(archive)
    assert chunks >= 3
    length = {"at a chunk boundary": header + 2 * (crypto.CHUNK_SIZE + 16),
              "inside the last chunk": len(data) - 100,
              "header only": header}[cut]
    truncated = tmp_path / "truncated.ttdnbak"
    truncated.write_bytes(data[:length])
    target = tmp_path / "target"
    refused(ttdn("restore", truncated, env=env_for(target, key)), "bị cắt cụt")
    assert_nothing_restored(target)


@pytest.mark.nodb
def test_appended_data_is_refused(archive, key, tmp_path):
    longer = tmp_path / "longer.ttdnbak"
    longer.write_bytes(archive.read_bytes() + b"\x00" * 32)
    target = tmp_path / "target"
    refused(ttdn("restore", longer, env=env_for(target, key)), "bị hỏng")
    assert_nothing_restored(target)


@pytest.mark.nodb
def test_restore_into_a_data_dir_with_a_database_is_refused(migrated, archive, key, tmp_path):
    target = copy_data_dir(migrated, tmp_path / "target")
    before = hashlib.sha256((target / "ttdn.sqlite3").read_bytes()).hexdigest()
    result = ttdn("restore", archive, env=env_for(target, key))
    refused(result, "không ghi đè dữ liệu đang có", "bảng")
    assert hashlib.sha256((target / "ttdn.sqlite3").read_bytes()).hexdigest() == before
    assert not (target / "media").exists()
    assert not list(target.glob(".ttdn-*"))


@pytest.mark.nodb
def test_restore_into_a_data_dir_with_media_is_refused(archive, key, tmp_path):
    target = tmp_path / "target"
    (target / "media").mkdir(parents=True)
    (target / "media" / "keep.txt").write_text("giữ nguyên")
    result = ttdn("restore", archive, env=env_for(target, key))
    refused(result, "media", "không trống")
    assert tree(target / "media") == {"keep.txt": hashlib.sha256("giữ nguyên".encode()).hexdigest()}
    assert not (target / "ttdn.sqlite3").exists()


@pytest.mark.nodb
def test_check_verifies_without_writing(archive, key, tmp_path):
    target = tmp_path / "target"
    result = ok(ttdn("restore", "--check", archive, env=env_for(target, key)))
    assert "Bản sao lưu hợp lệ" in result.stdout
    assert_nothing_restored(target)


# --------------------------------------------------------------------------------------------
# PostgreSQL: runs in the suite's PostgreSQL stage (the runner starts a temporary server and
# sets DATABASE_URL); in the SQLite stage it is skipped, because that stage has no server.
# --------------------------------------------------------------------------------------------


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.mark.postgres
def test_postgresql_backup_under_writes_restores_into_an_empty_database(key, tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("chạy trong giai đoạn PostgreSQL")
    import psycopg

    suffix = os.urandom(4).hex()
    names = {"source": f"ttdn_backup_src_{suffix}", "target": f"ttdn_backup_dst_{suffix}"}
    with psycopg.connect(url, autocommit=True) as admin:
        for name in names.values():
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        source_url = with_database(url, names["source"])
        target_url = with_database(url, names["target"])
        source, target = tmp_path / "source", tmp_path / "target"
        source_env = env_for(source, key, source_url)
        ok(ttdn("migrate", "--verbosity", "0", env=source_env, timeout=300))
        add_media(source)

        stop_file = tmp_path / "stop"
        writer = start_writer(source_env, stop_file)
        try:
            ok(ttdn("backup", env=source_env))
            assert writer.poll() is None, "the writer must still be writing when the backup ends"
        finally:
            written = stop_writer(writer, stop_file)
        [path] = (source / "backups").glob("ttdn-*.ttdnbak")
        assert b"PGDMP" not in path.read_bytes()

        # A database that is not empty is refused; the empty one is restored.
        refused(ttdn("restore", path, env=env_for(tmp_path / "other", key, source_url)),
                "không trống")
        restored = ok(ttdn("restore", path, env=env_for(target, key, target_url)))
        assert "khớp manifest" in restored.stdout

        manifest = backup.read_manifest(path, key=key)
        assert manifest["engine"] == "postgresql"
        sessions = manifest["tables"]["django_session"]
        assert 50 <= sessions < written, (sessions, written)
        with psycopg.connect(target_url) as connection:
            tables = connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
            counts = {
                table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for (table,) in tables
            }
            keys = {row[0] for row in connection.execute("SELECT session_key FROM django_session")}
            triggers = {row[0] for row in connection.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
        assert counts == manifest["tables"]
        assert keys == {f"drill{n:08d}" for n in range(1, sessions + 1)}
        assert triggers >= AUDIT_TRIGGERS_PG
        assert tree(target / "media") == tree(source / "media")
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            for name in names.values():
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

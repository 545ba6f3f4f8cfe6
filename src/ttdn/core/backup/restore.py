"""Restoring an archive into an empty data directory or database."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .archive import MEDIA_PREFIX, _gunzip, _read_archive, differences
from .crypto import load_key
from .databases import (
    _database_settings,
    _engine,
    _fsync_dir,
    _not_empty_pg,
    _pg_connect,
    _pg_facts,
    _pg_params,
    _pg_restore,
    _pg_user_relations,
    _sqlite_facts,
    _sqlite_path,
    _sqlite_table_names,
)
from .errors import BackupError

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
    problems = differences(
        manifest.get("tables", {}), facts["tables"],
        missing=lambda table: f"bảng {table}: thiếu sau khi khôi phục",
        unexpected=lambda table: f"bảng {table}: không có trong manifest",
        different=lambda table, want, got: f"bảng {table}: {got} dòng, manifest ghi {want}",
    )
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


"""Writing and reading the archive: snapshot + media + manifest, encrypted on the fly."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import time
from pathlib import Path, PurePosixPath

from .crypto import CHUNK_SIZE, _Decryptor, _Encryptor, load_key
from .databases import (
    _database_settings,
    _engine,
    _fsync_dir,
    _now_utc,
    _pg_snapshot,
    _sqlite_facts,
    _sqlite_path,
    _sqlite_snapshot,
)
from .errors import BackupError

SUFFIX = ".ttdnbak"
MANIFEST_VERSION = 1
MAX_MANIFEST_SIZE = 256 * 1024 * 1024
GZIP_LEVEL = 6

MANIFEST_NAME = "manifest.json"
SQLITE_MEMBER = "db/ttdn.sqlite3.gz"
PG_MEMBER = "db/ttdn.pgdump"
MEDIA_PREFIX = "media/"


def differences(expected: dict, actual: dict, *, missing, unexpected, different) -> list[str]:
    """One line for each key absent from ``actual``, extra in it, or holding another value."""
    lines = []
    for key in sorted(set(expected) | set(actual)):
        if key not in actual:
            lines.append(missing(key))
        elif key not in expected:
            lines.append(unexpected(key))
        elif expected[key] != actual[key]:
            lines.append(different(key, expected[key], actual[key]))
    return lines


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
    problems = differences(
        manifest.get("members") or {}, seen,
        missing=lambda member: f"thiếu {member}",
        unexpected=lambda member: f"thừa {member}",
        different=lambda member, _, __: f"sai SHA-256 {member}",
    )
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



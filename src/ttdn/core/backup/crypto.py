"""Keys and the chunked AES-256-GCM stream of a ``.ttdnbak`` file."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import BackupError

KEY_ENV = "TTDN_BACKUP_KEY"
MAGIC = b"TTDNBAK"
FILE_VERSION = 1
CHUNK_SIZE = 1024 * 1024
TAG_SIZE = 16
NONCE_SIZE = 12
KEY_CHECK_SIZE = 16
HEADER_SIZE = len(MAGIC) + 1 + 4 + NONCE_SIZE + KEY_CHECK_SIZE
MAX_CHUNK_SIZE = 64 * 1024 * 1024

GENERATE_HINT = (
    "Tạo khóa mới bằng lệnh: ttdn backup --generate-key — rồi cất khóa ở nơi an toàn NGOÀI máy "
    f"chủ này (mất khóa là mất mọi bản sao lưu) và đặt biến môi trường {KEY_ENV}=<khóa>."
)


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



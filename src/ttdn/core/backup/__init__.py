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

from .archive import backup_create, backup_verify, read_manifest
from .crypto import generate_key
from .databases import human_size
from .errors import BackupError
from .restore import RestoreReport, backup_restore

__all__ = [
    "BackupError",
    "RestoreReport",
    "backup_create",
    "backup_restore",
    "backup_verify",
    "generate_key",
    "human_size",
    "read_manifest",
]

"""The error of backups and restores."""

from ttdn.core.errors import ApplicationError


class BackupError(ApplicationError):
    """A backup or restore was refused or failed; the message says why and what to do."""

"""Errors of the periodic reports."""

from ttdn.core.errors import ApplicationError


class ReportError(ApplicationError):
    """A rule about reports refused the request; nothing was saved."""


class ConflictError(ReportError):
    """Somebody else saved the report since this person opened it. ``extra["current"]`` holds
    the stored content and ``extra["saved_by"]``/``extra["saved_at"]`` who and when, so the
    screen can show both versions side by side and let the person merge."""

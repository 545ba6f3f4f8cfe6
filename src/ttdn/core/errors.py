"""The error every service raises: a translated message a person can act on."""

from django.core.exceptions import PermissionDenied


class ApplicationError(Exception):
    """A rule of the domain refused the request; ``message`` is shown to the user as it is."""

    def __init__(self, message, *, field: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


class PermissionDeniedError(ApplicationError, PermissionDenied):
    """The actor may not do this (services re-check what views already checked). Being a
    ``PermissionDenied`` too, it reaches a person as Django's 403, never as a server error."""

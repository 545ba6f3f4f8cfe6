"""Errors of the false-information desk."""

from ttdn.core.errors import ApplicationError


class CaseError(ApplicationError):
    """A rule of the desk refused the request; nothing was saved."""

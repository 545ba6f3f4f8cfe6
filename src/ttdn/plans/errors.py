"""Errors of plans and tasks."""

from ttdn.core.errors import ApplicationError


class PlanError(ApplicationError):
    """A rule about plans or tasks refused the request."""


class PlanImportError(PlanError):
    """The file cannot be read as a plan. ``line`` is where reading gave up (1-based), if known.
    Nothing has been saved when this is raised."""

    def __init__(self, message, *, line: int | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.line = line

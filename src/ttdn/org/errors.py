from ttdn.core.errors import ApplicationError


class OrgError(ApplicationError):
    """A rule of the organisation (communes, units, staff) refused the change."""

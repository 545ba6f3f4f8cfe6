"""Who may do what with reports.

- A unit report is written and submitted by the members of its unit; the commune's leaders and
  culture officer read every unit report of their commune, accept it or return it; the upper
  level reads them (the commune report links back to them).
- The commune report is drafted and edited by the culture officer (and the leaders), approved by
  the chairman or a vice-chairman, and sent up; the upper level sees it once sent, returns it
  with comments or marks it received.
- Rounds (periods and deadlines) are managed by the commune-wide roles.
"""

from django.db.models import Q

from ttdn.org.models import Role
from ttdn.org.scope import COMMUNE_WIDE_ROLES, scope_of

from .models import CommuneReport, CommuneReportStatus, ReportRound, UnitReport

APPROVER_ROLES = frozenset({Role.CHAIRMAN, Role.VICE_CHAIRMAN})
UPPER_VISIBLE = (CommuneReportStatus.SENT, CommuneReportStatus.RETURNED,
                 CommuneReportStatus.RECEIVED)


def _super(user) -> bool:
    return bool(user.is_active and user.is_superuser)


def _communes(user, roles) -> frozenset:
    return scope_of(user).communes_with_role(roles)


def managed_communes(user) -> frozenset:
    """Communes where the user accepts unit reports and writes the commune report."""
    return _communes(user, COMMUNE_WIDE_ROLES)


def upper_communes(user) -> frozenset:
    return _communes(user, frozenset({Role.UPPER_LEVEL}))


def visible_rounds(user):
    if _super(user):
        return ReportRound.objects.all()
    scope = scope_of(user)
    return ReportRound.objects.filter(commune_id__in=scope.commune_ids)


def visible_unit_reports(user):
    if _super(user):
        return UnitReport.objects.all()
    scope = scope_of(user)
    return UnitReport.objects.filter(
        Q(commune_id__in=managed_communes(user) | upper_communes(user))
        | Q(unit_id__in=scope.unit_ids)
    )


def visible_commune_reports(user):
    if _super(user):
        return CommuneReport.objects.all()
    return CommuneReport.objects.filter(
        Q(commune_id__in=managed_communes(user))
        | Q(commune_id__in=upper_communes(user), status__in=UPPER_VISIBLE)
    )


def may_write_unit_report(user, report) -> bool:
    """Fill in and submit: the unit's own members (a superuser too, for support)."""
    return _super(user) or (user.is_active and report.unit_id in scope_of(user).unit_ids)


def may_decide_unit_report(user, report) -> bool:
    return _super(user) or report.commune_id in managed_communes(user)


def may_manage_rounds(user, commune_id) -> bool:
    return _super(user) or commune_id in managed_communes(user)


def may_edit_commune_report(user, report) -> bool:
    return _super(user) or report.commune_id in managed_communes(user)


def may_approve(user, report) -> bool:
    return _super(user) or report.commune_id in _communes(user, APPROVER_ROLES)


def may_decide_upper(user, report) -> bool:
    """Return or receive a sent report: the upper level over the commune."""
    return _super(user) or report.commune_id in upper_communes(user)

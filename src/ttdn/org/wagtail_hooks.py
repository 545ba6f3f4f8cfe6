from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from ttdn.core.capabilities import Capability, register

from .audit_views import AuditLogView, may_read_audit_log
from .dashboard import SeatPanel
from .models import Commune, Membership, Unit
from .permissions import commune_policy, membership_policy, unit_policy
from .viewsets import OrganisationGroup

# Registered before any viewset asks, so Wagtail never falls back to Django model permissions.
register_permission_policy(Commune, commune_policy)
register_permission_policy(Unit, unit_policy)
register_permission_policy(Membership, membership_policy)

register(Capability(_("Quản lý các đơn vị của xã"), "units:index", unit_policy, order=900))
register(Capability(_("Quản lý tài khoản cán bộ"), "staff:index", membership_policy, order=910))


@hooks.register("register_admin_viewset")
def register_organisation():
    return OrganisationGroup()


@hooks.register("construct_homepage_panels")
def add_seat_panel(request, panels):
    panels.insert(0, SeatPanel())


@hooks.register("register_admin_urls")
def audit_log_urls():
    return [
        path("audit/", AuditLogView.as_view(), name="ttdn_audit_log"),
        path("audit/results/", AuditLogView.as_view(results_only=True),
             name="ttdn_audit_log_results"),
    ]


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_audit_log(request.user)


@hooks.register("register_reports_menu_item")
def audit_log_menu_item():
    return AuditLogMenuItem(_("Nhật ký hoạt động"), reverse("ttdn_audit_log"),
                            name="ttdn-audit-log", icon_name="history", order=990)


@hooks.register("construct_reports_menu")
def hide_unscoped_reports(request, menu_items):
    # Wagtail's own site history is not scoped by commune: platform administrators only.
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]


LOG_ACTIONS = {
    "ttdn.org.commune.created": (_("Tạo xã"), _("Đã tạo xã")),
    "ttdn.org.commune.updated": (_("Sửa thông tin xã"), _("Đã sửa thông tin xã")),
    "ttdn.org.unit.created": (_("Tạo đơn vị"), _("Đã tạo đơn vị")),
    "ttdn.org.unit.updated": (_("Sửa đơn vị"), _("Đã sửa đơn vị")),
    "ttdn.org.unit.deleted": (_("Xóa đơn vị"), _("Đã xóa đơn vị")),
    "ttdn.org.staff.created": (_("Tạo tài khoản cán bộ"), _("Đã tạo tài khoản cán bộ")),
    "ttdn.org.staff.locked": (_("Khóa tài khoản"), _("Đã khóa tài khoản")),
    "ttdn.org.staff.activated": (_("Mở khóa tài khoản"), _("Đã mở khóa tài khoản")),
    "ttdn.org.membership.created": (_("Giao vai trò"), _("Đã giao vai trò")),
    "ttdn.org.membership.updated": (_("Đổi vai trò, đơn vị"), _("Đã đổi vai trò, đơn vị")),
    "ttdn.org.two_factor.enabled": (_("Bật xác thực hai lớp"), _("Đã bật xác thực hai lớp")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)

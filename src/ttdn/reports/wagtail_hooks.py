"""The reports in the Wagtail admin: the screens under /admin/reports/ (namespace "reports"),
the menu item "Báo cáo định kỳ" with the number of reports waiting for the user, the home
panels, the stylesheet and the audit actions."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from ttdn.org.scope import scope_of

from . import views
from .dashboard import CommunePanel, UnitReportsPanel
from .models import CommuneReportStatus, UnitReportStatus
from .permissions import (
    managed_communes,
    upper_communes,
    visible_commune_reports,
    visible_unit_reports,
)

LOG_ACTIONS = {
    "ttdn.reports.round.generated": (_("Tạo kỳ báo cáo"), _("Đã tạo kỳ báo cáo theo chế độ "
                                                            "báo cáo của kế hoạch")),
    "ttdn.reports.round.created": (_("Tạo kỳ báo cáo"), _("Đã tạo kỳ báo cáo đột xuất, chuyên "
                                                          "đề")),
    "ttdn.reports.round.deadlines": (_("Sửa hạn báo cáo"), _("Đã sửa hạn nộp báo cáo")),
    "ttdn.reports.unit_report.started": (_("Mở báo cáo đơn vị"), _("Đã bắt đầu báo cáo")),
    "ttdn.reports.unit_report.refreshed": (_("Cập nhật số liệu hệ thống"),
                                           _("Đã cập nhật số liệu do hệ thống tính")),
    "ttdn.reports.unit_report.saved": (_("Lưu báo cáo đơn vị"), _("Đã lưu báo cáo")),
    "ttdn.reports.unit_report.submitted": (_("Gửi báo cáo đơn vị"), _("Đã gửi báo cáo")),
    "ttdn.reports.unit_report.returned": (_("Trả lại báo cáo đơn vị"), _("Đã trả lại báo cáo")),
    "ttdn.reports.unit_report.accepted": (_("Tiếp nhận báo cáo đơn vị"),
                                          _("Đã tiếp nhận báo cáo")),
    "ttdn.reports.commune_report.drafted": (_("Tổng hợp báo cáo của xã"),
                                            _("Đã tổng hợp báo cáo từ báo cáo các đơn vị")),
    "ttdn.reports.commune_report.saved": (_("Sửa báo cáo của xã"), _("Đã lưu báo cáo của xã")),
    "ttdn.reports.commune_report.approval_requested": (_("Trình duyệt báo cáo"),
                                                       _("Đã trình lãnh đạo duyệt")),
    "ttdn.reports.commune_report.approved": (_("Duyệt báo cáo"), _("Đã duyệt báo cáo")),
    "ttdn.reports.commune_report.rejected": (_("Trả lại bản dự thảo"),
                                             _("Lãnh đạo đã trả lại bản dự thảo")),
    "ttdn.reports.commune_report.sent": (_("Gửi cấp trên"), _("Đã gửi báo cáo lên cấp trên")),
    "ttdn.reports.commune_report.returned_by_upper": (_("Cấp trên trả lại"),
                                                      _("Cấp trên đã trả lại báo cáo")),
    "ttdn.reports.commune_report.received_by_upper": (_("Cấp trên tiếp nhận"),
                                                      _("Cấp trên đã tiếp nhận báo cáo")),
    "ttdn.reports.review.drafted": (_("Soạn báo cáo sơ kết, tổng kết"),
                                    _("Đã tổng hợp báo cáo sơ kết, tổng kết")),
    "ttdn.reports.reminder.sent": (_("Nhắc nộp báo cáo"), _("Đã nhắc đơn vị nộp báo cáo")),
}


@hooks.register("register_log_actions")
def register_report_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("register_admin_urls")
def report_urls():
    return [path("reports/", include((views.urlpatterns, "reports"), namespace="reports"))]


def waiting_count(user) -> int:
    """Reports waiting for this user: submitted unit reports to accept (commune-wide roles),
    their unit's returned reports (unit members), sent commune reports (the upper level)."""
    count = 0
    managed, upper = managed_communes(user), upper_communes(user)
    if managed:
        count += visible_unit_reports(user).filter(
            commune_id__in=managed, status=UnitReportStatus.SUBMITTED).count()
    units = scope_of(user).unit_ids
    if units:
        count += visible_unit_reports(user).filter(
            unit_id__in=units, status=UnitReportStatus.RETURNED).count()
    if upper:
        count += visible_commune_reports(user).filter(
            commune_id__in=upper, status=CommuneReportStatus.SENT).count()
    return count


def landing_url(user) -> str:
    if user.is_superuser or managed_communes(user):
        return reverse("reports:index")
    if upper_communes(user):
        return reverse("reports:upper")
    return reverse("reports:mine")


class ReportsMenuItem(MenuItem):
    """"Báo cáo định kỳ", leading to the user's own screen, with the number waiting."""

    def is_shown(self, request):
        user = request.user
        return user.is_superuser or bool(managed_communes(user) or upper_communes(user)
                                         or scope_of(user).unit_ids)

    def render_component(self, request):
        waiting = waiting_count(request.user)
        label = f"{self.label} ({waiting})" if waiting else self.label
        return LinkMenuItemComponent(self.name, label, landing_url(request.user),
                                     icon_name=self.icon_name, classname=self.classname,
                                     attrs=self.attrs)


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return ReportsMenuItem(_("Báo cáo định kỳ"), reverse("reports:index"), name="ttdn-reports",
                           icon_name="doc-full", order=165)


@hooks.register("construct_homepage_panels")
def add_report_panels(request, panels):
    panels.append(CommunePanel())
    panels.append(UnitReportsPanel())


@hooks.register("insert_global_admin_css")
def reports_css():
    return format_html('<link rel="stylesheet" href="{}">', static("reports/reports.css"))

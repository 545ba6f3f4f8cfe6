"""The desk in the Wagtail admin: its screens under /admin/cases/, the menu item with the
number of new cases, the home panel, the capabilities on the dashboard and the audit log
actions."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from ttdn.core.capabilities import Capability, register

from . import selectors, views
from .views.panels import DeskPanel
from .views.queue import may_configure, may_file_any_tip


@hooks.register("register_admin_urls")
def desk_urls():
    return [path("cases/", include((views.urlpatterns, "cases"), namespace="cases"))]


class DeskMenuItem(MenuItem):
    """"Thông tin sai lệch" with the number of new cases, for whoever may see cases."""

    def is_shown(self, request):
        return selectors.may_open_queue(request.user)

    def render_component(self, request):
        new = selectors.new_case_count(user=request.user)
        label = f"{self.label} ({new})" if new else self.label
        return LinkMenuItemComponent(self.name, label, self.url, icon_name=self.icon_name,
                                     classname=self.classname, attrs=self.attrs)


@hooks.register("register_admin_menu_item")
def desk_menu_item():
    return DeskMenuItem(_("Thông tin sai lệch"), reverse("cases:index"), name="ttdn-cases",
                        icon_name="warning", order=170)


@hooks.register("construct_homepage_panels")
def add_desk_panel(request, panels):
    panels.append(DeskPanel())


@hooks.register("insert_global_admin_css")
def desk_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cases/desk.css"))


class _Rule:
    """The capability registry asks a policy; the desk's screens ask these rules."""

    def __init__(self, rule):
        self.rule = rule

    def user_has_any_permission(self, user, actions):
        return self.rule(user)


register(Capability(_("Tiếp nhận, xử lý thông tin sai lệch"), "cases:index",
                    _Rule(selectors.may_open_queue), order=300))
register(Capability(_("Ghi nhận tin báo thông tin sai lệch"), "cases:intake",
                    _Rule(may_file_any_tip), order=310))
register(Capability(_("Cấu hình mục tiêu xử lý tin sai"), "cases:settings",
                    _Rule(may_configure), order=320))

LOG_ACTIONS = {
    "ttdn.cases.case.opened": (_("Mở vụ việc"), _("Đã mở vụ việc từ tin báo")),
    "ttdn.cases.tip.received": (_("Tiếp nhận tin báo"), _("Đã tiếp nhận tin báo")),
    "ttdn.cases.tip.matched": (
        _("Đối chiếu tin báo"), _("Đã đối chiếu tin báo và đưa vào vụ việc")
    ),
    "ttdn.cases.case.merged": (_("Gộp vụ việc"), _("Đã gộp vào vụ việc trùng")),
    "ttdn.cases.suggestion.rejected": (_("Bác gợi ý trùng"), _("Đã xác nhận không trùng")),
    "ttdn.cases.case.triaged": (_("Phân loại vụ việc"), _("Đã phân loại vụ việc")),
    "ttdn.cases.case.assigned": (_("Giao xử lý"), _("Đã giao đơn vị xác minh")),
    "ttdn.cases.case.verifying": (_("Bắt đầu xác minh"), _("Đã bắt đầu xác minh")),
    "ttdn.cases.case.verdict": (_("Kết luận vụ việc"), _("Đã ghi kết luận")),
    "ttdn.cases.case.responded": (_("Phản hồi vụ việc"), _("Đã công bố phản hồi")),
    "ttdn.cases.case.closed": (_("Đóng vụ việc"), _("Đã đóng vụ việc")),
    "ttdn.cases.clarification.saved": (_("Soạn bài cải chính"), _("Đã lưu bài cải chính")),
    "ttdn.cases.clarification.published": (
        _("Công bố bài cải chính"), _("Đã công bố bài cải chính")
    ),
    "ttdn.cases.clarification.republished": (
        _("Đăng lại bài cải chính"), _("Đã đăng lại bài cải chính trên cổng của xã")
    ),
    "ttdn.cases.note.added": (_("Ghi nhật ký xác minh"), _("Đã ghi nhật ký xác minh")),
    "ttdn.cases.case.escalated": (_("Chuyển Công an xã"), _("Đã chuyển Công an xã")),
    "ttdn.cases.takedown.saved": (_("Yêu cầu gỡ bỏ"), _("Đã ghi yêu cầu gỡ bỏ")),
    "ttdn.cases.tip.contacts_viewed": (
        _("Xem thông tin người báo tin"), _("Đã xem thông tin liên hệ của người báo tin")
    ),
    "ttdn.cases.tip.contacts_erased": (
        _("Xóa thông tin người báo tin"), _("Đã xóa thông tin liên hệ của người báo tin")
    ),
    "ttdn.cases.settings.saved": (_("Cấu hình bộ phận"), _("Đã lưu cấu hình xử lý tin sai")),
    "ttdn.cases.case.imported": (
        _("Nhập hồ sơ cũ"), _("Đã nhập vụ việc từ hồ sơ cũ với kết luận đã có")
    ),
    "ttdn.cases.evidence.exported": (_("Xuất gói chứng cứ"), _("Đã xuất gói chứng cứ")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)

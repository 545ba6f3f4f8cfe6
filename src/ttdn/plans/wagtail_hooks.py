from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.permissions import register_permission_policy

from ttdn.core.capabilities import Capability, register
from ttdn.org.scope import scope_of

from .dashboard import MyTasksPanel
from .models import DirectiveDocument, Evidence, Notice, Plan, Task
from .notice_views import NoticeListView
from .permissions import directive_policy, evidence_policy, plan_policy, task_policy
from .viewsets import PlanGroup

register_permission_policy(Plan, plan_policy)
register_permission_policy(DirectiveDocument, directive_policy)
register_permission_policy(Task, task_policy)
register_permission_policy(Evidence, evidence_policy)

register(Capability(_("Nhập kế hoạch từ tệp .docx/.txt"), "plans:import", plan_policy,
                    actions=("add",), order=100))
register(Capability(_("Xem các kế hoạch và tiến độ"), "plans:index", plan_policy, order=110))
register(Capability(_("Văn bản chỉ đạo (căn cứ của kế hoạch)"), "directives:index",
                    directive_policy, order=120))


@hooks.register("register_admin_viewset")
def register_plans():
    return PlanGroup()


class MyTasksMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(scope_of(request.user).unit_ids)


@hooks.register("register_admin_menu_item")
def my_tasks_menu_item():
    return MyTasksMenuItem(_("Nhiệm vụ của đơn vị tôi"), reverse("tasks:mine"),
                           name="ttdn-my-tasks", icon_name="tasks", order=150)


class NoticesMenuItem(MenuItem):
    """"Thông báo" with the number of unread notices, for whoever has any notice at all."""

    def is_shown(self, request):
        return Notice.objects.filter(recipient=request.user).exists()

    def render_component(self, request):
        unread = Notice.objects.filter(recipient=request.user, read_at__isnull=True).count()
        label = f"{self.label} ({unread})" if unread else self.label
        return LinkMenuItemComponent(self.name, label, self.url, icon_name=self.icon_name,
                                     classname=self.classname, attrs=self.attrs)


@hooks.register("register_admin_menu_item")
def notices_menu_item():
    return NoticesMenuItem(_("Thông báo"), reverse("ttdn_notices"), name="ttdn-notices",
                           icon_name="warning", order=160)


@hooks.register("register_admin_urls")
def notice_urls():
    return [path("notices/", NoticeListView.as_view(), name="ttdn_notices")]


@hooks.register("insert_global_admin_css")
def plans_css():
    return format_html('<link rel="stylesheet" href="{}">', static("plans/plans.css"))


@hooks.register("construct_homepage_panels")
def add_tasks_panel(request, panels):
    panels.insert(1, MyTasksPanel())


LOG_ACTIONS = {
    "ttdn.plans.directive.created": (_("Thêm văn bản chỉ đạo"), _("Đã thêm văn bản chỉ đạo")),
    "ttdn.plans.directive.updated": (_("Sửa văn bản chỉ đạo"), _("Đã sửa văn bản chỉ đạo")),
    "ttdn.plans.directive.deleted": (_("Xóa văn bản chỉ đạo"), _("Đã xóa văn bản chỉ đạo")),
    "ttdn.plans.plan.imported": (_("Nhập kế hoạch"), _("Đã nhập kế hoạch từ tệp")),
    "ttdn.plans.plan.updated": (_("Sửa kế hoạch"), _("Đã sửa kế hoạch")),
    "ttdn.plans.plan.deleted": (_("Xóa kế hoạch dự thảo"), _("Đã xóa kế hoạch dự thảo")),
    "ttdn.plans.plan.issued": (_("Ban hành kế hoạch"), _("Đã ban hành kế hoạch")),
    "ttdn.plans.plan.superseded": (_("Thay thế kế hoạch"), _("Kế hoạch đã được thay thế")),
    "ttdn.plans.task.created": (_("Thêm nhiệm vụ"), _("Đã thêm nhiệm vụ")),
    "ttdn.plans.task.updated": (_("Sửa nhiệm vụ"), _("Đã sửa nhiệm vụ")),
    "ttdn.plans.task.deleted": (_("Xóa nhiệm vụ"), _("Đã xóa nhiệm vụ")),
    "ttdn.plans.task.reported": (_("Cập nhật tiến độ"), _("Đã cập nhật tiến độ")),
    "ttdn.plans.task.evidence_added": (_("Thêm minh chứng"), _("Đã thêm minh chứng")),
    "ttdn.plans.task.commented": (_("Gửi ý kiến"), _("Đã gửi ý kiến")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)

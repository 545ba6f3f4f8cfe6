"""The portal in the Wagtail admin: only approval publishes; stale translations are flagged.

Publishing a page happens in one way only: the last step of the commune's workflow approved
(editorial.py). Wagtail lets a user with the publish right publish directly from the editor,
the page listing's bulk actions and the copy form; each of those doors is closed here, on the
server (the button is also taken away, so nobody is offered what will be refused). Superusers
are no exception. What stays open: withdrawing a page (unpublish), approving a workflow task,
and wagtail-localize's editor, where an approver publishes a translation (editorial.py).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from ttdn.core.admin_views import forbidden
from ttdn.core.capabilities import Capability, register

from .dashboard import StaleTranslationsPanel
from .feedback_admin import FeedbackViewSet
from .models import Feedback
from .permissions import feedback_policy
from .translations import is_out_of_date

register_permission_policy(Feedback, feedback_policy)
register(Capability(gettext_lazy("Ý kiến bạn đọc"), "feedback:index", feedback_policy,
                    order=400))

PUBLISH_REFUSED = gettext_lazy(
    "Trang chỉ được xuất bản sau khi lãnh đạo phê duyệt: hãy gửi trang theo quy trình duyệt "
    "để người kiểm duyệt xem trước."
)

LOG_ACTIONS = {
    "ttdn.portal.feedback.received": (gettext_lazy("Nhận ý kiến bạn đọc"),
                                      gettext_lazy("Đã nhận ý kiến bạn đọc")),
    "ttdn.portal.feedback.handled": (gettext_lazy("Xử lý ý kiến bạn đọc"),
                                     gettext_lazy("Đã xử lý ý kiến bạn đọc")),
    "ttdn.portal.feedback.contacts_erased": (
        gettext_lazy("Xóa thông tin liên hệ của người gửi ý kiến"),
        gettext_lazy("Đã xóa thông tin liên hệ của người gửi ý kiến khi hết thời hạn lưu giữ"),
    ),
}


class PortalGroup(ViewSetGroup):
    menu_label = gettext_lazy("Trang thông tin")
    menu_icon = "site"
    menu_order = 250
    items = (FeedbackViewSet("feedback"),)


@hooks.register("register_admin_viewset")
def register_portal_screens():
    return PortalGroup()


def _refuse(request):
    return forbidden(request, PermissionDenied(PUBLISH_REFUSED))


@hooks.register("construct_page_action_menu")
def remove_direct_publish(menu_items, request, context):
    """No "Publish" for anyone; "Convert to alias page" (live at once) only for those who may
    publish the page (translation_views.py)."""
    hidden = {"action-publish"}
    page = context.get("page")
    if page is None or page.pk is None or \
            not page.permissions_for_user(request.user).can_publish():
        hidden.add("localize-convert-to-alias")
    menu_items[:] = [item for item in menu_items if item.name not in hidden]


@hooks.register("before_create_page")
def refuse_publish_on_create(request, parent_page, page_class):
    if request.method == "POST" and request.POST.get("action-publish"):
        return _refuse(request)
    return None


@hooks.register("before_edit_page")
def refuse_publish_on_edit(request, page):
    if request.method == "POST" and request.POST.get("action-publish"):
        return _refuse(request)
    if request.method == "GET" and is_out_of_date(page):
        messages.warning(request, _(
            "Bản dịch này đã cũ: bản tiếng Việt đã được sửa và xuất bản lại sau lần xuất bản bản "
            "dịch gần nhất. Hãy cập nhật bản dịch rồi trình lãnh đạo xuất bản lại."
        ))
    return None


@hooks.register("before_copy_page")
def refuse_publish_on_copy(request, page):
    if request.method == "POST" and request.POST.get("publish_copies"):
        return _refuse(request)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type == "publish":
        return _refuse(request)
    return None


@hooks.register("construct_homepage_panels")
def add_portal_panels(request, panels):
    panels.append(StaleTranslationsPanel())


@hooks.register("register_log_actions")
def register_portal_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)

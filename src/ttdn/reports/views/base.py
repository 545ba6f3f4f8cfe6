"""What every report screen shares: the Wagtail admin shell (refusals as a 403 page that says
why) and the crumbs."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ttdn.core.admin_views import AdminView as BaseAdminView
from ttdn.core.admin_views import RefuseWith403
from ttdn.core.errors import PermissionDeniedError
from ttdn.org.scope import scope_of

from ..models import CommuneReportStatus, UnitReportStatus
from ..permissions import managed_communes, upper_communes

FORMATS = {"docx", "pdf", "xlsx", "json"}


class AdminView(RefuseWith403, BaseAdminView):
    def get_header_buttons(self):
        return list(self.get_extra_header_buttons())

    def get_extra_header_buttons(self):
        return []

    def render_page(self, **context):
        return self.render_to_response(self.get_context_data(**context))


def deny(message=None):
    raise PermissionDeniedError(message or _("Bạn không có quyền thực hiện thao tác này."))


# Who reaches which screen (the services check every write again) --------------------------------


def is_manager(user) -> bool:
    return user.is_superuser or bool(managed_communes(user))


def is_upper(user) -> bool:
    return user.is_superuser or bool(upper_communes(user))


def has_units(user) -> bool:
    return bool(scope_of(user).unit_ids)


def index_crumb() -> tuple[str, str]:
    return reverse("reports:index"), _("Báo cáo định kỳ")


def mine_crumb() -> tuple[str, str]:
    return reverse("reports:mine"), _("Báo cáo của đơn vị tôi")


def upper_crumb() -> tuple[str, str]:
    return reverse("reports:upper"), _("Báo cáo các xã gửi lên")


def home_crumb_for(user) -> tuple[str, str]:
    if is_manager(user):
        return index_crumb()
    if is_upper(user):
        return upper_crumb()
    return mine_crumb()


# Labels ----------------------------------------------------------------------------------------


def version_status_label(status: str, *, unit: bool) -> str:
    choices = UnitReportStatus if unit else CommuneReportStatus
    try:
        return choices(status).label
    except ValueError:
        return status


# Files -----------------------------------------------------------------------------------------

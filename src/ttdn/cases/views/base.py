"""What every screen of the desk shares: the Wagtail admin shell with breadcrumbs, the case
lookup that makes another commune's case a 404, and file responses that are always
downloads."""


from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from ttdn.core.admin_views import AdminView as BaseAdminView
from ttdn.core.admin_views import RefuseWith403

from .. import selectors


class AdminView(RefuseWith403, BaseAdminView):
    def get_header_buttons(self):
        return list(self.get_extra_header_buttons())

    def get_extra_header_buttons(self):
        return []


def queue_crumb() -> tuple[str, str]:
    return reverse("cases:index"), _("Thông tin sai lệch")


class CaseObjectMixin:
    """Finds the case among those the user may open before the method is looked at: any
    other id is a 404, for every method."""

    def dispatch(self, request, pk, *args, **kwargs):
        self.case = get_object_or_404(selectors.case_visible_to(user=request.user), pk=pk)
        return super().dispatch(request, *args, **kwargs)

"""What every screen of the desk shares: the Wagtail admin shell with breadcrumbs, the case
lookup that makes another commune's case a 404, and file responses that are always
downloads."""

import functools

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ttdn.core.admin_views import AdminView as BaseAdminView

from .. import selectors


class RefuseWith403:
    """A refusal is a 403 page that says why (Wagtail would redirect to the dashboard with a
    generic message): a service's ``PermissionDeniedError`` carries the Vietnamese reason."""

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)

        def refusing(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied as exc:
                return forbidden(request, exc)

        functools.update_wrapper(refusing, view)
        return refusing


def forbidden(request, exc=None):
    message = getattr(exc, "message", None) or _("Bạn không có quyền mở trang này.")
    title = _("Không có quyền")
    return TemplateResponse(request, "cases/admin/forbidden.html", {
        "message": message, "header_title": title, "page_title": title,
        "header_icon": "lock",
        "breadcrumbs_items": [{"url": reverse("wagtailadmin_home"), "label": _("Trang chủ")},
                              {"url": "", "label": title}],
    }, status=403)


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

"""The queue: the cases the user may open, filtered, a page at a time."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets.button import HeaderButton

from ttdn.org.models import Role
from ttdn.org.scope import scope_of

from .. import permissions as perms
from .. import selectors
from ..admin_forms import QueueFilterForm
from .base import AdminView

PER_PAGE = 25


def may_file_any_tip(user) -> bool:
    return user.is_superuser or bool(scope_of(user).communes_with_role(perms.INTAKE_ROLES))


def may_configure(user) -> bool:
    return user.is_superuser or bool(perms.desk_communes(user))


class CaseQueueView(AdminView):
    template_name = "cases/admin/queue.html"
    page_title = gettext_lazy("Thông tin sai lệch")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not selectors.may_open_queue(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_extra_header_buttons(self):
        user = self.request.user
        buttons = []
        if may_file_any_tip(user):
            buttons.append(HeaderButton(_("Ghi nhận tin báo"), reverse("cases:intake"),
                                        icon_name="plus"))
        if may_configure(user):
            buttons.append(HeaderButton(_("Cấu hình mục tiêu"), reverse("cases:settings"),
                                        icon_name="cog", classname="button-secondary"))
        return buttons

    def get_context_data(self, **kwargs):
        user = self.request.user
        communes = sorted(scope_of(user).commune_ids)
        form = QueueFilterForm(self.request.GET or None, commune_ids=communes)
        data = form.cleaned_data if form.is_valid() else {}
        commune = data.get("commune")
        filters = selectors.QueueFilters(
            status=data.get("status") or "", category=data.get("category") or "",
            severity=data.get("severity") or "", late=bool(data.get("late")),
            q=data.get("q") or "", commune_id=commune.pk if commune else None,
        )
        paginator = Paginator(selectors.case_queue(user=user, filters=filters), PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        return {
            **super().get_context_data(**kwargs),
            "form": form,
            "filtered": any(value for value in data.values()),
            "page": page,
            "rows": selectors.queue_rows(page.object_list),
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "total": paginator.count,
            "waiting": selectors.waiting_tips(user=user),
            # the communes the user works in (not only oversees): other owners are named
            "my_communes": {commune for commune, roles in scope_of(user).roles_by_commune.items()
                            if roles - {Role.UPPER_LEVEL}},
        }

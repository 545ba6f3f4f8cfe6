"""The admin home panel of the desk: late cases and suggestions waiting for a decision (for the
desk of a commune), cases handed to the police (for the commune police)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .. import permissions as perms
from .. import selectors


class DeskPanel(Component):
    name = "ttdn_cases_desk"
    order = 30
    template_name = "cases/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        desk = user.is_superuser or bool(perms.desk_communes(user))
        police = bool(perms.police_communes(user))
        context = {"title": _("Vụ việc thông tin sai lệch"), "shown": desk or police,
                   "desk": desk, "police": police, "queue_url": reverse("cases:index")}
        if desk:
            context.update(
                late=selectors.late_cases(user=user, limit=8),
                suggestions=list(selectors.pending_suggestions(user=user)[:8]),
                new_count=selectors.new_case_count(user=user),
            )
        if police:
            context["escalated"] = list(selectors.escalated_cases(user=user).filter(
                closed_at__isnull=True)[:8])
        return context

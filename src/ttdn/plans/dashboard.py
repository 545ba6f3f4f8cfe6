"""The admin home panel of plans and tasks: my unit's tasks at a glance, unread notices."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from . import selectors
from .models import Notice, TaskStatus


class MyTasksPanel(Component):
    name = "ttdn_my_tasks"
    order = 20
    template_name = "plans/dashboard_panel.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        states = selectors.my_unit_tasks(user=user)
        open_states = [s for s in states if s.status != TaskStatus.DONE]
        return {
            "title": _("Nhiệm vụ của đơn vị tôi"),
            "total": len(states),
            "open": len(open_states),
            "overdue": sum(s.overdue for s in states),
            "soonest": sorted((s for s in open_states if s.due_on),
                              key=lambda s: s.due_on)[:5],
            "notices": Notice.objects.filter(recipient=user, read_at__isnull=True)[:5],
            "mine_url": reverse("tasks:mine"),
            "notices_url": reverse("ttdn_notices"),
        }

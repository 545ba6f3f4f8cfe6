"""The signed-in person's notices (due and overdue tasks); reading them marks them read."""

from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ttdn.core.admin_views import AdminView

from .models import Notice


class NoticeListView(AdminView):
    template_name = "plans/notices.html"
    page_title = gettext_lazy("Thông báo của tôi")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        notices = Notice.objects.filter(recipient=self.request.user).select_related(
            "task", "task__lead_unit")[:200]
        return {**super().get_context_data(**kwargs), "notices": notices}

    def post(self, request):
        with transaction.atomic():
            Notice.objects.filter(recipient=request.user, read_at__isnull=True).update(
                read_at=timezone.now())
        return redirect("ttdn_notices")

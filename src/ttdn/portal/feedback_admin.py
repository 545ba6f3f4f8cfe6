"""The readers' feedback in the admin ("Ý kiến bạn đọc"): the messages of the user's commune,
newest first, each one's page, and "Đánh dấu đã xử lý" — a POST through
``services.feedback_mark_handled``, which asks the policy again and audits it.

Feedback is what a reader sent: nobody adds, edits or deletes it here (those screens do not
exist), and its contacts go only through ``retention.feedback_erase_contacts``.
"""

import django_filters
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn

from ttdn.core.viewsets import ScopedInspectView, ScopedModelViewSet, ScopedObjectMixin
from ttdn.org.viewsets import commune_filter

from . import services
from .models import Feedback
from .permissions import feedback_policy

_NONE = gettext_lazy("—")


def feedback_list_visible_to(*, user):
    """The feedback ``user`` may read: that of the communes where they hold a feedback role."""
    return (feedback_policy.instances_user_has_permission_for(user, "view")
            .select_related("commune", "handled_by", "page"))


def language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def handled_label(feedback) -> str:
    return _("Đã xử lý") if feedback.handled_at else _("Chưa xử lý")


class FeedbackFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("Tình trạng"), method="filter_state", empty_label=gettext_lazy("Tất cả"),
        choices=[("new", gettext_lazy("Chưa xử lý")), ("handled", gettext_lazy("Đã xử lý"))],
    )
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Ngôn ngữ"), empty_label=gettext_lazy("Tất cả"),
        choices=lambda: [(code, language_name(code))
                         for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES],
    )
    commune = commune_filter()

    class Meta:
        model = Feedback
        fields = ["state", "language", "commune"]

    def filter_state(self, queryset, name, value):
        if value == "new":
            return queryset.filter(handled_at__isnull=True)
        if value == "handled":
            return queryset.filter(handled_at__isnull=False)
        return queryset


class FeedbackInspectView(ScopedInspectView):
    template_name = "portal/contact/feedback_inspect.html"
    mark_handled_url_name = None

    # Labels the model's relations do not carry.
    labels = {"page": gettext_lazy("Gửi từ trang"), "handled_by": gettext_lazy("Người xử lý")}

    def get_page_title(self):
        return _("Ý kiến bạn đọc")

    def get_field_label(self, field_name, field):
        if field_name in self.labels:
            return str(self.labels[field_name])
        return super().get_field_label(field_name, field)

    def get_received_at_display_value(self):
        return timezone.localtime(self.object.received_at).strftime("%H:%M %d/%m/%Y")

    def get_language_display_value(self):
        return language_name(self.object.language)

    def get_page_display_value(self):
        page = self.object.page
        return page.get_admin_display_title() if page is not None else _NONE

    def _contact(self, value):
        if not self.object.name and not (self.object.email or self.object.phone):
            return _("Đã xóa khi hết thời hạn lưu giữ")
        return value or _NONE

    def get_name_display_value(self):
        return self._contact(self.object.name)

    def get_email_display_value(self):
        return self._contact(self.object.email or _("Không để lại"))

    def get_phone_display_value(self):
        return self._contact(self.object.phone or _("Không để lại"))

    def get_message_display_value(self):
        return linebreaksbr(self.object.message, autoescape=True)

    def get_handled_at_display_value(self):
        handled = self.object.handled_at
        return timezone.localtime(handled).strftime("%H:%M %d/%m/%Y") if handled else _(
            "Chưa xử lý")

    def get_handled_by_display_value(self):
        user = self.object.handled_by
        return (user.get_full_name() or user.get_username()) if user else _NONE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        may_handle = (self.object.handled_at is None
                      and feedback_policy.user_has_permission_for_instance(
                          self.request.user, "change", self.object))
        context["mark_handled_url"] = (
            reverse(self.mark_handled_url_name, args=[self.object.pk]) if may_handle else None)
        return context


class FeedbackHandledView(ScopedObjectMixin, View):
    """POST only: the feedback is marked handled (once; a second click changes nothing)."""

    http_method_names = ["post"]
    model = Feedback
    pk_url_kwarg = "pk"
    inspect_url_name = None

    def post(self, request, *args, **kwargs):
        was_new = self.object.handled_at is None
        feedback = services.feedback_mark_handled(feedback=self.object, actor=request.user)
        if was_new:
            messages.success(request, _("Đã đánh dấu ý kiến “%(subject)s” là đã xử lý.")
                             % {"subject": feedback.subject})
        return redirect(self.inspect_url_name, feedback.pk)


class FeedbackViewSet(ScopedModelViewSet):
    model = Feedback
    selector = staticmethod(feedback_list_visible_to)
    icon = "mail"
    menu_label = gettext_lazy("Ý kiến bạn đọc")
    add_to_admin_menu = False
    list_display = [
        "subject",
        DateColumn("received_at", label=gettext_lazy("Nhận lúc"), sort_key="received_at"),
        Column("language", label=gettext_lazy("Ngôn ngữ"),
               accessor=lambda feedback: language_name(feedback.language)),
        StatusTagColumn("handled", label=gettext_lazy("Tình trạng"), accessor=handled_label,
                        primary=lambda feedback: feedback.handled_at is None),
        "commune",
    ]
    filterset_class = FeedbackFilterSet
    search_fields = ["subject", "message", "name", "email"]
    ordering = ["-received_at"]
    inspect_view_enabled = True
    inspect_view_class = FeedbackInspectView
    inspect_view_fields = ["received_at", "language", "page", "name", "email", "phone",
                           "subject", "message", "handled_at", "handled_by"]
    def get_common_view_kwargs(self, **kwargs):
        # Nobody adds, edits or deletes a reader's message: those screens do not exist.
        return {**super().get_common_view_kwargs(**kwargs), "add_url_name": None,
                "edit_url_name": None, "delete_url_name": None, "usage_url_name": None}

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            mark_handled_url_name=self.get_url_name("handled"), **kwargs)

    @property
    def handled_view(self):
        return self.construct_view(FeedbackHandledView,
                                   inspect_url_name=self.get_url_name("inspect"))

    @property
    def url_finder_class(self):
        # Links to a message from elsewhere in the admin (the audit log) open its page.
        return type("FeedbackAdminURLFinder", (ModelAdminURLFinder,),
                    {"edit_url_name": self.get_url_name("inspect")})

    def get_urlpatterns(self):
        pk = f"<{self.pk_path_converter}:pk>"
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/{pk}/", self.inspect_view, name="inspect"),
            path(f"history/{pk}/", self.history_view, name="history"),
            path(f"history-results/{pk}/", self.history_results_view, name="history_results"),
            path(f"handled/{pk}/", self.handled_view, name="handled"),
        ]

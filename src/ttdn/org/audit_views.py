"""The audit log as an admin report, limited to the communes whose log the user may read."""

from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Q, Value
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from .models import Commune
from .scope import COMMUNE_WIDE_ROLES, scope_of


def audit_readable_communes(user) -> frozenset:
    """Leaders and the culture officer read their commune's log."""
    return scope_of(user).communes_with_role(COMMUNE_WIDE_ROLES)


def may_read_audit_log(user) -> bool:
    return user.is_active and (user.is_superuser or bool(audit_readable_communes(user)))


def log_entries_visible_to(*, user, log_model):
    queryset = log_model.objects.all()
    if user.is_superuser:
        return queryset
    communes = audit_readable_communes(user)
    if log_model is ModelLogEntry:
        return queryset.filter(data__commune_id__in=list(communes))
    if log_model is PageLogEntry:
        # The commune's home page in every language: each language tree has its own root.
        keys = Commune.objects.filter(pk__in=communes, site__isnull=False).values(
            "site__root_page__translation_key")
        roots = Page.objects.filter(translation_key__in=keys, depth=2).values_list(
            "path", flat=True)
        condition = Q(pk__in=[])
        for path in roots:
            condition |= Q(page__path__startswith=path)
        return queryset.filter(condition)
    return queryset.none()


class AuditLogView(LogEntriesView):
    page_title = _("Nhật ký hoạt động")
    index_url_name = "ttdn_audit_log"
    index_results_url_name = "ttdn_audit_log_results"

    def dispatch(self, request, *args, **kwargs):
        if not may_read_audit_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filtered_queryset(self):
        queryset = None
        self.log_models = list(log_action_registry.get_log_entry_models())
        for index, log_model in enumerate(self.log_models):
            sub = log_entries_visible_to(user=self.request.user, log_model=log_model)
            sub = sub.values("pk", "timestamp").annotate(
                log_model_index=Value(index, output_field=IntegerField())
            )
            sub = self.filter_queryset(sub).order_by()
            queryset = sub if queryset is None else queryset.union(sub, all=True)
        return queryset.order_by("-timestamp")

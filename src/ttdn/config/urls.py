from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from ttdn.cases import urls_public as cases_public_urls
from ttdn.config.api import api
from ttdn.org import urls as org_urls
from ttdn.org.audit_views import AuditLogView
from ttdn.portal import urls as portal_urls

urlpatterns = [
    # Wagtail's site history is not scoped by commune: the same address serves the scoped log.
    path("admin/reports/site-history/", AuditLogView.as_view()),
    path("admin/reports/site-history/results/", AuditLogView.as_view(results_only=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("account/", include(org_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", api.urls),
    # The desk's public pages (tip form, status, clarifications), before Wagtail's catch-all.
    path("", include(cases_public_urls)),
    # Every commune's public site, each content language under its prefix: the catch-all.
    path("", include(portal_urls)),
]

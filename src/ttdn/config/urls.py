from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_file
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from ttdn.cases import urls_public as cases_public_urls
from ttdn.config.api import api
from ttdn.org import urls as org_urls
from ttdn.org.audit_views import AuditLogView
from ttdn.portal import urls as portal_urls
from ttdn.portal.translation_views import ScopedSubmitPageTranslationView, scoped_convert_to_alias

urlpatterns = [
    # Wagtail's site history is not scoped by commune: the same address serves the scoped log.
    path("admin/reports/site-history/", AuditLogView.as_view()),
    path("admin/reports/site-history/results/", AuditLogView.as_view(results_only=True)),
    # wagtail-localize's "translate this page", held to the page's own permissions.
    path("admin/localize/submit/page/<int:page_id>/", ScopedSubmitPageTranslationView.as_view(),
         name="ttdn_submit_page_translation"),
    # … and its "convert to alias page", to those who may publish the page.
    path("admin/localize/page/<int:page_id>/convert_to_alias/", scoped_convert_to_alias,
         name="ttdn_convert_to_alias"),
    path("admin/", include(wagtailadmin_urls)),
    path("account/", include(org_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", api.urls),
    # The desk's public pages (tip form, status, clarifications), before Wagtail's catch-all.
    path("", include(cases_public_urls)),
    *(
        # Image renditions are public files; in production nginx serves them (operations.md).
        [re_path(r"^media/images/(?P<path>.+)$", serve_file,
                 {"document_root": settings.MEDIA_ROOT / "images"})]
        if getattr(settings, "TTDN_SERVE_IMAGES", False) else []
    ),
    # Every commune's public site, each content language under its prefix: the catch-all.
    path("", include(portal_urls)),
]

# Public addresses get the portal's page in the reader's language; the staff side its own.
handler404 = "ttdn.portal.views.page_not_found"

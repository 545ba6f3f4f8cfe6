from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from ttdn.org import urls as org_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("account/", include(org_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(wagtail_urls)),
]

"""The public site: every page of every commune, in each content language, and the few
addresses that belong to a site rather than a page (sitemap, robots.txt)."""

from django.urls import URLResolver, path, re_path
from django.views.generic import RedirectView
from wagtail import views as wagtail_views

from . import sitemaps, views

page_patterns = [
    re_path(r"^((?:[\w\-]+/)*)$", views.serve, name="wagtail_serve"),
]

urlpatterns = [
    path("sitemap.xml", sitemaps.sitemap_view, name="portal_sitemap"),
    path("robots.txt", sitemaps.robots_view, name="portal_robots"),
    # A page restricted by a password (Wagtail's privacy setting); one restricted to signed-in
    # readers sends them to the one sign-in form, with its lockout and two-factor step.
    path("_util/login/", RedirectView.as_view(url="/admin/login/", query_string=True),
         name="wagtailcore_login"),
    path("_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
         wagtail_views.authenticate_with_password,
         name="wagtailcore_authenticate_with_password"),
    URLResolver(views.ContentLanguagePrefix(), page_patterns),
]

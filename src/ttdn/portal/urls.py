"""The public site: every page of every commune, in each content language, and the few
addresses that belong to a site rather than a page (sitemap, robots.txt)."""

from django.urls import URLResolver, path, re_path

from . import sitemaps, views

page_patterns = [
    re_path(r"^((?:[\w\-]+/)*)$", views.serve, name="wagtail_serve"),
]

urlpatterns = [
    path("sitemap.xml", sitemaps.sitemap_view, name="portal_sitemap"),
    path("robots.txt", sitemaps.robots_view, name="portal_robots"),
    URLResolver(views.ContentLanguagePrefix(), page_patterns),
]

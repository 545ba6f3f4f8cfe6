"""The public site: every page of every commune, in each content language, and the few
addresses that belong to a site rather than a page (sitemap, robots.txt)."""

from django.urls import URLResolver, re_path

from . import views

page_patterns = [
    re_path(r"^((?:[\w\-]+/)*)$", views.serve, name="wagtail_serve"),
]

urlpatterns = [
    URLResolver(views.ContentLanguagePrefix(), page_patterns),
]

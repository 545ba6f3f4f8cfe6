"""The public site's views: a page (Wagtail's routing, in the language of the address), and
the "page not found" of public addresses."""

from django.shortcuts import render
from django.utils import translation
from django.views import defaults
from wagtail import views as wagtail_views
from wagtail.models import Site

from . import cache
from .languages import ContentLanguagePrefix, activate, default_language
from .models import HomePage

__all__ = ["ContentLanguagePrefix", "page_not_found", "serve"]

# Addresses of the staff side: their 404 is the project's own page.
BACK_OFFICE = ("/admin/", "/account/", "/api/", "/documents/")


def serve(request, path, language):
    activate(request, language)
    response = wagtail_views.serve(request, path)
    if hasattr(response, "render"):
        response.render()
    cache.mark_storable(response)
    return response


def page_not_found(request, exception=None):
    """In the language of the address's prefix; an unprefixed address keeps the language the
    reader's browser asked for (a foreign reader who mistyped a Vietnamese address reads why
    in English), with a search box and a link to that language's home page."""
    if request.path.startswith(BACK_OFFICE):
        return defaults.page_not_found(request, exception)
    _path, _args, kwargs = ContentLanguagePrefix().match(request.path_info.lstrip("/"))
    language = kwargs["language"]
    if language == default_language():
        language = translation.get_language_from_request(request)
    activate(request, language)
    site = Site.find_for_request(request)
    home = site.root_page.localized.specific if site else None
    if not isinstance(home, HomePage):  # a site without a commune's portal
        home = None
    return render(request, "portal/404.html", {"portal_home": home}, status=404)

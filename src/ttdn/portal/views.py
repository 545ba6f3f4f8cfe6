"""The public site's views: a page (Wagtail's routing, in the language of the address)."""

from wagtail import views as wagtail_views

from . import cache
from .languages import ContentLanguagePrefix, activate

__all__ = ["ContentLanguagePrefix", "serve"]


def serve(request, path, language):
    activate(request, language)
    response = wagtail_views.serve(request, path)
    if hasattr(response, "render"):
        response.render()
    cache.mark_storable(response)
    return response


def contact_page(page, request):
    from wagtail.models import Page

    return Page.serve(page, request)

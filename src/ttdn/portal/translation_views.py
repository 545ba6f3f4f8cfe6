"""wagtail-localize's screens, held to the page's own permissions.

"Translate this page": its view asks only the global ``submit_translation`` right, which every
editor of every commune holds (editorial.py). A page the user may not edit does not exist for
them here (404), as on every scoped screen.

"Convert to alias page": wagtail-localize asks only the edit right, but the alias it makes shows
its source's live content at once in the translation's place — a publication without the
workflow's approval. Only those who may publish the page may do it (403 for the others, who are
not offered it: wagtail_hooks.py)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.models import Page
from wagtail_localize.views.convert import convert_to_alias
from wagtail_localize.views.submit_translations import SubmitPageTranslationView


class ScopedSubmitPageTranslationView(SubmitPageTranslationView):
    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"])
        if not page.permissions_for_user(request.user).can_edit():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def scoped_convert_to_alias(request, page_id):
    page = get_object_or_404(Page, id=page_id)
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise Http404
    if not permissions.can_publish():
        raise PermissionDenied
    return convert_to_alias(request, page_id)

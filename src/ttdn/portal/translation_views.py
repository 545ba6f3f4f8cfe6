"""wagtail-localize's "translate this page", held to the page's own permissions: its view asks
only the global ``submit_translation`` right, which every editor of every commune holds
(editorial.py). A page the user may not edit does not exist for them here (404), as on every
scoped screen."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.models import Page
from wagtail_localize.views.submit_translations import SubmitPageTranslationView


class ScopedSubmitPageTranslationView(SubmitPageTranslationView):
    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"])
        if not page.permissions_for_user(request.user).can_edit():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

"""Placeholder: the portal's search (being written)."""

from django.http import Http404


def search_view(request, home):
    raise Http404

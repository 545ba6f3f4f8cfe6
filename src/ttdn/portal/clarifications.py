"""Placeholder: the desk's clarifications on the portal (being written)."""

from django.http import Http404


def listing_view(request, index):
    raise Http404


def detail_view(request, index, clarification_id):
    raise Http404

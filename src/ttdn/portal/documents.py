"""Placeholder: directive documents on the portal (being written)."""

from django.http import Http404


def listing_view(request, index):
    raise Http404


def detail_view(request, index, plan_id):
    raise Http404


def download_view(request, index, plan_id, file_format):
    raise Http404

"""Placeholder: feeds and the digest (being written)."""

from django.http import Http404


def section_feed(request, index, kind):
    raise Http404


def digest_view(request, home):
    raise Http404

"""The public pages' cache, and its purge on publish.

An anonymous reader's GET of a page (no query string, no session cookie) is answered from the
cache when it can be. Entries are keyed by host, path and a *generation*, a number in the
shared cache (the database cache table or Redis, which every process reads): publishing,
unpublishing, moving or deleting a page, and changing what pages show from other apps, bump it,
so every process stops using the older entries — a published change is visible on the next
request in the process that published it, and within ``TTDN_PORTAL_GENERATION_SECONDS`` (0.5 s)
in the others, which read it at most that often. One generation for the whole
deployment: a site is also reached under addresses that are not its host name (the default site
answers 127.0.0.1), so a per-host counter could miss; publishing is rare next to reading, and a
purge costs each page one rendering per process. Entries themselves live in each process's own
memory (the ``portal_pages`` cache; the default cache where that alias is not configured, as in
the tests): the generation in their key is what makes them current, so they need not be shared,
and a hit reads neither the database nor the network. They expire after
``TTDN_PORTAL_CACHE_SECONDS``.

Only the portal's page view marks a response as storable (:func:`mark_storable`); a response
that set a cookie or used a CSRF token (the contact form) is never stored.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse

GENERATION_KEY = "ttdn:portal:generation"
_STORABLE = "_ttdn_portal_storable"
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Cache-Control", "Vary", "X-Frame-Options",
                 "Link")


def _shared():
    return caches["shared"] if "shared" in settings.CACHES else caches["default"]


def _pages():
    return caches["portal_pages"] if "portal_pages" in settings.CACHES else caches["default"]


def seconds() -> int:
    return int(getattr(settings, "TTDN_PORTAL_CACHE_SECONDS", 600))


# The generation this process last read, and until when it trusts it.
_local = {"generation": 0, "until": 0.0}


def _new_generation() -> int:
    # Never one used before, even if the counter was lost (a culled cache row, a restarted
    # Redis): entries stored under an older generation may still be alive.
    return time.time_ns()


def _generation() -> int:
    now = time.monotonic()
    if now >= _local["until"]:
        shared = _shared()
        value = shared.get(GENERATION_KEY)
        if value is None:
            shared.add(GENERATION_KEY, _new_generation(), timeout=None)
            value = shared.get(GENERATION_KEY)
        _local["generation"] = int(value or 0)
        _local["until"] = now + float(getattr(settings, "TTDN_PORTAL_GENERATION_SECONDS", 0.5))
    return _local["generation"]


def purge() -> None:
    """Every cached page is stale from now on, and again once the change is committed: a page
    that another process rendered in between, from the rows as they were before the change,
    was stored under the new generation and must not outlive it."""
    _bump()
    if connection.in_atomic_block:  # else the change is committed already
        transaction.on_commit(_bump)


def _bump() -> None:
    _shared().set(GENERATION_KEY, _new_generation(), timeout=None)
    _local["until"] = 0.0  # this process sees its own publication at once


def eligible(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _key(request) -> str:
    host = request.get_host().lower()
    generation = _generation()
    digest = hashlib.sha256(f"{host}|{request.path}".encode()).hexdigest()[:40]
    return f"ttdn:portal:page:{generation}:{digest}"


def mark_storable(response) -> None:
    setattr(response, _STORABLE, True)


def lookup(request) -> HttpResponse | None:
    entry = _pages().get(_key(request))
    if entry is None:
        return None
    content, headers = entry
    response = HttpResponse(content if request.method == "GET" else b"")
    for name, value in headers:
        response[name] = value
    # CommonMiddleware sets it on a rendered page, but a hit never reaches it: without it
    # gunicorn sends the page chunked.
    response["Content-Length"] = str(len(content))
    response["X-Cache"] = "hit"
    return response


def store(request, response) -> None:
    if not getattr(response, _STORABLE, False) or response.status_code != 200:
        return
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return
    if getattr(response, "streaming", False):
        return
    headers = [(name, response[name]) for name in _KEPT_HEADERS if response.has_header(name)]
    _pages().set(_key(request), (response.content, headers), timeout=seconds())


class PageCacheMiddleware:
    """Placed right after WhiteNoise: a cached page skips sessions, authentication and the rest;
    security headers (outer middleware) are still added to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not eligible(request):
            return self.get_response(request)
        cached = lookup(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        store(request, response)
        return response

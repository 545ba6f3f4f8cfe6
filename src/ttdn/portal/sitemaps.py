"""The addresses that belong to a site rather than to a page: ``/sitemap.xml`` and
``/robots.txt``, for the site the request's host names (``Site.find_for_request``).

The sitemap lists every live public page of the site in every language, each with its
translations as ``<xhtml:link rel="alternate" hreflang="…">`` (itself included) and
``x-default`` for the Vietnamese page, then the desk's published clarifications the site shows
(``portal.clarifications.published_for``). Wagtail's own sitemap knows nothing of hreflang, and
one file is enough: a commune's site stays far under the protocol's 50,000 addresses.

Both are stored by the page cache (:mod:`.cache`) and purged with it on publish.
"""

import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from urllib.parse import urljoin

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.xmlutils import SimplerXMLGenerator
from wagtail.models import Page, Site

from . import cache
from .feeds import published_clarifications
from .languages import content_languages, default_language
from .models import ClarificationIndexPage, HomePage

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass
class SitemapEntry:
    location: str
    lastmod: object = None
    alternates: list[tuple[str, str]] = field(default_factory=list)


def site_homes(site: Site):
    """The site's home page in every language (live ones only)."""
    root = site.root_page
    if root.depth < 2:  # a site whose portal is not set up yet
        return Page.objects.none()
    return (Page.objects.filter(translation_key=root.translation_key, depth=root.depth)
            .live().select_related("locale").order_by("path"))


def site_pages(site: Site):
    """Every live public page of the site in every language, home pages first, in tree order."""
    roots = list(site_homes(site))
    if not roots:
        return Page.objects.none()
    within = reduce(or_, (Q(path__startswith=root.path) for root in roots))
    return (Page.objects.filter(within).live().public().select_related("locale")
            .order_by("path").defer_streamfields().specific())


def sitemap_entries(site: Site, request=None) -> list[SitemapEntry]:
    pages = [page for page in site_pages(site) if page.get_url_parts(request)]
    versions = defaultdict(dict)
    for page in pages:
        versions[page.translation_key][page.locale.language_code] = page.get_full_url(request)
    entries = [
        SitemapEntry(
            location=versions[page.translation_key][page.locale.language_code],
            lastmod=page.last_published_at or page.latest_revision_created_at,
            alternates=_alternates(versions[page.translation_key]),
        )
        for page in pages
    ]
    return entries + _clarification_entries(pages)


def _alternates(urls: dict[str, str]) -> list[tuple[str, str]]:
    """hreflang pairs for one page's versions ({language: url}): each language, then
    x-default (the Vietnamese page); none for a page in one language only."""
    if len(urls) < 2:
        return []
    alternates = [(language, urls[language]) for language in content_languages()
                  if language in urls]
    if default_language() in urls:
        alternates.append(("x-default", urls[default_language()]))
    return alternates


def _clarification_entries(pages) -> list[SitemapEntry]:
    """The published clarifications of each language's section, paired across languages by
    the clarification they show."""
    items, versions = [], defaultdict(dict)
    for index in pages:
        if not isinstance(index, ClarificationIndexPage):
            continue
        root = index.get_full_url()
        for item in published_clarifications(index):
            location = urljoin(root, item.url)
            key = getattr(item, "clarification_id", None) or location
            versions[key][index.locale.language_code] = location
            items.append((key, location, item.published_at))
    entries, seen = [], set()
    for key, location, published_at in items:
        if location not in seen:
            seen.add(location)
            entries.append(SitemapEntry(location=location, lastmod=published_at,
                                        alternates=_alternates(versions[key])))
    return entries


def render_sitemap(entries: list[SitemapEntry]) -> str:
    stream = io.StringIO()
    xml = SimplerXMLGenerator(stream, "utf-8")
    xml.startDocument()
    xml.startElement("urlset", {"xmlns": SITEMAP_NS, "xmlns:xhtml": XHTML_NS})
    for entry in entries:
        xml.startElement("url", {})
        xml.addQuickElement("loc", entry.location)
        if entry.lastmod:
            moment = entry.lastmod.astimezone(datetime.UTC).replace(microsecond=0)
            xml.addQuickElement("lastmod", moment.isoformat())
        for language, href in entry.alternates:
            xml.addQuickElement("xhtml:link", attrs={
                "rel": "alternate", "hreflang": language, "href": href,
            })
        xml.endElement("url")
    xml.endElement("urlset")
    xml.endDocument()
    return stream.getvalue()


def _site_of(request) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def sitemap_view(request):
    site = _site_of(request)
    body = render_sitemap(sitemap_entries(site, request))
    response = HttpResponse(body, content_type="application/xml; charset=utf-8")
    cache.mark_storable(response)
    return response


# robots.txt --------------------------------------------------------------------------------

# Back office, API and sign-in: nothing for a search engine.
PRIVATE_PREFIXES = ["/admin/", "/api/", "/account/"]
# The desk's receipt and status pages: one reader's own tip (cases/urls_public.py).
_TIP_ROUTES = [("receipt", {"receipt": "x"}), ("lookup", {})]


def disallowed_paths(site: Site, request=None) -> list[str]:
    """The path prefixes robots are asked to leave alone: the back office, the API, the search
    route of each language's home page, the tip receipts and status pages."""
    paths = list(PRIVATE_PREFIXES)
    for home in site_homes(site).specific():
        if not isinstance(home, HomePage):
            continue
        parts = home.get_url_parts(request)
        if parts and parts[2]:
            paths.append(parts[2] + home.reverse_subpage("search"))
    for language in content_languages():
        for name, kwargs in _TIP_ROUTES:
            try:
                url = reverse(f"cases_public:{name}-{language}", kwargs=kwargs)
            except NoReverseMatch:
                continue
            if kwargs:  # keep the prefix, not the sample receipt
                url = url.rstrip("/").rsplit("/", 1)[0] + "/"
            paths.append(url)
    return list(dict.fromkeys(paths))


def render_robots(site: Site, request=None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in disallowed_paths(site, request)]
    lines += ["", f"Sitemap: {site.root_url}/sitemap.xml", ""]
    return "\n".join(lines)


def robots_view(request):
    site = _site_of(request)
    response = HttpResponse(render_robots(site, request), content_type="text/plain; charset=utf-8")
    cache.mark_storable(response)
    return response

"""What the portal offers to other programs: RSS and Atom per section and language, and the
newsletter digest (``ban-tin/`` under each language's home page).

Both read the same :class:`Entry` list (:func:`section_entries`): a news or statements section's
live public children, newest first, or, for the clarifications section (which has no child
pages), the desk's published clarifications for the commune, read through
``portal.clarifications.published_for(index)`` — an iterable, newest first, of objects with
``title``, ``url`` (absolute, or a path on the site), ``summary`` and ``published_at``
(optionally ``updated_at`` and ``category``).

A feed is in its section's language: the English index page gives the English feed. Every link
is absolute, on the site's own address (``Site.root_url``), as feed readers and mail clients
need.

The digest, format ``ttdn.portal.digest/1`` (JSON, UTF-8)::

    {"format": "ttdn.portal.digest/1", "language": "vi",
     "site": {"name": "Xã Cẩm Tân", "url": "https://…/"},
     "since": "2026-11-20", "generated_at": "2026-11-27T09:30:00+07:00",
     "sections": [{"kind": "news" | "statements" | "clarifications", "title": "Tin tức",
                   "url": "https://…/tin-tuc/",
                   "feeds": {"rss": "https://…/tin-tuc/rss/", "atom": "https://…/tin-tuc/atom/"},
                   "items": [{"title": …, "summary": …, "url": "https://…",
                              "published": "2026-11-26T08:00:00+07:00",
                              "updated": "…" | null, "category": "…"}]}],
     "translations": {"en": "https://…/en/ban-tin/?since=2026-11-20"}}

``?since=YYYY-MM-DD`` (default: seven days ago) keeps the items published on or after that day
(at most :data:`DIGEST_LIMIT` per section, newest first); a malformed date answers 400 with
``{"format": …, "error": "…"}``.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin

from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .models import (
    ClarificationIndexPage,
    NewsIndexPage,
    NewsPage,
    StatementIndexPage,
    StatementPage,
)

FEED_LENGTH = 20
DIGEST_FORMAT = "ttdn.portal.digest/1"
DIGEST_DAYS = 7
DIGEST_LIMIT = 50
FEED_CLASSES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}
# The sections that have feeds, by the name the digest gives their kind.
SECTION_KINDS = {
    NewsIndexPage: "news",
    StatementIndexPage: "statements",
    ClarificationIndexPage: "clarifications",
}
_CHILD_MODELS = {NewsIndexPage: NewsPage, StatementIndexPage: StatementPage}


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    summary: str
    published: datetime.datetime
    updated: datetime.datetime | None
    category: str

    def as_json(self) -> dict:
        return {
            "title": self.title,
            "summary": self.summary,
            "url": self.url,
            "published": _moment(self.published),
            "updated": _moment(self.updated) if self.updated else None,
            "category": self.category,
        }


def _moment(value: datetime.datetime) -> str:
    return timezone.localtime(value).replace(microsecond=0).isoformat()


# Reading a section -------------------------------------------------------------------------


def site_root_url(page, request=None) -> str:
    """The scheme and host (no trailing slash) the page's own URLs are built on."""
    parts = page.get_url_parts(request)
    if parts and parts[1]:
        return parts[1]
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return ""


def published_clarifications(index):
    """The desk's published clarifications for this index's commune, or nothing while the
    clarifications module does not offer them."""
    from . import clarifications

    published_for = getattr(clarifications, "published_for", None)
    return [] if published_for is None else published_for(index)


def section_entries(index, request=None, *, limit=FEED_LENGTH, since=None) -> list[Entry]:
    """The section's latest items, newest first; ``since`` (a date) keeps those published on
    or after that day."""
    index = index.specific
    root = site_root_url(index, request)
    if isinstance(index, ClarificationIndexPage):
        return _clarification_entries(index, root, limit=limit, since=since)
    model = _CHILD_MODELS.get(type(index))
    if model is None:
        return []
    pages = model.objects.child_of(index).live().public()
    if since is not None:
        pages = pages.filter(date__gte=since)
    if model is NewsPage:
        pages = pages.select_related("category")
    pages = pages.order_by("-date", "-first_published_at", "-pk")[:limit]
    return [_page_entry(page, index, request) for page in pages]


def _page_entry(page, index, request) -> Entry:
    category = getattr(page, "category", None)
    return Entry(
        title=page.title,
        url=page.get_full_url(request),
        summary=page.summary or Truncator(page.body_text()).words(50),
        published=_published_at(page),
        updated=page.last_published_at,
        category=category.name if category is not None else index.title,
    )


def _published_at(page) -> datetime.datetime:
    """The page's date as a moment: its first publication when that fell on the same day,
    else the start of the day (the date an editor sets may differ from the publication)."""
    first = page.first_published_at
    if first is not None and timezone.localdate(first) == page.date:
        return first
    midnight = datetime.datetime.combine(page.date, datetime.time.min)
    return timezone.make_aware(midnight)


def _clarification_entries(index, root, *, limit, since) -> list[Entry]:
    entries = []
    for item in published_clarifications(index):
        published = item.published_at
        if since is not None and timezone.localdate(published) < since:
            continue
        entries.append(Entry(
            title=item.title,
            url=urljoin(root + "/", item.url),
            summary=item.summary or "",
            published=published,
            updated=getattr(item, "updated_at", None),
            category=str(getattr(item, "category", "") or getattr(item, "verdict_label", "")
                         or index.title),
        ))
        if len(entries) >= limit:
            break
    entries.sort(key=lambda entry: entry.published, reverse=True)
    return entries


def subpage_url(page, name: str, request=None) -> str:
    """Absolute URL of one of a routable page's own routes (``rss``, ``digest``…)."""
    return page.get_full_url(request) + page.reverse_subpage(name)


# Feeds -------------------------------------------------------------------------------------


def section_feed(request, index, kind):
    """RSS 2.0 or Atom of a section, in the section's language."""
    feed_class = FEED_CLASSES.get(kind)
    if feed_class is None or type(index.specific) not in SECTION_KINDS:
        raise Http404
    index = index.specific
    language = index.locale.language_code
    with translation.override(language):
        home = index.get_site_home()
        site_name = home.title if home else ""
        index_url = index.get_full_url(request)
        feed = feed_class(
            title=f"{index.title} – {site_name}" if site_name else index.title,
            link=index_url,
            description=index.summary or _(
                "Tin mới nhất của mục “%(section)s” trên trang thông tin điện tử %(site)s."
            ) % {"section": index.title, "site": site_name},
            language=language,
            feed_url=subpage_url(index, kind, request),
            feed_guid=index_url,
            author_name=site_name or None,
        )
        for entry in section_entries(index, request):
            feed.add_item(
                title=entry.title,
                link=entry.url,
                description=entry.summary,
                unique_id=entry.url,
                unique_id_is_permalink=True,
                pubdate=entry.published,
                updateddate=entry.updated or entry.published,
                categories=[entry.category] if entry.category else None,
            )
    response = HttpResponse(content_type=feed.content_type)
    response["Content-Language"] = language
    feed.write(response, "utf-8")
    return response


def feed_sections(home):
    """The home page's sections that have feeds, in the order of the page tree."""
    children = home.get_children().live().public().specific().order_by("path")
    return [page for page in children if type(page) in SECTION_KINDS]


# Digest ------------------------------------------------------------------------------------


def parse_since(value: str | None) -> datetime.date:
    if not value:
        return timezone.localdate() - datetime.timedelta(days=DIGEST_DAYS)
    return datetime.date.fromisoformat(value.strip())


def digest(home, request=None, *, since: datetime.date) -> dict:
    """The latest items of each section of ``home``'s language tree since ``since``."""
    language = home.locale.language_code
    sections = []
    for index in feed_sections(home):
        sections.append({
            "kind": SECTION_KINDS[type(index)],
            "title": index.title,
            "url": index.get_full_url(request),
            "feeds": {kind: subpage_url(index, kind, request) for kind in FEED_CLASSES},
            "items": [entry.as_json() for entry in
                      section_entries(index, request, limit=DIGEST_LIMIT, since=since)],
        })
    query = urlencode({"since": since.isoformat()})
    translations = {
        page.locale.language_code: f"{subpage_url(page, 'digest', request)}?{query}"
        for page in home.get_translations().live().select_related("locale").specific()
    }
    return {
        "format": DIGEST_FORMAT,
        "language": language,
        "site": {"name": home.title, "url": home.get_full_url(request)},
        "since": since.isoformat(),
        "generated_at": _moment(timezone.now()),
        "sections": sections,
        "translations": translations,
    }


def digest_view(request, home):
    home = home.specific
    with translation.override(home.locale.language_code):
        try:
            since = parse_since(request.GET.get("since"))
        except ValueError:
            return JsonResponse(
                {"format": DIGEST_FORMAT,
                 "error": _("Ngày “since” không hợp lệ; hãy ghi theo dạng năm-tháng-ngày, ví dụ "
                            "2026-11-20.")},
                status=400, json_dumps_params={"ensure_ascii": False},
            )
        data = digest(home, request, since=since)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Language"] = data["language"]
    return response

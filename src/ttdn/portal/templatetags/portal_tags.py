"""What the portal's templates need beyond Django's and Wagtail's tags: the home page of the
reader's language, the language switcher and hreflang alternates, breadcrumbs, the theme's
colours, dates in the reader's language, social-sharing metadata and schema.org JSON-LD.

Everything here reads; nothing writes. The pages are cached whole (cache.py), so no tag may
depend on the reader (no CSRF token, no CSP nonce, no session).
"""

import json
import re
import time
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote, urlencode, urljoin

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import dateformat, formats, timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from ttdn.portal import cache
from ttdn.portal.languages import content_languages, default_language
from ttdn.portal.models import HomePage

register = template.Library()

# Escapes for JSON inside <script>: the same as Django's json_script.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
FALLBACK_COLOUR = "#1d4f91"
# Open Graph wants a territory; a language not listed here is given as its code.
OG_LOCALES = {"vi": "vi_VN", "en": "en_US", "fr": "fr_FR", "zh-hans": "zh_CN", "ko": "ko_KR",
              "ja": "ja_JP", "de": "de_DE", "ru": "ru_RU"}
# Dates: "27/11/2026" in Vietnamese, "27 November 2026" in English (Django's own formats give
# "Ngày 27 tháng 11 năm 2026" and "Nov. 27, 2026").
DATE_FORMATS = {"vi": "d/m/Y", "en": "j F Y"}
SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg"


def _language() -> str:
    language = translation.get_language() or default_language()
    return language if language in content_languages() else default_language()


def _language_name(code: str) -> str:
    return dict(settings.WAGTAIL_CONTENT_LANGUAGES).get(code, code)


# The home page, the settings, the sections ----------------------------------------------


@register.simple_tag(takes_context=True)
def portal_home_for(context):
    """The home page of the reader's language: the context's ``portal_home`` when a page set
    it, else that of ``page``, else the request's site's home in the active language."""
    home = context.get("portal_home")
    if home is not None:
        return home
    page = context.get("page")
    if isinstance(page, Page):
        specific = page.specific
        if hasattr(specific, "get_site_home"):
            return specific.get_site_home()
        return Page.objects.ancestor_of(page, inclusive=True).filter(depth=2).specific().first()
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None or site.root_page_id is None:
        return None
    home = site.root_page.localized.specific
    return home if isinstance(home, HomePage) else None  # a site without a commune's portal


@register.simple_tag(takes_context=True)
def portal_settings(context):
    from ttdn.portal.models import PortalSettings

    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return None
    return PortalSettings.for_request(request)


@register.simple_tag
def theme_palette(colour):
    """The theme colour, a darker shade (footer, visited, text on tints) and a light tint, all
    computed here: no ``color-mix`` for contrast checkers to guess at."""
    colour = colour if isinstance(colour, str) and _HEX_COLOUR.match(colour) else FALLBACK_COLOUR
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]

    def mix(towards: int, share: float) -> str:
        return "#" + "".join(f"{round(c + (towards - c) * share):02x}" for c in rgb)

    return {"base": colour.lower(), "dark": mix(0, 0.35), "tint": mix(255, 0.92),
            "soft": mix(255, 0.8)}


# home page id → (the page cache's generation, when read, its live public children, specific)
_sections: dict[int, tuple[int, float, list[Page]]] = {}
SECTIONS_MAX_AGE = 300  # seconds: read again at the latest after this, whatever happened


def _sections_of(home) -> list[Page]:
    """The home page's live, public children, in the tree's order, as their own types: what
    the frame of every page (menu, footer, feeds) asks for. Kept by each process until the
    page cache's generation changes (a page published, unpublished, moved or deleted, a view
    restriction changed: cache.py), as the cached pages are, and at most ``SECTIONS_MAX_AGE``:
    read once per change and process instead of two queries for each ``section`` and for the
    menu on every page. The pages are only read from (URLs, titles), never changed."""
    generation, now = cache._generation(), time.monotonic()
    held = _sections.get(home.pk)
    if held is not None and held[0] == generation and now - held[1] < SECTIONS_MAX_AGE:
        return held[2]
    children = list(home.get_children().live().public().specific())
    _sections[home.pk] = (generation, now, children)
    return children


@register.simple_tag
def section(home, model_name):
    """The home page's first live child of a section type ("newsindexpage" …), or None."""
    if home is None:
        return None
    return next((child for child in _sections_of(home)
                 if child._meta.model_name == model_name), None)


@register.simple_tag(takes_context=True)
def main_menu(context, home):
    """The home page's live children shown in menus, each marked when the reader is in it."""
    if home is None:
        return []
    page = context.get("page")
    current_path = page.url_path if isinstance(page, Page) else ""
    return [{"page": item, "is_current": current_path.startswith(item.url_path)}
            for item in _sections_of(home) if item.show_in_menus]


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context):
    """The page's ancestors from the home page down, then the page itself."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(Page.objects.ancestor_of(page, inclusive=True).filter(depth__gte=2))


# Languages ------------------------------------------------------------------------------


def _path_suffix(page, request) -> str:
    """The part of the address after the page's own (a routable page's sub-view: "rss/")."""
    if request is None:
        return ""
    parts = page.get_url_parts(request)
    page_path = parts[2] if parts else None
    if page_path and request.path.startswith(page_path):
        return request.path[len(page_path):]
    return ""


def _live_translations(page, context) -> dict:
    """{language code: page} for the page and every live, public translation of it (read once
    per request: the switcher and the alternates both ask)."""
    request = context.get("request")
    memo = {} if request is None else request.__dict__.setdefault("_portal_translations", {})
    if page.pk not in memo:
        translations = (page.get_translations(inclusive=True).live().public()
                        .select_related("locale"))
        memo[page.pk] = {item.locale.language_code: item for item in translations}
    return memo[page.pk]


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per content language: the same page in that language when a live translation
    exists (a sub-view keeps its own part of the address), else that language's home page."""
    request = context.get("request")
    page = context.get("page")
    home = portal_home_for(context)
    current = _language()
    translations = _live_translations(page, context) if isinstance(page, Page) else {}
    homes = _live_translations(home, context) if home is not None else {}
    suffix = _path_suffix(page, request) if isinstance(page, Page) else ""
    links = []
    for code in content_languages():
        entry = {"code": code, "name": _language_name(code), "is_current": code == current,
                 "url": None, "is_home": False}
        if code in translations:
            entry["url"] = translations[code].get_url(request) + suffix
        elif code in homes:
            entry["url"] = homes[code].get_url(request)
            entry["is_home"] = True
            with translation.override(code):
                entry["note"] = _("trang chủ")
        links.append(entry)
    return links


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """hreflang alternates: every live translation of the page (itself included), full
    addresses, and ``x-default`` for the default language's."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        return []
    suffix = _path_suffix(page, request)
    translations = _live_translations(page, context)
    links = []
    for code in content_languages():
        if code in translations:
            links.append({"hreflang": code,
                          "url": translations[code].get_full_url(request) + suffix})
    default = translations.get(default_language())
    if default is not None and len(links) > 1:
        links.append({"hreflang": "x-default", "url": default.get_full_url(request) + suffix})
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        return ""
    full = page.get_full_url(request)
    return (full + _path_suffix(page, request)) if full else ""


@register.simple_tag
def lang_attr(code):
    """` lang="vi"` when text in ``code`` sits in a page of another language, else nothing."""
    if not code or code == _language():
        return ""
    return format_html(' lang="{}"', code)


# Dates ----------------------------------------------------------------------------------


@register.filter
def portal_date(value):
    """27/11/2026 in Vietnamese, 27 November 2026 in English (the active language)."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    language = _language()
    return dateformat.format(value, DATE_FORMATS.get(language, DATE_FORMATS["en"]))


@register.filter
def iso_date(value):
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, date) else ""


# Numbers ---------------------------------------------------------------------------------


@register.filter
def coordinate(value):
    """20.2105: a coordinate with a decimal point in every language (a comma would run into
    the one between latitude and longitude), no trailing zeros."""
    if value is None or value == "":
        return ""
    return format(Decimal(str(value)).normalize(), "f")


@register.filter
def plain_number(value):
    """12,5 in Vietnamese and 12.5 in English: no trailing zeros, the language's separator."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    number = number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()
    return formats.number_format(number, use_l10n=True)


# Sharing and links --------------------------------------------------------------------


def _share_image(page):
    for name in ("share_image", "image"):
        image = getattr(page, name, None)
        if image is not None:
            return image
    gallery = getattr(page, "gallery_images", None)
    if gallery is not None:
        first = gallery.select_related("image").first()
        if first is not None:
            return first.image
    return None


def _absolute(request, page, url):
    base = page.get_full_url(request) if isinstance(page, Page) else None
    if base:
        return urljoin(base, url)
    return request.build_absolute_uri(url) if request is not None else url


@register.simple_tag(takes_context=True)
def social_meta(context):
    """Open Graph and Twitter card values for the page (or a sub-view that set ``meta_title``,
    ``meta_description``)."""
    request = context.get("request")
    page = context.get("page")
    home = portal_home_for(context)
    language = _language()
    meta = {
        "title": context.get("meta_title") or ((page.seo_title or page.title) if page else ""),
        "description": context.get("meta_description") or (
            (getattr(page, "search_description", "") or getattr(page, "summary", ""))
            if page else ""
        ),
        "site_name": home.title if home else "",
        "url": canonical_url(context),
        "type": "article" if type(page).__name__ in ("NewsPage", "StatementPage")
        else "website",
        "locale": OG_LOCALES.get(language, language.replace("-", "_")),
        "locale_alternates": [OG_LOCALES.get(code, code.replace("-", "_"))
                              for code in content_languages() if code != language],
        "image": None,
    }
    image = _share_image(page.specific) if isinstance(page, Page) else None
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE_SPEC)
        meta["image"] = {"url": _absolute(request, page, rendition.url), "width": rendition.width,
                         "height": rendition.height, "alt": rendition.alt}
    return meta


@register.simple_tag(takes_context=True)
def share_links(context):
    """Plain links to share the page: no script, nothing loaded from elsewhere until the
    reader follows one."""
    url = canonical_url(context)
    page = context.get("page")
    title = page.title if page else ""
    return [
        {"name": "Facebook",
         "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})},
        {"name": "X", "url": "https://x.com/intent/post?" + urlencode({"url": url,
                                                                        "text": title})},
        {"name": "LinkedIn",
         "url": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})},
        {"name": _("Thư điện tử"),
         "url": f"mailto:?subject={quote(title)}&body={quote(url)}"},
    ]


@register.simple_tag
def osm_url(latitude, longitude):
    """The point on OpenStreetMap (a link; no map is embedded)."""
    if latitude is None or longitude is None:
        return ""
    latitude, longitude = coordinate(latitude), coordinate(longitude)
    return (f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}"
            f"#map=15/{latitude}/{longitude}")


@register.simple_tag(takes_context=True)
def link_url(context, value):
    """A quick link's address: its page in the reader's language if it has one, else its URL."""
    page = value.get("page")
    if page is not None:
        return page.localized.get_url(context.get("request")) or ""
    return value.get("url") or ""


# JSON-LD --------------------------------------------------------------------------------


@register.simple_tag
def json_ld(data) -> SafeString:
    """``<script type="application/ld+json">``: JSON escaped for a script element as Django's
    ``json_script`` does, so no text can close the element. A data block, never executed, so
    it needs no CSP nonce and the page stays cacheable."""
    if not data:
        return ""
    escaped = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _SCRIPT_ESCAPES
    )
    # Reviewed: JSON escaped for a <script> element, as json_script does.
    safe = mark_safe(escaped)  # noqa: S308  # nosec B308 B703  # nosemgrep: mark-safe-on-input
    return format_html('<script type="application/ld+json">{}</script>', safe)


@register.simple_tag
def authority_name(home):
    """"UBND xã Cẩm Tân": the body that runs the site, in the active language."""
    commune = getattr(home, "commune", None)
    if commune is None:
        return home.title if home is not None else ""
    from ttdn.cases.claimreview import authority_name as name_of

    return name_of(commune)


def _organisation(context) -> dict:
    request = context.get("request")
    home = portal_home_for(context)
    options = portal_settings(context)
    if home is None:
        return {}
    name = home.title
    commune = getattr(home, "commune", None)
    if commune is not None:
        from ttdn.cases.claimreview import authority_name

        name = authority_name(commune)
    data = {"@type": "GovernmentOrganization", "name": name, "url": home.get_full_url(request)}
    if options is not None:
        english = _language() != default_language()
        address = (options.address_en if english else "") or options.address
        if address:
            data["address"] = {"@type": "PostalAddress", "streetAddress": address,
                               "addressCountry": "VN"}
        if options.phone:
            data["telephone"] = options.phone
        if options.email:
            data["email"] = options.email
        if options.logo is not None:
            rendition = options.logo.get_rendition("height-256|format-png")
            data["logo"] = _absolute(request, home, rendition.url)
    return data


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    data = _organisation(context)
    return json_ld({"@context": "https://schema.org", **data}) if data else ""


@register.simple_tag(takes_context=True)
def news_article_json_ld(context):
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page):
        return ""
    page = page.specific
    published = page.first_published_at or timezone.now()
    modified = page.last_published_at or published
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "datePublished": getattr(page, "date", None) or timezone.localtime(published),
        "dateModified": timezone.localtime(modified),
        "inLanguage": page.locale.language_code,
        "mainEntityOfPage": page.get_full_url(request),
        "publisher": _organisation(context),
        "author": _organisation(context),
    }
    if page.summary:
        data["description"] = page.summary
    image = _share_image(page)
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE_SPEC)
        data["image"] = [_absolute(request, page, rendition.url)]
    return json_ld(data)

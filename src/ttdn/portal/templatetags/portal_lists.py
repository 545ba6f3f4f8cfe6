"""The portal's listings and pictures: the latest news and statements a home page shows, the
related news under an article, page numbers for a paginator, and responsive images (a WebP
source and a JPEG fallback, one candidate per width)."""

from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html
from wagtail.images.shortcuts import get_renditions_or_not_found

register = template.Library()


# Lists ------------------------------------------------------------------------------------


@register.simple_tag
def latest_news(home, count=4):
    from ttdn.portal.models import NewsPage

    if home is None:
        return []
    news = (NewsPage.objects.descendant_of(home).live().public()
            .select_related("category", "image").prefetch_related("image__renditions"))
    return list(news.order_by("-date", "-pk")[:count])


@register.simple_tag
def latest_statements(home, count=3):
    from ttdn.portal.models import StatementPage

    if home is None:
        return []
    return list(StatementPage.objects.descendant_of(home).live().public()
                .order_by("-date", "-pk")[:count])


@register.simple_tag
def related_news(page, count=3):
    """Other news of the same section: the same category first, then the latest."""
    from ttdn.portal.models import NewsPage

    others = (NewsPage.objects.sibling_of(page, inclusive=False).live().public()
              .select_related("category", "image").order_by("-date", "-pk"))
    related = list(others.filter(category=page.category_id)[:count]) if page.category_id else []
    if len(related) < count:
        seen = [item.pk for item in related]
        related += list(others.exclude(pk__in=seen)[:count - len(related)])
    return related


@register.simple_tag
def page_range(items):
    """Page numbers with ellipses (Django's elided range) for a paginator's page."""
    if items is None or not hasattr(items, "paginator"):
        return []
    return list(items.paginator.get_elided_page_range(items.number, on_each_side=1,
                                                      on_ends=1))


# Responsive images -----------------------------------------------------------------------

PICTURE_FORMATS = ("webp", "jpeg")


def _distinct_widths(renditions):
    """Renditions of distinct widths, narrowest first (Wagtail does not upscale, so a small
    original gives several renditions of the same width: one each is enough)."""
    seen, kept = set(), []
    for rendition in sorted(renditions, key=lambda r: r.width):
        if rendition.width not in seen:
            seen.add(rendition.width)
            kept.append(rendition)
    return kept


def _srcset(renditions):
    if len(renditions) == 1:
        return renditions[0].url
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


@register.simple_tag
def responsive_image(image, specs, sizes="100vw", loading="lazy", fetchpriority=""):
    """``<picture>`` with a WebP source and a JPEG fallback, one rendition per spec
    ("width-480 width-800" or "fill-400x225 fill-800x450"), width and height on the <img>,
    the block's or the image's alt text; lazy below the fold unless ``loading=""``."""
    if not image:
        return ""
    spec_list = specs.split()
    wanted = [f"{spec}|format-{fmt}" for fmt in PICTURE_FORMATS for spec in spec_list]
    renditions = get_renditions_or_not_found(image, wanted)
    by_format = {
        fmt: _distinct_widths([renditions[f"{spec}|format-{fmt}"] for spec in spec_list])
        for fmt in PICTURE_FORMATS
    }
    fallback = by_format["jpeg"]
    img_attrs = {
        "src": fallback[0].url, "srcset": _srcset(fallback) if len(fallback) > 1 else None,
        "sizes": sizes if len(fallback) > 1 else None, "width": fallback[0].width,
        "height": fallback[0].height, "alt": fallback[0].alt, "loading": loading or None,
        "decoding": "async" if loading else None, "fetchpriority": fetchpriority or None,
    }
    source_attrs = {"type": "image/webp", "srcset": _srcset(by_format["webp"]),
                    "sizes": sizes if len(by_format["webp"]) > 1 else None}
    return format_html("<picture><source{}><img{}></picture>", flatatt(source_attrs),
                       flatatt(img_attrs))

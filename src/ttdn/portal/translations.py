"""Translations that are out of date: the source page (the default language's page with the
same translation key) was published after the translation was last published — the Vietnamese
text changed and the English reader still sees the old one."""

from django.db.models import F, OuterRef, Q, Subquery
from wagtail.models import Locale, Page


def _trees(communes) -> Q:
    """The communes' page trees, in every language (each language has its own home page)."""
    roots = Page.objects.filter(sites_rooted_here__commune__in=communes)
    homes = Page.objects.filter(translation_key__in=roots.values("translation_key"), depth=2)
    condition = Q(pk__in=[])
    for path in homes.values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


def out_of_date(communes) -> list[tuple[Page, Page]]:
    """(translation, source) pairs of live translations older than their source."""
    default = Locale.get_default()
    sources = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=default)
    stale = list(
        Page.objects.filter(_trees(communes), live=True)
        .exclude(locale=default)
        .annotate(source_published=Subquery(sources.values("last_published_at")[:1]),
                  source_id=Subquery(sources.values("pk")[:1]))
        .filter(source_published__gt=F("last_published_at"))
        .select_related("locale")
        .order_by("-source_published")
    )
    sources_by_id = Page.objects.in_bulk([page.source_id for page in stale])
    return [(page, sources_by_id[page.source_id]) for page in stale]


def is_out_of_date(page: Page) -> bool:
    default = Locale.get_default()
    if page.locale_id == default.pk or not page.live or page.last_published_at is None:
        return False
    published = (
        Page.objects.filter(translation_key=page.translation_key, locale=default)
        .values_list("last_published_at", flat=True).first()
    )
    return bool(published and published > page.last_published_at)

"""What the public pages read: listings, the organisation, the latest of each section."""

from django.core.paginator import Paginator

from ttdn.org.models import Membership, Role

PAGE_SIZE = 12


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def news_listing(index, request) -> dict:
    from .models import NewsCategory, NewsPage

    news = NewsPage.objects.child_of(index).live().public().select_related("category", "image")
    category = None
    slug = request.GET.get("chuyen-muc") or request.GET.get("category")
    if slug:
        category = NewsCategory.objects.filter(slug=slug, locale_id=index.locale_id).first()
        if category is not None:
            news = news.filter(category=category)
    categories = NewsCategory.objects.filter(locale_id=index.locale_id)
    return {
        "items": paginate(request, news.order_by("-date", "-pk")),
        "categories": categories,
        "category": category,
    }


def organisation(commune) -> dict:
    if commune is None:
        return {"units": [], "leaders": []}
    leaders = (
        Membership.objects.filter(
            unit__commune=commune, is_active=True,
            role__in=[Role.CHAIRMAN, Role.VICE_CHAIRMAN],
        ).select_related("user", "unit").order_by("role", "user__last_name")
    )
    units = commune.units.filter(is_active=True).order_by("sort_key", "name")
    return {"units": units, "leaders": leaders}

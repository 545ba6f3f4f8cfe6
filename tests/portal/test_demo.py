"""The demo portals of Cẩm Tân and Cẩm Thạch: filled once, in Vietnamese and English, every page
marked as a sample, nothing claimed about the real communes."""

import pytest
from django.db import transaction
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision

from ttdn.org.demo import load_demo
from ttdn.org.models import Commune
from ttdn.portal import translations
from ttdn.portal.demo import load_demo_portal
from ttdn.portal.models import (
    ContentPage,
    GalleryImage,
    HomePage,
    InvestmentIndexPage,
    InvestmentProjectPage,
    NewsCategory,
    NewsPage,
    OrganisationPage,
    PortalSettings,
    StatementPage,
    contrast_with_white,
)

# Pages whose texts could carry facts (the section indexes only name their section).
FACT_BEARING = (HomePage, NewsPage, ContentPage, InvestmentIndexPage, InvestmentProjectPage,
                StatementPage, OrganisationPage)


@pytest.fixture(scope="module")
def demo_portal(django_db_setup, django_db_blocker):
    """The organisation demo and the portal step, run once for this module (about 10 s of
    Wagtail saving, indexing and publishing 116 pages) and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        lines = load_demo_portal()
        yield lines
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_portal, db):
    communes = list(Commune.objects.filter(area__code__in=[15178, 15142]).select_related("site"))
    return demo_portal, communes


def _tree(home, locale=None):
    pages = Page.objects.descendant_of(home, inclusive=True)
    return pages.filter(locale=locale) if locale else pages


def _snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "live": list(Page.objects.order_by("pk").values_list("pk", "live_revision_id")),
        "categories": NewsCategory.objects.count(),
        "images": get_image_model().objects.count(),
        "gallery": GalleryImage.objects.count(),
        "settings": list(PortalSettings.objects.order_by("pk").values()),
    }


def test_running_the_step_again_creates_nothing(demo):
    lines, _communes = demo
    assert "29 trang tiếng Việt, 29 trang tiếng Anh" in lines[0]
    assert "http://127.0.0.1:8000/" in lines[1] and "camthach.localhost:8000" in lines[1]
    before = _snapshot()
    load_demo_portal()
    assert _snapshot() == before


def test_every_page_is_a_sample_with_a_live_english_translation(demo):
    _lines, communes = demo
    english = Locale.objects.get(language_code="en")
    for commune in communes:
        home = commune.site.root_page
        pages = [page.specific for page in _tree(home)]
        assert len(pages) == 29
        menu = [page.slug for page in home.get_children().filter(show_in_menus=True)]
        assert menu == ["tin-tuc", "gioi-thieu", "tiem-nang-dau-tu", "goc-kieu-bao",
                        "thong-cao-phat-ngon", "cai-chinh-thong-tin",
                        "van-ban-chi-dao-dieu-hanh", "co-cau-to-chuc", "lien-he"]
        for page in pages:
            assert page.is_sample and page.live, page
            translation = page.get_translation_or_none(english)
            assert translation is not None and translation.live, page
            assert translation.specific.is_sample
        english_home = home.get_translation(english)
        assert _tree(english_home).count() == 29
        assert _tree(english_home, english).count() == 29
    assert translations.out_of_date(communes) == []


def test_the_texts_say_they_are_samples_and_claim_nothing(demo):
    _lines, communes = demo
    projects = InvestmentProjectPage.objects.all()
    assert projects.count() == 8
    for project in projects:
        sample = "[Dự án mẫu]" if project.locale.language_code == "vi" else "[Sample project]"
        assert project.title.startswith(sample)
        assert project.contact_phone == "0237 xxx xxxx"
        assert 19 < project.latitude < 21 and 104 < project.longitude < 107  # Thanh Hóa
    for page in NewsPage.objects.all():
        assert page.title.startswith(("[Tin mẫu]", "[Sample news]"))
        assert page.image is not None and page.category.locale_id == page.locale_id
    assert all(page.title.startswith(("[Thông cáo mẫu]", "[Sample statement]"))
               for page in StatementPage.objects.all())
    cam_thach = next(c for c in communes if c.area.code == 15142)
    for home in HomePage.objects.filter(commune__in=communes):
        for page in _tree(home).specific():
            text = page.title + " " + page.body_text()
            if isinstance(page, FACT_BEARING):
                marker = "mẫu" if page.locale.language_code == "vi" else "sample"
                assert marker in text.lower(), page
            if home.commune_id == cam_thach.pk:
                # The seed plan's words are Cẩm Tân's: the other commune never quotes them.
                assert "Cẩm Tân" not in text, page
    assert all(image.title.startswith("Ảnh mẫu")
               for image in get_image_model().objects.filter(collection__name="Ảnh mẫu"))


def test_site_settings_and_home_links(demo):
    _lines, communes = demo
    colours = set()
    for commune in communes:
        settings = PortalSettings.for_site(commune.site)
        settings.full_clean()
        colours.add(settings.theme_colour)
        assert contrast_with_white(settings.theme_colour) >= 4.5
        assert settings.editor_in_charge.endswith("(mẫu)") and "xxx" in settings.phone
        for home in HomePage.objects.filter(commune=commune):
            home.quick_links.stream_block.clean(home.quick_links)  # as the editor would
            links = {link.value["title"]: link.value for link in home.quick_links}
            tip = next(value["url"] for value in links.values() if value["url"])
            assert tip == ("/bao-tin-sai-su-that/" if home.locale.language_code == "vi"
                           else "/en/bao-tin-sai-su-that/")
            assert all(value["page"].locale_id == home.locale_id
                       for value in links.values() if value["page"])
    assert len(colours) == 2


PATHS = ["/", "/en/", "/tin-tuc/", "/en/news/", "/gioi-thieu/lich-su/", "/en/about/history/",
         "/tiem-nang-dau-tu/du-an-mau-so-che-nong-san/", "/en/statements/", "/goc-kieu-bao/"]


def test_pages_render_in_both_languages(demo):
    _lines, communes = demo
    for commune in communes:
        site = commune.site
        homes = {home.locale.language_code: home
                 for home in HomePage.objects.filter(commune=commune)}
        for path in PATHS:
            response = Client().get(path, HTTP_HOST=f"{site.hostname}:{site.port}")
            assert response.status_code == 200, (commune, path)
            home = homes["en" if path.startswith("/en/") else "vi"]
            assert home.title in response.content.decode(), (commune, path)

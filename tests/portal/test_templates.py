"""The public pages' look: every page type renders in both languages with the right ``lang``,
hreflang alternates, the language switcher, the sample-content banner, JSON-LD and sharing
metadata; the template tags behind them."""

import datetime
import json
import re
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.db import transaction
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale
from wagtail.rich_text import RichText

from tests import factories
from ttdn.org.models import Role
from ttdn.portal.languages import activate
from ttdn.portal.models import (
    ContactPage,
    ContentPage,
    GalleryImage,
    HomePage,
    InvestmentIndexPage,
    InvestmentProjectPage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    OrganisationPage,
    PortalSettings,
    StatementIndexPage,
    StatementPage,
)
from ttdn.portal.templatetags import portal_lists, portal_tags

pytestmark = pytest.mark.django_db

SAMPLE = "Nội dung mẫu"


def publish(page):
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


def translate(page, **fields):
    """The English translation of ``page``, published (its parent must be translated)."""
    translated = page.copy_for_translation(Locale.objects.get(language_code="en"))
    for name, value in fields.items():
        setattr(translated, name, value)
    return publish(translated)


def add(parent, page):
    return publish(parent.add_child(instance=page))


def body(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


@pytest.fixture(autouse=True)
def _empty_page_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()
    translation.activate("vi")


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A commune with a page of every type in Vietnamese, each translated into English; a
    sample news item with an image, a real one without; a leader and units. Built once for
    the module inside a transaction that is rolled back at its end (each test runs in a
    savepoint within it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)


def build_site():
    commune = factories.commune("Cẩm Tân", 15178)
    office = factories.UnitFactory(commune=commune, name="Công chức Văn hóa – Xã hội",
                                   kind="officer_post")
    factories.UnitFactory(commune=commune, name="Thôn Một", kind="village")
    chairman = factories.member(office, role=Role.CHAIRMAN, username="camtan.chairman",
                                first_name="An", last_name="Nguyễn Văn")
    home = HomePage.objects.get(commune=commune, locale__language_code="vi")
    home_en = home.get_translation(Locale.objects.get(language_code="en")).specific
    image = Image.objects.create(title="Cánh đồng", file=get_test_image_file())
    category = NewsCategory.objects.create(name="Hợp tác quốc tế", slug="hop-tac-quoc-te",
                                           locale=home.locale)
    news = add(home, NewsIndexPage(title="Tin tức", slug="tin-tuc", show_in_menus=True))
    article = add(news, NewsPage(
        title="Tin mẫu về hợp tác", slug="tin-mau", date=datetime.date(2026, 11, 27),
        category=category, image=image, summary="Tóm tắt tin mẫu.", is_sample=True,
        body=body("Nội dung tin."),
    ))
    real = add(news, NewsPage(title="Tin thật", slug="tin-that", date=datetime.date(2026, 11, 20),
                              body=body("Nội dung.")))
    about = ContentPage(title="Giới thiệu", slug="gioi-thieu", show_in_menus=True,
                        body=body("Lịch sử."))
    about.gallery_images.add(GalleryImage(image=image, caption="Chú thích ảnh"))
    about = add(home, about)
    investment = add(home, InvestmentIndexPage(title="Tiềm năng, đầu tư", slug="dau-tu",
                                               policies=body("Chính sách.")))
    project = add(investment, InvestmentProjectPage(
        title="Dự án mẫu", slug="du-an", sector="agriculture", area_hectares="12.50",
        location="Thôn Một", latitude="20.210500", longitude="105.471200",
        contact_name="Văn phòng", is_sample=True,
    ))
    statements = add(home, StatementIndexPage(title="Thông cáo, phát ngôn", slug="thong-cao"))
    statement = add(statements, StatementPage(
        title="Thông cáo số 1", slug="thong-cao-1", date=datetime.date(2026, 11, 21),
        spokesperson="Người phát ngôn", body=body("Nội dung thông cáo."),
    ))
    organisation = add(home, OrganisationPage(title="Cơ cấu tổ chức", slug="co-cau"))
    contact = add(home, ContactPage(title="Liên hệ", slug="lien-he", show_in_menus=True))
    hidden = add(home, ContentPage(title="Trang ẩn khỏi danh mục", slug="an", show_in_menus=False))
    pages = dict(home=home, news=news, article=article, real=real, about=about,
                 investment=investment, project=project, statements=statements,
                 statement=statement, organisation=organisation, contact=contact)
    english = {"home": home_en}
    for name, page in pages.items():
        if name != "home":
            english[name] = translate(page, title=f"{page.title} (EN)", slug=f"{page.slug}-en")
    settings = PortalSettings.for_site(commune.site)
    settings.address, settings.phone, settings.email = "Trụ sở xã", "0237 000 0000", "x@example.org"
    settings.editor_in_charge = "Nguyễn Văn Mẫu"
    settings.save()
    return SimpleNamespace(vi=pages, en=english, hidden=hidden, image=image, commune=commune,
                           host=commune.site.hostname, chairman=chairman)


def path(page):
    """The page's address on its own site ("/en/news/"), whatever other sites exist."""
    return page.get_url_parts()[2]


def get(client, site, page_or_path):
    address = page_or_path if isinstance(page_or_path, str) else path(page_or_path)
    response = client.get(address, HTTP_HOST=site.host)
    return response, response.content.decode()


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def meta(html, name):
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    return found.group(1) if found else None


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


PAGE_TYPES = ["home", "news", "article", "about", "investment", "project", "statements",
              "statement", "organisation", "contact"]


def test_every_page_type_renders_in_both_languages_with_its_alternates(client, site):
    for name in PAGE_TYPES:
        vi_page, en_page = site.vi[name], site.en[name]
        for language, page in (("vi", vi_page), ("en", en_page)):
            response, html = get(client, site, page)
            assert response.status_code == 200, (name, language, html[:300])
            assert f'<html lang="{language}">' in html
            assert "<h1" in html and page.title in html
            assert alternates(html) == {
                "vi": vi_page.get_full_url(), "en": en_page.get_full_url(),
                "x-default": vi_page.get_full_url(),
            }, name
            assert f'<link rel="canonical" href="{page.get_full_url()}">' in html
            if page.specific.cacheable:
                # A cached page never carries a reader's CSRF token or a CSP nonce.
                assert "csrfmiddlewaretoken" not in html and "nonce" not in html, name


def test_the_switcher_links_to_the_same_page_in_the_other_language(client, site):
    for name in ("article", "about", "home"):
        _response, html = get(client, site, site.vi[name])
        en_url = path(site.en[name])
        assert (f'<a href="{en_url}" lang="en" hreflang="en" rel="alternate">English</a>'
                in html)
        assert ('<span class="lang-switch__current" aria-current="true" lang="vi">Tiếng Việt'
                in html)
        _response, html = get(client, site, site.en[name])
        vi_url = path(site.vi[name])
        assert (f'<a href="{vi_url}" lang="vi" hreflang="vi" rel="alternate">Tiếng Việt</a>'
                in html)
        assert 'aria-current="true" lang="en">English' in html


def test_without_a_translation_the_switcher_offers_that_languages_home(client, site):
    _response, html = get(client, site, site.hidden)
    home_en = path(site.en["home"])
    assert f'<a href="{home_en}" lang="en" hreflang="en" rel="alternate">English' in html
    assert 'class="lang-switch__note"' in html
    # Only the page itself is an alternate: no x-default pointing elsewhere.
    assert alternates(html) == {"vi": site.hidden.get_full_url()}


def test_a_sub_view_keeps_its_part_of_the_address_in_the_other_language(site):
    news, news_en = site.vi["news"], site.en["news"]
    request = RequestFactory().get(path(news) + "rss/", HTTP_HOST=site.host)
    activate(request, "vi")
    links = portal_tags.language_links(Context({"request": request, "page": news}))
    english = next(link for link in links if link["code"] == "en")
    assert english["url"] == news_en.get_url(request) + "rss/"
    assert not english["is_home"]
    vietnamese = next(link for link in links if link["code"] == "vi")
    assert vietnamese["is_current"]


def test_main_navigation_is_the_home_pages_live_children_in_menus(client, site):
    _response, html = get(client, site, site.vi["article"])
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    assert site.vi["news"].title in nav and site.vi["contact"].title in nav
    assert site.hidden.title not in nav
    assert site.vi["statements"].title not in nav  # not shown in menus
    assert f'href="{path(site.vi["news"])}" aria-current="true"' in nav


def test_breadcrumbs_lead_from_home_to_the_page(client, site):
    _response, html = get(client, site, site.vi["article"])
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert crumbs.index("Trang chủ") < crumbs.index("Tin tức") < crumbs.index("Tin mẫu về")
    assert '<span aria-current="page">Tin mẫu về hợp tác</span>' in crumbs


def test_sample_pages_and_sample_cards_say_so(client, site):
    _response, html = get(client, site, site.vi["article"])
    assert 'class="sample-banner"' in html and SAMPLE in html
    _response, html = get(client, site, site.vi["real"])
    assert 'class="sample-banner"' not in html
    _response, html = get(client, site, site.vi["news"])
    cards = html.split('<article class="card')
    sample_card = next(card for card in cards if "Tin mẫu về hợp tác" in card)
    real_card = next(card for card in cards if "Tin thật" in card)
    assert SAMPLE in sample_card and SAMPLE not in real_card
    _response, html = get(client, site, site.vi["investment"])
    assert 'class="badge badge--sample"' in html


def test_home_page_says_who_runs_the_site_in_json_ld(client, site):
    _response, html = get(client, site, site.vi["home"])
    [data] = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOrganization"
    assert "Cẩm Tân" in data["name"]
    assert data["url"] == site.vi["home"].get_full_url()
    assert data["telephone"] == "0237 000 0000" and data["email"] == "x@example.org"
    assert data["address"]["streetAddress"] == "Trụ sở xã"


def test_news_article_json_ld_names_the_article_and_its_publisher(client, site):
    for language in ("vi", "en"):
        page = site.__dict__[language]["article"]
        _response, html = get(client, site, page)
        [data] = json_ld(html)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == page.title
        assert data["inLanguage"] == language
        assert data["datePublished"] == "2026-11-27"
        assert data["publisher"]["@type"] == "GovernmentOrganization"
        assert data["image"][0].startswith(f"http://{site.host}/")


def test_json_ld_cannot_close_its_script_element():
    html = portal_tags.json_ld({"headline": "</script><script>alert(1)</script> & <b>"})
    assert html.count("</script>") == 1
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(inner)["headline"] == "</script><script>alert(1)</script> & <b>"


def test_open_graph_and_twitter_cards(client, site):
    _response, html = get(client, site, site.vi["article"])
    assert meta(html, "og:title") == "Tin mẫu về hợp tác"
    assert meta(html, "og:description") == "Tóm tắt tin mẫu."
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:locale") == "vi_VN"
    assert meta(html, "og:locale:alternate") == "en_US"
    assert meta(html, "og:url") == site.vi["article"].get_full_url()
    assert meta(html, "og:image").startswith(f"http://{site.host}/")
    assert meta(html, "twitter:card") == "summary_large_image"
    _response, html = get(client, site, site.en["statement"])
    assert meta(html, "og:locale") == "en_US"
    assert meta(html, "twitter:card") == "summary"
    assert meta(html, "og:image") is None


def test_images_are_responsive_webp_renditions_with_sizes(client, site):
    _response, html = get(client, site, site.vi["article"])
    picture = re.search(r"<picture>(.*?)</picture>", html).group(1)
    assert re.search(r'<source [^>]*type="image/webp"', picture)
    assert re.search(r'<img [^>]*height="\d+"[^>]*width="\d+"', picture)
    assert 'alt="Cánh đồng"' in picture and 'fetchpriority="high"' in picture
    # The test image is 640 wide: one candidate per width, never the same width twice.
    widths = re.findall(r" (\d+)w", picture.split("<img")[0])
    assert widths == ["480", "640"]
    _response, html = get(client, site, site.vi["news"])
    assert 'loading="lazy"' in html and "sizes=" in html
    _response, html = get(client, site, site.vi["about"])
    assert "<figcaption>Chú thích ảnh</figcaption>" in html
    assert 'alt="Cánh đồng"' in html


def test_project_facts_and_a_plain_link_to_the_map(client, site):
    _response, html = get(client, site, site.vi["project"])
    assert "https://www.openstreetmap.org/?mlat=20.2105&amp;mlon=105.4712" in html
    assert "20.2105, 105.4712" in html
    assert "12,5 ha" in html  # Vietnamese decimal comma
    _response, html = get(client, site, site.en["project"])
    assert "12.5 ha" in html and "20.2105, 105.4712" in html
    assert "<iframe" not in html


def test_dates_read_naturally_in_each_language():
    day = datetime.date(2026, 11, 27)
    with translation.override("vi"):
        assert portal_tags.portal_date(day) == "27/11/2026"
    with translation.override("en"):
        assert portal_tags.portal_date(day) == "27 November 2026"
    assert portal_tags.iso_date(day) == "2026-11-27"


def test_footer_names_the_person_responsible_for_the_content(client, site):
    _response, html = get(client, site, site.vi["contact"])
    footer = html.split('<footer class="site-footer">')[1]
    assert "Người chịu trách nhiệm nội dung:" in footer and "Nguyễn Văn Mẫu" in footer
    assert 'href="tel:02370000000"' in footer
    _response, html = get(client, site, site.en["contact"])
    footer = html.split('<footer class="site-footer">')[1]
    # The settings' Vietnamese text in an English page says it is Vietnamese.
    assert '<dd lang="vi">Trụ sở xã</dd>' in footer


def test_contact_page_leaves_a_place_for_the_form(rf, site):
    page = site.vi["contact"]
    template = Template('{% extends "portal/contact_page.html" %}'
                        '{% block contact_form %}<form id="the-form"></form>{% endblock %}')
    request = rf.get(path(page), HTTP_HOST=site.host)
    activate(request, "vi")
    html = template.render(Context({"request": request, "page": page, "settings": {}}))
    assert '<div class="contact-layout__form"><form id="the-form"></form></div>' in html


def test_organisation_page_lists_leaders_and_units(client, site):
    _response, html = get(client, site, site.vi["organisation"])
    assert "Nguyễn Văn An" in html and "Chủ tịch UBND xã" in html
    assert "Thôn Một" in html
    _response, html = get(client, site, site.en["organisation"])
    assert '<span class="units__name" lang="vi">Thôn Một</span>' in html


def test_a_template_of_another_view_extends_the_base_with_only_page(rf, site):
    """Search, clarifications, documents and the contact form extend base.html with their
    own blocks; portal_home is found from the page when the view did not set it."""
    template = Template(
        '{% extends "portal/base.html" %}{% block title %}Tìm kiếm{% endblock %}'
        '{% block head_extra %}<meta name="x-test" content="1">{% endblock %}'
        '{% block breadcrumbs %}{% include "portal/includes/breadcrumbs.html" with '
        'breadcrumb_current="Kết quả" %}{% endblock %}'
        '{% block content %}<h1>Kết quả</h1>{% endblock %}'
    )
    home_en = site.en["home"]
    request = rf.get(path(home_en) + "tim-kiem/", HTTP_HOST=site.host)
    activate(request, "en")
    html = template.render(Context({"request": request, "page": home_en}))
    assert '<html lang="en">' in html
    assert "<title>Tìm kiếm – " + home_en.title in html
    assert '<meta name="x-test" content="1">' in html
    assert '<span aria-current="page">Kết quả</span>' in html
    # The switcher keeps the sub-view's address in the other language.
    assert f'href="{path(site.vi["home"])}tim-kiem/" lang="vi"' in html


def test_not_found_page_in_the_readers_language_with_search_and_home(rf, site):
    for language, home in (("vi", site.vi["home"]), ("en", site.en["home"])):
        request = rf.get(f"{path(home)}khong-co/", HTTP_HOST=site.host)
        activate(request, language)
        html = render_to_string("portal/404.html", request=request)
        assert f'<html lang="{language}">' in html
        assert f'action="{path(home)}tim-kiem/"' in html
        assert 'name="q"' in html
        assert '<meta name="robots" content="noindex">' in html
        assert f'href="{path(home)}"' in html


def test_theme_colour_cannot_break_out_of_the_style_element():
    assert portal_tags.theme_palette("#1D4F91")["base"] == "#1d4f91"
    palette = portal_tags.theme_palette("red;}</style><script>")
    assert palette["base"] == portal_tags.FALLBACK_COLOUR
    assert portal_tags.theme_palette("#ffffff")["dark"] == "#a6a6a6"


def test_pagination_keeps_the_category_filter(client, site):
    news = site.vi["news"]
    for number in range(13):
        add(news, NewsPage(title=f"Tin số {number}", slug=f"tin-so-{number}",
                           date=datetime.date(2026, 10, 1)))
    response = client.get(path(news), {"page": "1"}, HTTP_HOST=site.host)
    html = response.content.decode()
    assert 'aria-label="Phân trang"' in html and 'href="?page=2"' in html
    assert f'href="{path(news)}?chuyen-muc=hop-tac-quoc-te"' in html


def test_numbers_read_naturally_in_each_language():
    from decimal import Decimal

    with translation.override("vi"):
        assert portal_tags.plain_number(Decimal("12.50")) == "12,5"
        assert portal_tags.plain_number(Decimal("100.00")) == "100"
    with translation.override("en"):
        assert portal_tags.plain_number(Decimal("12.50")) == "12.5"
    # Coordinates keep their decimal point in every language.
    with translation.override("vi"):
        assert portal_tags.coordinate(Decimal("20.210500")) == "20.2105"
        assert portal_tags.coordinate(Decimal("105.000000")) == "105"


def test_home_page_lists_read_the_language_tree_newest_first(site):
    assert portal_lists.latest_news(site.vi["home"], 4) == [site.vi["article"], site.vi["real"]]
    assert portal_lists.latest_news(site.en["home"], 4) == [site.en["article"], site.en["real"]]
    assert portal_lists.latest_statements(site.vi["home"]) == [site.vi["statement"]]
    assert portal_lists.related_news(site.vi["article"]) == [site.vi["real"]]
    assert portal_lists.responsive_image(None, "width-480") == ""

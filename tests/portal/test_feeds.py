"""Feeds per section and language, the sitemap with hreflang, robots.txt and the digest."""

import datetime
import json
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import Locale
from wagtail.rich_text import RichText

from ttdn.portal import clarifications
from ttdn.portal.models import (
    ClarificationIndexPage,
    HomePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    StatementIndexPage,
    StatementPage,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def parse(content):
    return ET.fromstring(content)  # noqa: S314 - our own answer, in a test


def publish(page):
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


def translate(page):
    """The English translation of ``page``, published (its parent must be translated)."""
    return publish(page.copy_for_translation(Locale.objects.get(language_code="en")))


def homes(commune):
    vi = HomePage.objects.get(commune=commune, locale__language_code="vi")
    return vi, vi.get_translation(Locale.objects.get(language_code="en")).specific


def build_site(commune, prefix="Tin"):
    """A news section with two articles and a draft, a statements section with one statement,
    each translated; returns the pages by name."""
    home, home_en = homes(commune)
    news = publish(home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc")))
    category = NewsCategory.objects.create(name="Hợp tác quốc tế", slug="hop-tac",
                                           locale=home.locale)
    older = publish(news.add_child(instance=NewsPage(
        title=f"{prefix} cũ hơn", slug="tin-cu", date=datetime.date(2026, 11, 1),
        summary="Tóm tắt tin cũ.", category=category,
    )))
    newer = publish(news.add_child(instance=NewsPage(
        title=f"{prefix} mới về Cẩm Tân", slug="tin-moi", date=datetime.date(2026, 11, 20),
        summary="Tóm tắt tin mới.",
    )))
    draft = news.add_child(instance=NewsPage(
        title="Bản nháp chưa duyệt", slug="ban-nhap", date=datetime.date(2026, 11, 25), live=False,
    ))
    draft.save_revision()
    statements = publish(home.add_child(instance=StatementIndexPage(
        title="Thông cáo, phát ngôn", slug="thong-cao")))
    statement = publish(statements.add_child(instance=StatementPage(
        title="Thông cáo số 1", slug="thong-cao-1", spokesperson="Người phát ngôn",
        date=datetime.date(2026, 11, 21), summary="Nội dung thông cáo.",
        body=[("paragraph", RichText("<p>Nội dung.</p>"))],
    )))
    news_en = translate(news)
    newer_en = translate(newer)
    translate(statements)
    return SimpleNamespace(home=home, home_en=home_en, news=news, older=older, newer=newer,
                           draft=draft, statements=statements, statement=statement,
                           news_en=news_en, newer_en=newer_en)


@pytest.fixture
def site(cam_tan):
    return build_site(cam_tan)


def path_of(page):
    """The page's address on its own site (``page.url`` is absolute when there are several)."""
    return page.relative_url(page.get_site())


def host_of(commune):
    return {"HTTP_HOST": commune.site.hostname}


# Feeds -------------------------------------------------------------------------------------


def test_rss_lists_live_articles_newest_first_with_absolute_links(client, cam_tan, site):
    response = client.get(path_of(site.news) + "rss/", **host_of(cam_tan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = parse(response.content).find("channel")
    assert channel.findtext("language") == "vi"
    assert channel.findtext("link") == site.news.full_url
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Tin mới về Cẩm Tân", "Tin cũ hơn"]
    assert items[0].findtext("link") == site.newer.full_url
    assert items[0].findtext("link").startswith(f"http://{cam_tan.site.hostname}/")
    assert items[0].findtext("description") == "Tóm tắt tin mới."
    assert items[0].findtext("pubDate")
    assert items[1].findtext("category") == "Hợp tác quốc tế"
    assert items[0].findtext("category") == "Tin tức"


def test_english_index_gives_the_english_feed(client, cam_tan, site):
    assert path_of(site.news_en).startswith("/en/")
    response = client.get(path_of(site.news_en) + "atom/", **host_of(cam_tan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = parse(response.content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1  # only the translated article
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == site.newer_en.full_url
    assert "/en/" in link
    assert entries[0].findtext(f"{ATOM}updated")
    assert entries[0].findtext(f"{ATOM}summary") == "Tóm tắt tin mới."


def test_statement_feed(client, cam_tan, site):
    response = client.get(path_of(site.statements) + "rss/", **host_of(cam_tan))
    titles = [item.findtext("title")
              for item in parse(response.content).iter("item")]
    assert titles == ["Thông cáo số 1"]


def test_feed_is_limited_to_twenty_items(client, cam_tan, site):
    for number in range(22):
        publish(site.news.add_child(instance=NewsPage(
            title=f"Tin số {number}", slug=f"tin-so-{number}",
            date=datetime.date(2026, 10, 1) + datetime.timedelta(days=number),
        )))
    response = client.get(path_of(site.news) + "rss/", **host_of(cam_tan))
    items = parse(response.content).find("channel").findall("item")
    assert len(items) == 20
    assert items[0].findtext("title") == "Tin mới về Cẩm Tân"


def test_clarification_feed_reads_the_desk(client, cam_tan, monkeypatch):
    home, _home_en = homes(cam_tan)
    index = publish(home.add_child(instance=ClarificationIndexPage(
        title="Cải chính thông tin sai sự thật", slug="cai-chinh")))
    published = timezone.make_aware(datetime.datetime(2026, 11, 22, 9, 0))
    items = [SimpleNamespace(title="Không có chuyện đóng cửa chợ", url=path_of(index) + "7/",
                             summary="Thông tin trên mạng là sai.", published_at=published)]
    monkeypatch.setattr(clarifications, "published_for", lambda idx: items, raising=False)
    response = client.get(path_of(index) + "rss/", **host_of(cam_tan))
    assert response.status_code == 200
    item = parse(response.content).find("channel/item")
    assert item.findtext("title") == "Không có chuyện đóng cửa chợ"
    assert item.findtext("link") == f"http://{cam_tan.site.hostname}{path_of(index)}7/"


def test_clarification_feed_without_clarifications(client, cam_tan, monkeypatch):
    home, _home_en = homes(cam_tan)
    index = publish(home.add_child(instance=ClarificationIndexPage(
        title="Cải chính", slug="cai-chinh")))
    monkeypatch.setattr(clarifications, "published_for", lambda idx: [], raising=False)
    response = client.get(path_of(index) + "atom/", **host_of(cam_tan))
    assert response.status_code == 200
    assert parse(response.content).findall(f"{ATOM}entry") == []


# Sitemap -----------------------------------------------------------------------------------


def sitemap_of(client, commune):
    response = client.get("/sitemap.xml", **host_of(commune))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = parse(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            "lastmod": url.findtext(f"{SITEMAP}lastmod"),
            "alternates": {link.get("hreflang"): link.get("href")
                           for link in url.findall(f"{XHTML}link")},
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_every_language_with_hreflang_pairs(client, cam_tan, site):
    urls = sitemap_of(client, cam_tan)
    assert site.home.full_url in urls and site.home_en.full_url in urls
    pair = {"vi": site.newer.full_url, "en": site.newer_en.full_url,
            "x-default": site.newer.full_url}
    assert urls[site.newer.full_url]["alternates"] == pair
    assert urls[site.newer_en.full_url]["alternates"] == pair
    assert urls[site.newer.full_url]["lastmod"].startswith("20")
    assert urls[site.older.full_url]["alternates"] == {}  # not translated
    assert all(loc.startswith(f"http://{cam_tan.site.hostname}/") for loc in urls)


def test_sitemap_leaves_out_drafts_private_pages_and_other_communes(
    client, cam_tan, cam_thach, site
):
    other = build_site(cam_thach, prefix="Bài")
    private = publish(site.news.add_child(instance=NewsPage(title="Nội bộ", slug="noi-bo")))
    private.view_restrictions.create(restriction_type="login")
    urls = sitemap_of(client, cam_tan)
    assert site.draft.full_url not in urls
    assert private.full_url not in urls
    assert other.newer.full_url not in urls
    assert not any(cam_thach.site.hostname in loc for loc in urls)
    assert other.newer.full_url in sitemap_of(client, cam_thach)


def test_sitemap_lists_clarifications_paired_by_language(client, cam_tan, monkeypatch):
    home, _home_en = homes(cam_tan)
    index = publish(home.add_child(instance=ClarificationIndexPage(
        title="Cải chính", slug="cai-chinh")))
    index_en = translate(index)
    published = timezone.now()

    def published_for(section):
        return [SimpleNamespace(clarification_id=7, title="Cải chính", summary="",
                                published_at=published, url=section.get_full_url() + "7/")]

    monkeypatch.setattr(clarifications, "published_for", published_for)
    urls = sitemap_of(client, cam_tan)
    vi, en = index.full_url + "7/", index_en.full_url + "7/"
    assert urls[vi]["alternates"] == {"vi": vi, "en": en, "x-default": vi}
    assert urls[en]["alternates"] == urls[vi]["alternates"]


# robots.txt --------------------------------------------------------------------------------


def test_robots(client, cam_tan, site):
    response = client.get("/robots.txt", **host_of(cam_tan))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/api/", "/tim-kiem/"):
        assert f"Disallow: {path}" in lines
    search_en = path_of(site.home_en) + site.home_en.reverse_subpage("search")
    assert f"Disallow: {search_en}" in lines
    assert f"Sitemap: http://{cam_tan.site.hostname}/sitemap.xml" in lines
    assert "Disallow: /" not in lines


# Digest ------------------------------------------------------------------------------------


def test_digest_shape(client, cam_tan, site):
    url = path_of(site.home) + site.home.reverse_subpage("digest")
    response = client.get(url, {"since": "2026-11-15"}, **host_of(cam_tan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["format"] == "ttdn.portal.digest/1"
    assert data["language"] == "vi"
    assert data["since"] == "2026-11-15"
    assert data["site"]["url"] == site.home.full_url
    sections = {section["kind"]: section for section in data["sections"]}
    assert set(sections) == {"news", "statements"}
    news = sections["news"]
    assert news["url"] == site.news.full_url
    assert news["feeds"]["rss"] == site.news.full_url + "rss/"
    assert [item["title"] for item in news["items"]] == ["Tin mới về Cẩm Tân"]  # not the older
    item = news["items"][0]
    assert set(item) == {"title", "summary", "url", "published", "updated", "category"}
    assert item["url"] == site.newer.full_url
    assert item["published"].startswith("2026-11-20")
    assert [i["title"] for i in sections["statements"]["items"]] == ["Thông cáo số 1"]
    assert data["translations"]["en"].startswith(site.home_en.full_url)


def test_digest_in_english(client, cam_tan, site):
    url = path_of(site.home_en) + site.home_en.reverse_subpage("digest")
    data = json.loads(client.get(url, {"since": "2026-01-01"}, **host_of(cam_tan)).content)
    assert data["language"] == "en"
    news = next(section for section in data["sections"] if section["kind"] == "news")
    assert [item["url"] for item in news["items"]] == [site.newer_en.full_url]


def test_digest_defaults_to_the_last_seven_days(client, cam_tan, site):
    today = timezone.localdate()
    for title, slug, days in (("Tin hôm nay", "hom-nay", 0), ("Tin bảy ngày trước", "bay", 7),
                              ("Tin tám ngày trước", "tam", 8)):
        publish(site.news.add_child(instance=NewsPage(
            title=title, slug=slug, date=today - datetime.timedelta(days=days))))
    data = json.loads(client.get(path_of(site.home) + "ban-tin/", **host_of(cam_tan)).content)
    assert data["since"] == (today - datetime.timedelta(days=7)).isoformat()
    news = next(section for section in data["sections"] if section["kind"] == "news")
    titles = [item["title"] for item in news["items"]]
    assert titles[:2] == ["Tin hôm nay", "Tin bảy ngày trước"]
    assert "Tin tám ngày trước" not in titles


def test_digest_refuses_a_malformed_date(client, cam_tan, site):
    response = client.get(path_of(site.home) + "ban-tin/", {"since": "20-11-2026"},
                          **host_of(cam_tan))
    assert response.status_code == 400
    assert "không hợp lệ" in json.loads(response.content)["error"]


def test_unknown_host_gets_no_commune_pages(client, cam_tan, site):
    response = client.get("/sitemap.xml", HTTP_HOST="khong-co.localhost")
    # Wagtail answers an unknown host with the default site, if there is one: never a commune's.
    assert response.status_code in (200, 404)
    assert cam_tan.site.hostname.encode() not in response.content

"""The desk's clarifications on the portal: the section's listing and pages in Vietnamese and
English with ClaimReview, what each commune shows, the interim desk address redirecting to the
portal, where the desk sends readers, and the desk's own pages in the portal's frame."""

import json
import re

import pytest
from django.test import Client
from wagtail.models import Locale

from ttdn.cases import services
from ttdn.cases.intake import TipInput
from ttdn.cases.models import Case, Clarification, Republication
from ttdn.org.models import Role
from ttdn.portal import clarifications
from ttdn.portal.models import ClarificationIndexPage, HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_caches")]

HOST = "xa15178.localhost"  # Cẩm Tân in the `world` fixture
OTHER_HOST = "xa15142.localhost"  # Cẩm Thạch
RUMOUR = "Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa."
OTHER_RUMOUR = "Trường tiểu học xã Cẩm Thạch cho học sinh nghỉ học cả tuần vì dịch cúm lạ."
UNRELATED = "Công ty lạ gọi điện mời nông dân góp vốn nuôi ốc hương lãi mỗi tháng 30%."
SECTION = "/cai-chinh-thong-tin/"


@pytest.fixture
def officer(world):
    return world["cam-tan"][Role.CULTURE_OFFICER]


@pytest.fixture
def other_officer(world):
    return world["cam-thach"][Role.CULTURE_OFFICER]


@pytest.fixture
def client(world):
    return Client(HTTP_HOST=HOST)


def home_of(commune, language="vi"):
    return HomePage.objects.get(commune=commune, locale__language_code=language)


def add_section(commune, slug="cai-chinh-thong-tin", *, english=True):
    """The commune's clarification section, published, with its English translation."""
    home = home_of(commune)
    index = home.add_child(instance=ClarificationIndexPage(
        title="Cải chính thông tin sai sự thật", slug=slug))
    index.save_revision().publish()
    if english:
        translated = index.copy_for_translation(Locale.objects.get(language_code="en"))
        translated.title = "Clarifications"
        translated.save_revision().publish()
    return index


def file_tip(commune, text=RUMOUR, **fields):
    return services.tip_submit(commune=commune, data=TipInput(text=text, **fields)).tip


def publish(case, officer, *, verdict="false", title="Không có chuyện ăn chặn tiền cứu trợ",
            body_text="UBND xã khẳng định thông tin trên là sai sự thật.", **english):
    case = services.case_triage(case=case, actor=officer, category="false", severity="high")
    village = Case.objects.get(pk=case.pk).commune.units.get(name="Thôn Một")
    case = services.case_assign(case=case, actor=officer, lead_unit=village)
    case = services.case_start_verifying(case=case, actor=officer)
    case = services.case_verdict(case=case, actor=officer, verdict=verdict,
                                 summary="Đã đối chiếu sổ sách.")
    services.clarification_save(case=case, actor=officer, title=title, body=body_text,
                                sources=["https://camtan.thanhhoa.gov.vn/thong-bao/1"],
                                **english)
    services.case_respond(case=case, actor=officer)
    return Clarification.objects.get(case=case)


def body(response) -> str:
    return response.content.decode()


def json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    reviews = [data for data in map(json.loads, blocks) if data.get("@type") == "ClaimReview"]
    assert len(reviews) == 1, "one ClaimReview expected"
    return reviews[0]


# The section ----------------------------------------------------------------------------------


def test_the_listing_shows_the_communes_published_clarifications_newest_first(
        client, world, officer, other_officer):
    cam_tan, cam_thach = world["cam-tan"]["commune"], world["cam-thach"]["commune"]
    add_section(cam_tan)
    assert "Chưa có bài cải chính nào" in body(client.get(SECTION))
    older = publish(file_tip(cam_tan).case, officer)
    draft_case = file_tip(cam_tan, UNRELATED).case
    newer = publish(file_tip(cam_tan, OTHER_RUMOUR).case, officer,
                    title="Trường học vẫn mở cửa bình thường", verdict="partly_false")
    # Cẩm Thạch's own case with its own published clarification
    theirs = publish(file_tip(cam_thach, "Nước máy ở Cẩm Thạch nhiễm độc, không được dùng.").case,
                     other_officer, title="Nước máy Cẩm Thạch vẫn an toàn")
    assert Clarification.objects.filter(case=draft_case).count() == 0

    response = client.get(SECTION)
    assert response.status_code == 200
    html = body(response)
    assert html.index(newer.title) < html.index(older.title)
    assert f'href="{SECTION}{newer.pk}/"' in html and f'href="{SECTION}{older.pk}/"' in html
    assert "Sai một phần" in html and "Sai sự thật" in html
    assert theirs.title not in html


def test_another_communes_clarification_is_listed_only_once_republished(
        client, world, officer):
    cam_tan, cam_thach = world["cam-tan"]["commune"], world["cam-thach"]["commune"]
    add_section(cam_thach)
    clarification = publish(file_tip(cam_tan).case, officer)
    other = Client(HTTP_HOST=OTHER_HOST)
    assert clarification.title not in body(other.get(SECTION))
    assert other.get(f"{SECTION}{clarification.pk}/").status_code == 404
    index = clarifications.index_for(cam_thach, "vi")
    assert clarifications.published_for(index) == []

    Republication.objects.create(clarification=clarification, commune=cam_thach)
    assert clarification.title in body(other.get(SECTION))
    page = other.get(f"{SECTION}{clarification.pk}/")
    assert page.status_code == 200
    # The ClaimReview names this portal's page and the commune that wrote it
    review = json_ld(body(page))
    assert review["url"] == f"http://{OTHER_HOST}{SECTION}{clarification.pk}/"
    assert review["author"]["name"] == "UBND xã Cẩm Tân"
    assert [item.title for item in clarifications.published_for(index)] == [clarification.title]


def test_a_commune_whose_residents_reported_the_claim_shows_it_without_listing_it(
        world, officer):
    cam_tan, cam_thach = world["cam-tan"]["commune"], world["cam-thach"]["commune"]
    add_section(cam_thach)
    tip = file_tip(cam_tan)
    theirs = file_tip(cam_thach, "Nghe nói cán bộ xã Cẩm Tân đã ăn chặn 2 tỷ tiền cứu trợ lũ lụt "
                                 "của bà con thôn Đông Hòa, mọi người chia sẻ gấp!")
    assert theirs.case_id == tip.case_id
    clarification = publish(tip.case, officer)
    other = Client(HTTP_HOST=OTHER_HOST)
    assert clarification.title not in body(other.get(SECTION))
    assert other.get(f"{SECTION}{clarification.pk}/").status_code == 200
    # the reporter's status page on Cẩm Thạch's host links to Cẩm Thạch's portal page
    status = body(other.get(f"/bao-tin-sai-su-that/tra-cuu/{theirs.receipt}/"))
    assert f'href="{SECTION}{clarification.pk}/"' in status


def test_the_clarification_page_in_vietnamese(client, world, officer):
    add_section(world["cam-tan"]["commune"])
    tip = file_tip(world["cam-tan"]["commune"], links=("https://www.facebook.com/tin-don/123",))
    clarification = publish(tip.case, officer)
    url = f"{SECTION}{clarification.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    html = body(response)
    assert RUMOUR in html  # the claim as seen
    assert "UBND xã khẳng định thông tin trên là sai sự thật." in html
    # the verdict in words, not by colour alone
    assert re.search(r'class="verdict-box verdict--false".*?<strong>Sai sự thật</strong>', html,
                     re.S)
    assert 'href="https://camtan.thanhhoa.gov.vn/thong-bao/1"' in html
    assert re.search(r"Công bố ngày <time datetime=\"\d{4}-\d{2}-\d{2}\">\d{2}/\d{2}/\d{4}",
                     html)
    review = json_ld(html)
    assert review["@context"] == "https://schema.org"
    assert review["url"] == f"http://{HOST}{url}"
    assert review["claimReviewed"] == RUMOUR
    assert review["reviewRating"]["alternateName"] == "Sai sự thật"
    assert review["reviewRating"]["ratingValue"] == 1
    assert review["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "url": "https://www.facebook.com/tin-don/123"}]
    # no CSRF token or CSP nonce in a page the cache keeps whole
    assert "csrfmiddlewaretoken" not in html and "nonce=" not in html
    assert client.get(url)["X-Cache"] == "hit"


def test_the_clarification_page_in_english_and_its_fallback(client, world, officer):
    add_section(world["cam-tan"]["commune"])
    english = publish(file_tip(world["cam-tan"]["commune"]).case, officer,
                      title_en="No relief money was withheld",
                      body_en="The commune confirms the claim is false.")
    vietnamese_only = publish(file_tip(world["cam-tan"]["commune"], OTHER_RUMOUR).case, officer,
                              title="Trường học vẫn mở cửa bình thường")
    en_section = "/en" + SECTION

    listing = body(client.get(en_section))
    assert "No relief money was withheld" in listing
    assert re.search(r'lang="vi"><a href="/en/cai-chinh-thong-tin/\d+/">Trường học vẫn mở cửa',
                     listing)

    page = client.get(f"{en_section}{english.pk}/")
    assert page.status_code == 200
    html = body(page)
    assert "No relief money was withheld" in html and "The commune confirms" in html
    assert "not yet available in English" not in html
    review = json_ld(html)
    assert review["inLanguage"] == "en"
    assert review["url"] == f"http://{HOST}{en_section}{english.pk}/"

    fallback = body(client.get(f"{en_section}{vietnamese_only.pk}/"))
    assert "Trường học vẫn mở cửa bình thường" in fallback
    assert "This clarification is not yet available in English" in fallback
    assert re.search(r'<h1 id="tieu-de" lang="vi">', fallback)
    assert json_ld(fallback)["inLanguage"] == "vi"


def test_unknown_unpublished_and_merged_clarifications(client, world, officer):
    cam_tan = world["cam-tan"]["commune"]
    add_section(cam_tan)
    assert client.get(f"{SECTION}999999/").status_code == 404
    case = file_tip(cam_tan).case
    case = services.case_triage(case=case, actor=officer, category="false", severity="high")
    case = services.case_assign(case=case, actor=officer,
                                lead_unit=cam_tan.units.get(name="Thôn Một"))
    case = services.case_start_verifying(case=case, actor=officer)
    draft = services.clarification_save(case=case, actor=officer, title="Bản nháp",
                                        body="Chưa công bố.")
    assert client.get(f"{SECTION}{draft.pk}/").status_code == 404
    # a merged case's clarification sends the reader to the one it lives on in
    survivor = publish(file_tip(cam_tan, OTHER_RUMOUR).case, officer)
    old = publish(file_tip(cam_tan, UNRELATED).case, officer, title="Bài cũ")
    Case.objects.filter(pk=old.case_id).update(merged_into=survivor.case, status="closed")
    response = client.get(f"{SECTION}{old.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"{SECTION}{survivor.pk}/"
    assert "Bài cũ" not in body(client.get(SECTION))


# The interim desk address -------------------------------------------------------------------


def test_the_interim_address_redirects_to_the_portal_page(client, world, officer):
    cam_tan = world["cam-tan"]["commune"]
    clarification = publish(file_tip(cam_tan).case, officer)
    interim = f"/cai-chinh/{clarification.case_id}/"
    # no clarification section yet: the desk's own page
    before = client.get(interim)
    assert before.status_code == 200 and "Không có chuyện ăn chặn" in body(before)
    add_section(cam_tan)
    response = client.get(interim)
    assert response.status_code == 301
    assert response["Location"] == f"{SECTION}{clarification.pk}/"
    english = client.get("/en" + interim)
    assert english.status_code == 301
    assert english["Location"] == f"/en{SECTION}{clarification.pk}/"
    assert client.get("/cai-chinh/999999/").status_code == 404


def test_a_section_at_the_desks_own_address_answers_for_its_pages(client, world, officer):
    """A section with the slug "cai-chinh" shares its addresses with the desk's route, which is
    matched first: the portal's pages are still the portal's, and an old interim address (a case
    number) still finds its clarification."""
    cam_tan = world["cam-tan"]["commune"]
    add_section(cam_tan, slug="cai-chinh")
    first = file_tip(cam_tan).case
    file_tip(cam_tan, UNRELATED)  # a case without a clarification: case and clarification
    clarification = publish(file_tip(cam_tan, OTHER_RUMOUR).case, officer)  # numbers diverge
    publish(first, officer, title="Bài thứ hai")
    assert clarification.pk != clarification.case_id
    assert not Clarification.objects.filter(pk=clarification.case_id).exists()

    page = client.get(f"/cai-chinh/{clarification.pk}/")
    assert page.status_code == 200
    assert json_ld(body(page))["url"] == f"http://{HOST}/cai-chinh/{clarification.pk}/"
    legacy = client.get(f"/cai-chinh/{clarification.case_id}/")
    assert legacy.status_code == 301
    assert legacy["Location"] == f"/cai-chinh/{clarification.pk}/"
    assert client.get("/cai-chinh/").status_code == 200
    assert client.get("/cai-chinh/999999/").status_code == 404


# Where the desk sends readers -----------------------------------------------------------------


def test_clarification_url_prefers_the_portal_page(world, officer):
    cam_tan, cam_thach = world["cam-tan"]["commune"], world["cam-thach"]["commune"]
    clarification = publish(file_tip(cam_tan).case, officer)
    interim = f"http://{HOST}/cai-chinh/{clarification.case_id}/"
    assert clarifications.clarification_url(clarification, cam_tan, "vi") == interim
    add_section(cam_tan)
    assert (clarifications.clarification_url(clarification, cam_tan, "vi")
            == f"http://{HOST}{SECTION}{clarification.pk}/")
    assert (clarifications.clarification_url(clarification, cam_tan, "en")
            == f"http://{HOST}/en{SECTION}{clarification.pk}/")
    # Cẩm Thạch does not show it: the reader goes to the commune that does
    assert (clarifications.clarification_url(clarification, cam_thach, "vi")
            == f"http://{HOST}{SECTION}{clarification.pk}/")


def test_the_status_page_links_to_the_portal_page(client, world, officer):
    cam_tan = world["cam-tan"]["commune"]
    add_section(cam_tan)
    tip = file_tip(cam_tan)
    clarification = publish(tip.case, officer)
    html = body(client.get(f"/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/"))
    assert f'href="{SECTION}{clarification.pk}/"' in html
    html_en = body(client.get(f"/en/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/"))
    assert f'href="/en{SECTION}{clarification.pk}/"' in html_en


def test_published_for_and_latest_for_give_the_feeds_and_the_home_page_their_items(
        world, officer):
    cam_tan = world["cam-tan"]["commune"]
    assert clarifications.latest_for(home_of(cam_tan)) == []
    index = add_section(cam_tan)
    items = [publish(file_tip(cam_tan, text).case, officer, title=f"Bài cải chính {n}",
                     body_text="Giải thích " + "rất dài " * 100)
             for n, text in enumerate((RUMOUR, OTHER_RUMOUR, UNRELATED,
                                       "Xã sắp thu hồi toàn bộ đất rừng của thôn Ba."))]
    published = clarifications.published_for(index)
    assert [item.title for item in published] == [f"Bài cải chính {n}" for n in (3, 2, 1, 0)]
    first = published[0]
    assert first["url"] == f"http://{HOST}{SECTION}{items[3].pk}/"
    assert first["published_at"] == items[3].published_at
    assert first["summary"].startswith("Giải thích rất dài") and len(first["summary"]) <= 240
    assert first.verdict_label == "Sai sự thật"

    latest = clarifications.latest_for(home_of(cam_tan))
    assert [item.title for item in latest] == [f"Bài cải chính {n}" for n in (3, 2, 1)]
    english = clarifications.latest_for(home_of(cam_tan, "en"), limit=1)
    assert english[0].url == f"http://{HOST}/en{SECTION}{items[3].pk}/"
    context = clarifications.latest_context(home_of(cam_tan), limit=2)
    assert [item.url for item in context["latest_clarifications"]] == [
        f"{SECTION}{items[3].pk}/", f"{SECTION}{items[2].pk}/"]
    assert context["latest_clarifications"][0].date == items[3].published_at
    assert context["latest_clarifications"][0]["verdict_code"] == "false"
    assert context["clarifications_index_url"] == SECTION
    assert clarifications.latest_context(home_of(world["cam-thach"]["commune"])) == {
        "latest_clarifications": [], "clarifications_index_url": ""}


# The desk's pages in the portal's frame ---------------------------------------------------------


def test_the_desks_pages_wear_the_portals_frame_and_keep_their_forms(client, world):
    home = home_of(world["cam-tan"]["commune"])
    response = client.get("/bao-tin-sai-su-that/")
    assert response.status_code == 200
    html = body(response)
    assert 'class="site-header"' in html and home.title in html  # the portal's header
    assert 'class="wrap wrap--narrow desk"' in html
    assert 'name="csrfmiddlewaretoken"' in html and 'name="hp_note"' in html
    assert "no-store" in response["Cache-Control"]
    assert not client.get("/bao-tin-sai-su-that/").has_header("X-Cache")
    # the frame's language switcher keeps the reader on the desk's page
    assert 'href="/en/bao-tin-sai-su-that/"' in html
    english = body(client.get("/en/bao-tin-sai-su-that/"))
    assert '<html lang="en">' in english


def test_without_a_portal_the_desk_keeps_its_own_layout(client, world):
    HomePage.objects.filter(commune=world["cam-tan"]["commune"]).update(live=False)
    html = body(client.get("/bao-tin-sai-su-that/"))
    assert 'class="site-header"' in html and 'class="authority"' in html
    assert 'class="wrap wrap--narrow desk"' not in html


def test_the_listing_reads_as_many_queries_for_two_items_as_for_five(client, world, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cam_tan = world["cam-tan"]["commune"]
    add_section(cam_tan)
    texts = [RUMOUR, OTHER_RUMOUR, UNRELATED, "Xã sắp thu hồi toàn bộ đất rừng của thôn Ba.",
             "Giá điện sinh hoạt ở xã tăng gấp ba từ tháng sau theo quyết định mới."]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            # a query string: past the page cache
            assert client.get(SECTION, {"page": "1"}).status_code == 200
        return len(captured)

    for number, text in enumerate(texts[:2]):
        publish(file_tip(cam_tan, text).case, officer, title=f"Bài cải chính số {number}")
    queries()  # the first reading of the site's addresses is cached
    two = queries()
    for number, text in enumerate(texts[2:], start=2):
        publish(file_tip(cam_tan, text).case, officer, title=f"Bài cải chính số {number}")
    html = body(client.get(SECTION, {"page": "1"}))
    assert all(f"Bài cải chính số {number}<" in html for number in range(5))
    assert queries() == two

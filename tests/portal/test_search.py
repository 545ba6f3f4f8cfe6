"""The portal's search: without diacritics both ways, ranked, snippets on the original text,
filters, one commune and one language, only live public pages. The same expectations run on
SQLite and on PostgreSQL (scripts/test), which is what "identical results" means here."""

import datetime
import unicodedata
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction
from wagtail.rich_text import RichText

from ttdn.plans.models import Plan, PlanStatus
from ttdn.portal import search
from ttdn.portal.models import (
    ContentPage,
    DocumentIndexPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StatementIndexPage,
    StatementPage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_trees():
    """Each test's database starts again (ids are reused): forget the trees of the last."""
    search._trees.clear()

FILLER = ("Ủy ban nhân dân xã tiếp tục nâng cao chất lượng công tác thông tin đối ngoại, "
          "phối hợp với các đoàn thể chính trị xã hội trên địa bàn. ") * 3


def publish(page):
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


def homes(commune):
    vi = HomePage.objects.get(commune=commune, locale__language_code="vi")
    return vi, vi.get_translation(Locale.objects.get(language_code="en")).specific


def article(index, title, day, *, text="", summary="", slug=None, live=True):
    page = NewsPage(title=title, slug=slug or f"tin-{NewsPage.objects.count() + 1}", date=day,
                    summary=summary, live=live,
                    body=[("paragraph", RichText(f"<p>{text}</p>"))] if text else [])
    index.add_child(instance=page)
    if not live:
        page.save_revision()
        return page
    return publish(page)


def build(commune):
    """News (a section), statements (another) and a profile page, in Vietnamese."""
    home, home_en = homes(commune)
    home.title = "Trang chủ"  # not the commune's name, which the tests search for
    home = publish(home)
    news = publish(home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc")))
    statements = publish(home.add_child(instance=StatementIndexPage(
        title="Thông cáo, phát ngôn", slug="thong-cao")))
    return SimpleNamespace(home=home, home_en=home_en, news=news, statements=statements)


@pytest.fixture
def tree(cam_tan):
    return build(cam_tan)


def results(home, text, **filters):
    return search.search(home, search.parse_query(text), **filters)


def titles(home, text, **filters):
    return [hit.title for hit in results(home, text, **filters).hits]


def get(client, commune, path):
    return client.get(path, HTTP_HOST=commune.site.hostname)


# Words and queries ---------------------------------------------------------------------------


@pytest.mark.nodb
def test_words_are_folded_lower_case_runs_of_letters_and_digits():
    assert search.words("Đài truyền thanh xã Cẩm Tân, 15/8/2024") == [
        "dai", "truyen", "thanh", "xa", "cam", "tan", "15", "8", "2024"]
    decomposed = unicodedata.normalize("NFD", "ĐÀI TRUYỀN THANH")
    assert search.words(decomposed) == ["dai", "truyen", "thanh"]
    assert search.index_text("Tổ chức: lễ hội (2024)") == "to chuc le hoi 2024"


@pytest.mark.nodb
def test_a_query_keeps_each_word_once():
    query = search.parse_query("  Cẩm Tân\x00 cam  TAN xã ")
    assert query.text == "Cẩm Tân cam TAN xã"
    assert query.terms == ("cam", "tan", "xa")
    long = search.parse_query(" ".join(f"tu{i}" for i in range(12)))
    assert len(long.terms) == search.MAX_TERMS and long.truncated
    assert not search.parse_query("a").searchable
    assert not search.parse_query("!!").searchable
    assert search.parse_query("đà").searchable


@pytest.mark.nodb
def test_snippet_marks_the_original_words_and_cuts_at_spaces():
    text = ("Mở đầu " + "chữ " * 60 + "Đài truyền thanh xã Cẩm Tân phát sóng. " + "hết " * 80)
    parts = search.snippet(text, {"dai", "truyen", "thanh"})
    assert parts[0] == ("… ", False) and parts[-1] == (" …", False)
    assert [piece for piece, marked in parts if marked] == ["Đài", "truyền", "thanh"]
    joined = "".join(piece for piece, _marked in parts)
    assert "Đài truyền thanh xã Cẩm Tân" in joined
    assert len(joined) <= search.SNIPPET_CHARS + 10


@pytest.mark.nodb
def test_snippet_of_decomposed_text_keeps_the_marks_inside_the_highlight():
    text = unicodedata.normalize("NFD", "Xã Cẩm Tân") + " \u0301lẻ"  # and a lone mark
    parts = search.highlight(unicodedata.normalize("NFD", "Xã Cẩm Tân"), {"tan"})
    assert parts[-1] == (unicodedata.normalize("NFC", "Tân"), True)
    parts = search.snippet(text, {"cam", "le"})
    assert [piece for piece, marked in parts if marked] == ["Cẩm", "lẻ"]


# Diacritics ----------------------------------------------------------------------------------


def test_no_diacritics_finds_diacritics_and_the_other_way(tree):
    article(tree.news, "Lễ hội truyền thống xã Cẩm Tân", datetime.date(2026, 3, 1))
    article(tree.news, "Đài truyền thanh xã hoạt động trở lại", datetime.date(2026, 3, 2))
    article(tree.news, "Visitors from Cam Tan village abroad", datetime.date(2026, 3, 3))
    assert titles(tree.home, "cam tan") == [
        "Visitors from Cam Tan village abroad", "Lễ hội truyền thống xã Cẩm Tân"]
    assert titles(tree.home, "Cẩm Tân") == titles(tree.home, "cam tan")
    radio = ["Đài truyền thanh xã hoạt động trở lại", "Lễ hội truyền thống xã Cẩm Tân"]
    assert titles(tree.home, "dai truyen thanh") == radio  # the second by "truyền" alone
    assert titles(tree.home, "ĐÀI TRUYỀN THANH") == radio
    assert titles(tree.home, unicodedata.normalize("NFD", "đài truyền thanh")) == radio


def test_words_english_drops_or_splits_are_found_the_same_everywhere(tree):
    """"to" (tổ), "the" (thể), "do" (đỗ) are English stop words, and "15/8/2024" is one
    token to PostgreSQL's parser: the index must hold plain words (index_text) and PostgreSQL
    use the "simple" configuration for these to be found on both databases."""
    article(tree.news, "Tổ chức hội nghị", datetime.date(2025, 1, 1),
            text="Hội nghị tổ chức ngày 15/8/2024 tại nhà văn hóa, thể thao.")
    article(tree.news, "Chúc mừng năm mới", datetime.date(2025, 1, 2))
    assert titles(tree.home, "to chuc") == ["Tổ chức hội nghị", "Chúc mừng năm mới"]
    assert titles(tree.home, "2024") == ["Tổ chức hội nghị"]
    assert titles(tree.home, "the thao") == ["Tổ chức hội nghị"]


# Ranking -------------------------------------------------------------------------------------


def test_title_matches_rank_above_text_matches_whatever_the_date(tree):
    article(tree.news, "Tin về nông thôn mới", datetime.date(2026, 5, 1),
            text="Bài viết nhắc đến cây cam của xã.")
    article(tree.news, "Vườn cam Cẩm Tân", datetime.date(2020, 5, 1))
    assert titles(tree.home, "cam") == ["Vườn cam Cẩm Tân", "Tin về nông thôn mới"]


def test_more_matched_words_rank_higher_then_newer_then_higher_id(tree):
    one = article(tree.news, "Một", datetime.date(2026, 1, 1), text="hội nghị bàn về du lịch")
    scattered = article(tree.news, "Hai", datetime.date(2024, 1, 1),
                        text="du khách về dự hội chợ, lịch trình đã có")
    older = article(tree.news, "Ba", datetime.date(2023, 1, 1),
                    text="phát triển du lịch cộng đồng")
    same_day = article(tree.news, "Bốn", datetime.date(2026, 1, 1),
                       text="hội nghị bàn về du lịch")
    only_one = article(tree.news, "Năm", datetime.date(2026, 6, 1), text="lịch làm việc")
    hits = results(tree.home, "du lịch").hits
    assert [hit.pk for hit in hits] == [same_day.pk, one.pk, scattered.pk, older.pk,
                                        only_one.pk]
    assert [hit.score for hit in hits] == [2, 2, 2, 2, 1]
    assert results(tree.home, "du lịch cộng đồng").hits[0].pk == older.pk


def test_statements_rank_by_their_date_and_the_home_page_is_searched(tree):
    tree.home.summary = "Cổng thông tin của xã Cẩm Tân"
    publish(tree.home)
    publish(tree.statements.add_child(instance=StatementPage(
        title="Thông cáo về thông tin sai sự thật", slug="thong-cao-1", spokesperson="Chủ tịch",
        date=datetime.date(2026, 6, 1))))
    found = results(tree.home, "thong tin").hits
    # Both words in the title, one word in a section's title ("Thông cáo, phát ngôn", "Tin
    # tức": published today, the statements' later), both in the home page's summary.
    assert [(hit.title, hit.score) for hit in found] == [
        ("Thông cáo về thông tin sai sự thật", 6), ("Thông cáo, phát ngôn", 3),
        ("Tin tức", 3), ("Trang chủ", 2)]
    assert found[0].date == datetime.date(2026, 6, 1)
    assert found[0].section.pk == tree.statements.pk and found[3].section is None


# Scope -----------------------------------------------------------------------------------------


def test_only_live_public_pages_of_this_commune_and_language(tree, cam_thach):
    article(tree.news, "Lễ hội đua thuyền", datetime.date(2026, 4, 1))
    article(tree.news, "Lễ hội chưa đăng", datetime.date(2026, 4, 2), live=False)
    changed = article(tree.news, "Tin đã đăng", datetime.date(2026, 4, 3))
    changed.title = "Lễ hội trong bản nháp"
    changed.save_revision()  # a newer draft of a published page
    private = article(tree.news, "Lễ hội nội bộ", datetime.date(2026, 4, 4))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    unpublished = article(tree.news, "Lễ hội đã gỡ", datetime.date(2026, 4, 5))
    unpublished.unpublish()
    other = build(cam_thach)
    article(other.news, "Lễ hội của xã khác", datetime.date(2026, 4, 6))
    english = publish(tree.news.copy_for_translation(Locale.objects.get(language_code="en")))
    article(english, "Boat racing festival (Lễ hội)", datetime.date(2026, 4, 7),
            slug="boat-racing")
    assert titles(tree.home, "le hoi") == ["Lễ hội đua thuyền"]
    assert titles(other.home, "le hoi") == ["Lễ hội của xã khác"]
    assert titles(tree.home_en, "festival") == ["Boat racing festival (Lễ hội)"]
    assert titles(tree.home_en, "le hoi") == ["Boat racing festival (Lễ hội)"]
    assert titles(tree.home, "festival") == []


def test_what_is_published_or_withdrawn_is_searched_at_once(tree):
    article(tree.news, "Mùa vàng trên đồng", datetime.date(2026, 9, 1))
    assert titles(tree.home, "mua vang") == ["Mùa vàng trên đồng"]
    later = article(tree.news, "Mùa vàng năm nay", datetime.date(2026, 10, 1))
    assert titles(tree.home, "mua vang") == ["Mùa vàng năm nay", "Mùa vàng trên đồng"]
    later.unpublish()
    assert titles(tree.home, "mua vang") == ["Mùa vàng trên đồng"]
    later.title = "Vụ mùa bội thu"
    publish(later)
    assert titles(tree.home, "mua vang") == ["Mùa vàng trên đồng", "Vụ mùa bội thu"]
    assert [hit.score for hit in results(tree.home, "mua vang").hits] == [6, 3]
    PageViewRestriction.objects.create(page=tree.news, restriction_type="login")
    assert titles(tree.home, "mua vang") == []


def test_english_address_searches_the_english_tree(client, cam_tan, tree):
    english = publish(tree.news.copy_for_translation(Locale.objects.get(language_code="en")))
    article(english, "Commune radio is back on air", datetime.date(2026, 4, 7), slug="radio")
    article(tree.news, "Radio của xã", datetime.date(2026, 4, 8))
    response = get(client, cam_tan, "/en/tim-kiem/?q=radio")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "Commune <mark>radio</mark> is back on air" in body
    assert "Radio của xã" not in body
    vietnamese = get(client, cam_tan, "/tim-kiem/?q=radio").content.decode()
    assert "<mark>Radio</mark> của xã" in vietnamese and "back on air" not in vietnamese


# The page --------------------------------------------------------------------------------------


def test_results_page_marks_matches_on_the_original_text_and_escapes_it(client, cam_tan, tree):
    page = article(tree.news, "Đài truyền thanh xã", datetime.date(2026, 2, 1),
                   summary="<script>alert(1)</script> Đài truyền thanh & <b>đậm</b>",
                   text="Nghe đài truyền thanh Cẩm Tân mỗi sáng. " + FILLER)
    response = get(client, cam_tan, "/tim-kiem/?q=dai+truyen+thanh")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert" not in body and "<b>đậm" not in body
    assert ("&lt;script&gt;alert(1)&lt;/script&gt; <mark>Đài</mark> <mark>truyền</mark> "
            "<mark>thanh</mark> &amp; &lt;b&gt;đậm&lt;/b&gt;") in body
    assert (f'<a href="{page.relative_url(page.get_site())}"><mark>Đài</mark> <mark>truyền</mark>'
            " <mark>thanh</mark> xã</a>") in body
    assert "Nghe <mark>đài</mark> <mark>truyền</mark> <mark>thanh</mark> Cẩm Tân mỗi sáng." in body
    assert 'name="robots" content="noindex' in body
    assert "1 kết quả" in body


def test_a_snippet_starts_at_the_first_match_far_into_the_text(tree):
    article(tree.news, "Bản tin", datetime.date(2026, 2, 1),
            text=FILLER + "Cầu treo bản Mười được sửa xong. " + FILLER)
    found = search.search(tree.home, search.parse_query("cau treo"))
    parts = search.display(found.hits, None, found.query)[0].snippet
    assert parts[0] == ("… ", False)
    assert [piece for piece, marked in parts if marked] == ["Cầu", "treo"]


def test_empty_short_and_no_result_queries_say_what_to_do(client, cam_tan, tree):
    empty = get(client, cam_tan, "/tim-kiem/").content.decode()
    assert "Hãy nhập từ khóa cần tìm" in empty
    short = get(client, cam_tan, "/tim-kiem/?q=a").content.decode()
    assert "Từ khóa quá ngắn" in short
    none = get(client, cam_tan, "/tim-kiem/?q=khongcotu").content.decode()
    assert "Không tìm thấy kết quả nào cho “khongcotu”." in none
    assert "Kiểm tra lại chính tả" in none and "Không cần gõ dấu" in none
    assert client.post("/tim-kiem/", HTTP_HOST=cam_tan.site.hostname).status_code == 405


def test_hostile_input_is_answered_calmly(client, cam_tan, tree):
    article(tree.news, "Chuyện thường ngày", datetime.date(2026, 2, 1))
    for value in ["x" * 10_000, "\x00\x00", "‮tin‬", '" OR 1=1 --', "body:tin NEAR(a b)",
                  "'a' <-> 'b' | !c", "tin&page=abc"]:
        response = client.get("/tim-kiem/", {"q": value, "page": "abc", "nam": "²⁰²⁶",
                                             "muc": "?"}, HTTP_HOST=cam_tan.site.hostname)
        assert response.status_code == 200, value
    assert titles(tree.home, '"thuong" OR') == ["Chuyện thường ngày"]
    assert get(client, cam_tan, "/tim-kiem/?q=thuong&nam=" + "9" * 5000).status_code == 200


# Filters and pages -------------------------------------------------------------------------


def test_filters_by_section_and_year_with_counts(client, cam_tan, tree):
    article(tree.news, "Hội chợ xuân 2025", datetime.date(2025, 2, 1))
    article(tree.news, "Hội chợ xuân 2026", datetime.date(2026, 2, 1))
    publish(tree.statements.add_child(instance=StatementPage(
        title="Thông cáo về hội chợ", slug="hoi-cho", spokesperson="Chủ tịch",
        date=datetime.date(2026, 3, 1))))
    everything = results(tree.home, "hoi cho")
    assert everything.total == 3
    assert [(page.slug, count) for page, count in everything.sections] == [
        ("tin-tuc", 2), ("thong-cao", 1)]
    assert everything.years == [(2026, 2), (2025, 1)]
    news = results(tree.home, "hoi cho", section="tin-tuc")
    assert [hit.title for hit in news.hits] == ["Hội chợ xuân 2026", "Hội chợ xuân 2025"]
    assert news.years == [(2026, 1), (2025, 1)]
    in_2026 = results(tree.home, "hoi cho", year=2026)
    assert [hit.title for hit in in_2026.hits] == ["Thông cáo về hội chợ", "Hội chợ xuân 2026"]
    assert [(page.slug, count) for page, count in in_2026.sections] == [
        ("tin-tuc", 1), ("thong-cao", 1)]
    assert titles(tree.home, "hoi cho", section="thong-cao", year=2025) == []
    page = get(client, cam_tan, "/tim-kiem/?q=hoi+cho&muc=thong-cao&nam=2025").content.decode()
    assert "trong mục hoặc năm đã chọn, nhưng có 3 kết quả" in page
    assert "Xem tất cả kết quả" in page
    page = get(client, cam_tan, "/tim-kiem/?q=hoi+cho&muc=tin-tuc").content.decode()
    assert '<option value="tin-tuc" selected>Tin tức (2)</option>' in page
    assert '<option value="2025">2025 (1)</option>' in page


def test_pages_of_results_and_a_query_count_that_does_not_grow(client, cam_tan, tree):
    """The shown results are loaded one query per page type, whatever their number."""
    publish(tree.home.add_child(instance=ContentPage(
        title="Giới thiệu", slug="gioi-thieu", summary="Lịch sử xã")))
    for day in range(1, 3):
        article(tree.news, f"Lịch sử số {day}", datetime.date(2026, 1, day))

    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            response = get(client, cam_tan, path)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    queries("/tim-kiem/?q=lich+su")  # caches warm (content types, site root paths)
    few, body = queries("/tim-kiem/?q=lich+su")  # two articles and the profile page
    assert "Có 3 kết quả" in body and 'rel="next"' not in body
    for day in range(3, 25):
        article(tree.news, f"Lịch sử số {day}", datetime.date(2026, 1, day))
    queries("/tim-kiem/?q=lich+su")  # the tree's pages read again (one query, once)
    many, body = queries("/tim-kiem/?q=lich+su&page=3")  # four articles and the profile page
    assert many == few
    assert "Có 25 kết quả" in body and 'rel="prev"' in body
    assert "Giới thiệu</a></h2>" in body and "số 4</a>" in body and "số 5</a>" not in body
    _first, body = queries("/tim-kiem/?q=lich+su")
    assert 'rel="next"' in body and "số 24</a>" in body and "Giới thiệu</a></h2>" not in body


# Documents ---------------------------------------------------------------------------------------


def test_issued_plans_are_found_in_the_documents_section(tree, cam_tan):
    documents = publish(tree.home.add_child(instance=DocumentIndexPage(
        title="Văn bản chỉ đạo, điều hành", slug="van-ban")))
    issued = Plan.objects.create(commune=cam_tan, title="Thông tin đối ngoại năm 2026",
                                 symbol="216/KH-UBND", status=PlanStatus.ISSUED,
                                 issued_on=datetime.date(2026, 1, 5))
    Plan.objects.create(commune=cam_tan, title="Thông tin đối ngoại (dự thảo)",
                        status=PlanStatus.DRAFT)
    found = search.search(tree.home, search.parse_query("doi ngoai"))
    assert [hit.title for hit in found.hits] == ["Thông tin đối ngoại năm 2026"]
    hit = search.display(found.hits, None, found.query)[0]
    assert (hit.kind, hit.pk, hit.section.pk) == ("plan", issued.pk, documents.pk)
    assert hit.url.endswith(f"/van-ban/{issued.pk}/")
    assert results(tree.home, "216 kh ubnd").hits[0].pk == issued.pk

"""The public half of the desk on a commune's own host: tip form, receipt, status, erasure and the
published clarification with its ClaimReview — in Vietnamese and under /en/."""

import io
import json
import re
import time
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from ttdn.cases import services
from ttdn.cases.forms import new_key, sign_started
from ttdn.cases.intake import TipInput
from ttdn.cases.models import Case, CaseNote, Channel, Republication, Tip
from ttdn.org.models import Commune, Role
from ttdn.portal.models import HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_caches")]

HOST = "xa15178.localhost"  # Cẩm Tân in the `world` fixture
OTHER_HOST = "xa15142.localhost"  # Cẩm Thạch
FORM = "/bao-tin-sai-su-that/"
FORM_EN = "/en/bao-tin-sai-su-that/"
RUMOUR = "Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa."
REWORDED = ("Nghe nói cán bộ xã Cẩm Tân đã ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn "
            "Đông Hòa, mọi người chia sẻ gấp!")
CLAIM_LINK = "https://www.facebook.com/tin-don/123"


@pytest.fixture
def client(world):
    return Client(HTTP_HOST=HOST)


@pytest.fixture
def officer(world):
    return world["cam-tan"][Role.CULTURE_OFFICER]


def form_data(text=RUMOUR, *, key=None, age=60, **fields):
    """What a browser sends after a person spent ``age`` seconds on the form."""
    key = key or new_key()
    data = {"text": text, "links": "", "platform": "", "seen_on": "", "reporter_name": "",
            "reporter_phone": "", "reporter_email": "", "hp_note": "",
            "idempotency_key": key, "started": sign_started(key, time.time() - age)}
    data.update(fields)
    return data


def body(response) -> str:
    return response.content.decode()


def receipt_of(response) -> str:
    match = re.search(r"TT-[A-Z0-9]{5}-[A-Z0-9]{5}", response["Location"])
    assert match, response["Location"]
    return match.group(0)


def publish(case, officer, *, verdict="false", title="Không có chuyện ăn chặn tiền cứu trợ",
            body_text="UBND xã khẳng định thông tin trên là sai sự thật.", **english):
    if case.status == "new":
        case = services.case_triage(case=case, actor=officer, category="false",
                                    severity="high")
    village = Case.objects.get(pk=case.pk).commune.units.get(name="Thôn Một")
    case = services.case_assign(case=case, actor=officer, lead_unit=village)
    case = services.case_start_verifying(case=case, actor=officer)
    case = services.case_verdict(case=case, actor=officer, verdict=verdict,
                                 summary="Đã đối chiếu sổ sách, không có khoản nào bị ăn chặn.")
    services.clarification_save(case=case, actor=officer, title=title, body=body_text,
                                sources=["https://camtan.thanhhoa.gov.vn/thong-bao/1"],
                                **english)
    return services.case_respond(case=case, actor=officer)


# The form ----------------------------------------------------------------------------------


@pytest.mark.portal
def test_the_form_in_vietnamese(client):
    response = client.get(FORM)
    assert response.status_code == 200
    html = body(response)
    assert '<html lang="vi">' in html
    # in the frame of the commune's portal (its home page's title after the page's)
    home = HomePage.objects.get(commune__slug="cam-tan", locale__language_code="vi")
    assert f"<title>Báo tin sai sự thật – {home.title}</title>" in html
    assert 'class="wrap wrap--narrow desk"' in html
    assert "no-store" in response["Cache-Control"]
    assert 'name="idempotency_key"' in html and 'name="csrfmiddlewaretoken"' in html
    # consent is explicit and never pre-ticked
    consent = re.search(r"<input[^>]*name=\"consent\"[^>]*>", html).group(0)
    assert "checked" not in consent
    assert "90 ngày" in html and "mã tiếp nhận" in html
    # the honeypot is out of sight, out of the tab order and out of the accessibility tree
    assert re.search(r'<div class="hp" aria-hidden="true">', html)
    assert re.search(r'<input[^>]*name="hp_note"[^>]*tabindex="-1"', html)
    # every visible input has its label
    for name in ("text", "links", "files", "platform", "seen_on", "reporter_name",
                 "reporter_phone", "reporter_email", "consent"):
        assert f'for="id_{name}"' in html, name
    # no inline script or style (CSP)
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*ld\+json)", html)
    assert " style=" not in html
    assert 'href="/en/bao-tin-sai-su-that/"' in html


def test_the_form_in_english(client):
    response = client.get(FORM_EN)
    assert response.status_code == 200
    html = body(response)
    assert '<html lang="en">' in html
    assert 'href="/bao-tin-sai-su-that/"' in html and 'hreflang="vi"' in html
    assert response["Content-Language"] == "en"


def test_a_tip_lands_with_a_receipt_and_a_status_page(client):
    response = client.post(FORM, form_data(
        links=f"{CLAIM_LINK}\nhttps://zalo.me/g/abc", platform="facebook",
        seen_on="2026-01-05"))
    assert response.status_code == 303, body(response)[:2000]
    code = receipt_of(response)
    tip = Tip.objects.get(receipt=code)
    assert tip.channel == Channel.PORTAL and tip.text == RUMOUR and tip.language == "vi"
    assert tip.idempotency_key.startswith("web:")
    assert len(tip.links) == 2 and not tip.has_contact

    receipt_page = client.get(response["Location"])
    assert receipt_page.status_code == 200
    html = body(receipt_page)
    assert code in html and "Hãy ghi lại hoặc chụp màn hình mã này." in html
    assert f"/bao-tin-sai-su-that/tra-cuu/{code}/" in html
    assert "no-store" in receipt_page["Cache-Control"]

    status = client.get(f"/bao-tin-sai-su-that/tra-cuu/{code}/")
    assert status.status_code == 200
    html = body(status)
    assert "Đã tiếp nhận" in html and 'aria-current="step"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert status["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in status["Cache-Control"]


def test_a_double_click_or_a_retried_post_lands_once(client):
    data = form_data()
    first = client.post(FORM, data)
    second = client.post(FORM, data)
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert Tip.objects.count() == 1


def test_a_retry_after_the_form_expired_still_shows_the_receipt(client):
    data = form_data()
    first = client.post(FORM, data)
    key = data["idempotency_key"]
    late = client.post(FORM, {**data, "started": sign_started(key, time.time() - 3 * 3600)})
    assert late.status_code == 303 and late["Location"] == first["Location"]
    assert Tip.objects.count() == 1


def test_going_back_and_changing_the_text_files_a_second_tip(client):
    data = form_data()
    first = client.post(FORM, data)
    second = client.post(FORM, {**data, "text": "Một tin khác hẳn: giả danh cán bộ thu tiền."})
    assert receipt_of(first) != receipt_of(second)
    assert Tip.objects.count() == 2


def test_the_honeypot_holds_back_robots_and_keeps_the_text(client):
    response = client.post(FORM, form_data(hp_note="http://spam.example"))
    assert response.status_code == 400
    html = body(response)
    assert "ô ẩn" in html and RUMOUR in html
    assert not Tip.objects.exists()


@pytest.mark.parametrize("age,message", [
    (1, "quá nhanh"),
    (2 * 60 * 60 + 30, "quá 2 giờ"),
])
def test_the_time_trap_keeps_the_form(client, age, message):
    data = form_data(age=age)
    response = client.post(FORM, data)
    assert response.status_code == 400
    html = body(response)
    assert message in html and RUMOUR in html
    assert not Tip.objects.exists()
    # the re-shown form keeps its idempotency key, with a fresh time token
    assert f'name="idempotency_key" value="{data['idempotency_key']}"' in html
    assert f'value="{data['started']}"' not in html


def test_a_forged_time_token_is_refused(client):
    data = form_data()
    data["started"] = sign_started(new_key(), time.time() - 60)  # signed for another key
    response = client.post(FORM, data)
    assert response.status_code == 400 and "không hợp lệ hoặc đã cũ" in body(response)
    assert not Tip.objects.exists()


def test_the_rate_limit_answers_429_with_retry_after_and_keeps_the_text(client, settings):
    settings.TTDN_CASES_TIP_RATE = (2, 3600)
    for n in range(2):
        assert client.post(FORM, form_data(f"Tin đồn số {n} về xã")).status_code == 303
    response = client.post(FORM, form_data("Tin thứ ba, đã nhập rất dài"))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    html = body(response)
    assert "Tin thứ ba, đã nhập rất dài" in html and "quá nhiều tin báo" in html
    assert 'class="error-summary"' not in html  # nothing wrong with what was typed
    assert Tip.objects.count() == 2
    # English under /en/
    english = client.post(FORM_EN, form_data("Tin thứ tư"))
    assert english.status_code == 429 and '<html lang="en">' in body(english)
    # another address is not affected
    other = Client(HTTP_HOST=HOST, REMOTE_ADDR="203.0.113.9")
    assert other.post(FORM, form_data("Tin từ máy khác")).status_code == 303


def test_too_large_a_request_is_refused_cleanly(client):
    response = client.post(FORM, form_data(), CONTENT_LENGTH=str(60 * 1024 * 1024))
    assert response.status_code == 413
    assert "55 MB" in body(response)
    assert not Tip.objects.exists()


@pytest.mark.parametrize("fields,field,message", [
    ({"text": "   "}, "text", "Vui lòng nhập nội dung thông tin đã thấy."),
    ({"text": "x" * 100_000}, "text", "vượt giới hạn 5.000 ký tự"),
    ({"text": "tin a\x00b"}, "text", "NUL"),
    ({"links": "javascript:alert(1)"}, "links", "http:// hoặc https://"),
    ({"reporter_phone": "0912 345 678", "consent": ""}, "consent", "đánh dấu ô đồng ý"),
    ({"reporter_email": "khong-phai-email"}, "reporter_email", "thư điện tử không hợp lệ"),
    ({"seen_on": "2999-01-01"}, "seen_on", "sau hôm nay"),
])
def test_bad_input_is_shown_beside_its_field_and_nothing_typed_is_lost(
    client, fields, field, message
):
    data = form_data(**{"reporter_name": "Lê Thị Bình", "consent": "on", **fields})
    response = client.post(FORM, data)
    assert response.status_code == 400
    html = body(response)
    error = re.search(rf'<p class="field-error" id="id_{field}_error">(.*?)</p>', html, re.S)
    assert error and message in error.group(1), html[:3000]
    assert re.search(rf'<[^>]*name="{field}"[^>]*aria-describedby="[^"]*id_{field}_error', html) \
        or re.search(rf'aria-describedby="[^"]*id_{field}_error[^"]*"[^>]*name="{field}"', html)
    assert 'class="error-summary" role="alert"' in html
    # what was typed comes back (NUL-free text, the name) and the time token is fresh
    shown_text = fields.get("text", RUMOUR).replace("\x00", "")
    assert shown_text.strip()[:50] in html or not shown_text.strip()
    assert "Lê Thị Bình" in html
    assert not Tip.objects.exists()


def test_errors_under_en_are_in_english(client):
    response = client.post(FORM_EN, form_data("   "))
    assert response.status_code == 400
    html = body(response)
    assert '<html lang="en">' in html
    with translation.override("en"):
        expected = translation.gettext("Vui lòng nhập nội dung thông tin đã thấy.")
    assert expected in html


def test_an_executable_posing_as_a_screenshot_is_refused(client):
    fake = SimpleUploadedFile("anh.png", b"MZ\x90\x00" + b"\x00" * 200, "image/png")
    response = client.post(FORM, {**form_data(), "files": [fake]})
    assert response.status_code == 400
    html = body(response)
    assert "không phải là PNG thật" in html
    assert "vui lòng chọn lại tệp" in html  # files cannot come back: the reader is told
    assert RUMOUR in html
    assert not Tip.objects.exists()


def test_a_real_screenshot_is_accepted(client):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="PNG")
    shot = SimpleUploadedFile("anh.png", buffer.getvalue(), "image/png")
    response = client.post(FORM, {**form_data(), "files": [shot]})
    assert response.status_code == 303
    assert Tip.objects.get().attachments.count() == 1


def test_nfd_text_is_stored_as_nfc(client):
    response = client.post(FORM, form_data(unicodedata.normalize("NFD", RUMOUR)))
    assert response.status_code == 303
    assert Tip.objects.get().text == RUMOUR


def test_contact_with_consent_is_kept(client):
    response = client.post(FORM, form_data(reporter_name="Lê Thị Bình",
                                           reporter_phone="0912 345 678", consent="on"))
    assert response.status_code == 303
    tip = Tip.objects.get()
    assert tip.consent and tip.consent_at and tip.reporter_name == "Lê Thị Bình"


# Status ------------------------------------------------------------------------------------


def file_tip(**fields):
    commune = Commune.objects.get(slug="cam-tan")
    return services.tip_submit(commune=commune, data=TipInput(**{"text": RUMOUR, **fields})).tip


def test_the_status_shows_the_clarification_once_published(client, officer):
    tip = file_tip(links=(CLAIM_LINK,))
    url = f"/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/"
    assert re.search(r'stage-current stage-received stage-now"\s+aria-current="step"',
                     body(client.get(url)))
    case = services.case_triage(case=tip.case, actor=officer, category="false", severity="high")
    html = body(client.get(url))
    assert "Không có chuyện ăn chặn" not in html and "Kết luận:" not in html
    publish(case, officer)
    html = body(client.get(url))
    assert "Không có chuyện ăn chặn tiền cứu trợ" in html
    assert "Kết luận" in html and "Sai sự thật" in html
    assert re.search(r'stage-done stage-published stage-now"\s+aria-current="step"', html)
    assert f"/cai-chinh/{tip.case_id}/" in html
    # English reader, no English text yet: the Vietnamese one, with a note
    english = body(client.get(f"/en/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/"))
    assert 'lang="vi"' in english and "Không có chuyện ăn chặn tiền cứu trợ" in english


def test_the_status_follows_a_merged_case(client, officer):
    tip = file_tip()
    survivor = file_tip(text="Một vụ việc khác về lừa đảo giả danh cán bộ thu tiền điện.").case
    publish(survivor, officer, title="Cảnh báo giả danh thu tiền điện")
    Case.objects.filter(pk=tip.case_id).update(merged_into=survivor, status="closed")
    html = body(client.get(f"/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/"))
    assert "Cảnh báo giả danh thu tiền điện" in html


def test_status_and_pages_show_no_personal_data(client, officer, world):
    tip = file_tip(reporter_name="Lê Thị Bình", reporter_phone="0912 345 678",
                   reporter_email="binh@example.vn", consent=True)
    other = file_tip(text=REWORDED, reporter_name="Trần Văn Khánh", consent=True)
    assert other.case_id == tip.case_id
    CaseNote.objects.create(case=tip.case, commune=tip.commune, author=officer, kind="note",
                            text="Ghi chú nội bộ: nghi do ông Tư tung tin.")
    publish(tip.case, officer)
    pages = [
        client.get(f"/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/"),
        client.get(f"/en/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/"),
        client.get(f"/bao-tin-sai-su-that/da-tiep-nhan/{tip.receipt}/"),
        client.get(f"/cai-chinh/{tip.case_id}/"),
    ]
    for response in pages:
        assert response.status_code == 200
        html = body(response)
        for secret in ("Lê Thị Bình", "0912 345 678", "binh@example.vn", "Trần Văn Khánh",
                       other.receipt, "mọi người chia sẻ gấp", "Ghi chú nội bộ", "Thôn Một",
                       officer.get_full_name(), officer.username):
            assert secret not in html, (response.request["PATH_INFO"], secret)


@pytest.mark.parametrize("path", [
    "/bao-tin-sai-su-that/tra-cuu/TT-AAAAA-BBBBB/",
    "/bao-tin-sai-su-that/da-tiep-nhan/TT-AAAAA-BBBBB/",
    "/bao-tin-sai-su-that/tra-cuu/khong-phai-ma/",
    "/bao-tin-sai-su-that/tra-cuu/?receipt=TT-12",
])
def test_unknown_receipts_all_get_the_same_not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Không tìm thấy tin báo với mã này." in body(response)
    assert "no-store" in response["Cache-Control"]


def test_a_receipt_of_another_commune_is_not_found_here(client, world):
    tip = file_tip()
    other_host = Client(HTTP_HOST=OTHER_HOST)
    response = other_host.get(f"/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/")
    assert response.status_code == 404


def test_the_lookup_form_finds_a_code_however_it_is_typed(client):
    tip = file_tip()
    typed = tip.receipt.lower().replace("-", " ")
    response = client.get("/bao-tin-sai-su-that/tra-cuu/", {"receipt": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/"


def test_lookups_are_rate_limited(client, settings):
    settings.TTDN_CASES_LOOKUP_RATE = (3, 3600)
    for _ in range(3):
        assert client.get("/bao-tin-sai-su-that/tra-cuu/TT-AAAAA-BBBBB/").status_code == 404
    response = client.get("/bao-tin-sai-su-that/tra-cuu/TT-AAAAA-CCCCC/")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_an_unknown_host_is_not_found_in_the_readers_language(world):
    stranger = Client(HTTP_HOST="khong-co-xa.localhost")
    vi = stranger.get(FORM)
    en = stranger.get(FORM_EN)
    assert vi.status_code == en.status_code == 404
    assert "Không tìm thấy trang" in body(vi)
    assert "Page not found" in body(en)


def test_the_reporter_erases_her_contact_with_the_button(client):
    tip = file_tip(reporter_email="binh@example.vn", consent=True)
    url = f"/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/"
    assert "Xóa thông tin liên hệ của tôi" in body(client.get(url))
    response = client.post(url)
    assert response.status_code == 303 and response["Location"] == f"{url}?xoa=1"
    tip.refresh_from_db()
    assert tip.reporter_email == "" and tip.contact_erased_at
    confirmation = body(client.get(response["Location"]))
    assert "Nếu tin báo này có thông tin liên hệ, thông tin đó đã được xóa." in confirmation
    # the same neutral answer for a tip that never had a contact
    anonymous = file_tip(text="Tin báo ẩn danh khác hẳn về giá phân bón.")
    again = client.post(f"/bao-tin-sai-su-that/tra-cuu/{anonymous.receipt}/")
    assert again.status_code == 303 and again["Location"].endswith("?xoa=1")


def test_the_erasure_form_needs_its_csrf_token(world):
    tip = file_tip(reporter_email="binh@example.vn", consent=True)
    strict = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    response = strict.post(f"/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/")
    assert response.status_code == 403
    tip.refresh_from_db()
    assert tip.reporter_email == "binh@example.vn"


def test_the_tip_form_needs_its_csrf_token(world):
    strict = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    assert strict.post(FORM, form_data()).status_code == 403
    assert not Tip.objects.exists()


def test_the_language_switch_keeps_the_page(client):
    tip = file_tip()
    html = body(client.get(f"/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/"))
    assert f'href="/en/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/"' in html


# Published clarification -------------------------------------------------------------------


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_the_clarification_page_carries_a_claim_review(client, officer):
    tip = file_tip(links=(CLAIM_LINK,))
    url = f"/cai-chinh/{tip.case_id}/"
    assert client.get(url).status_code == 404  # not yet published
    publish(tip.case, officer, title_en="No relief money was withheld",
            body_en="The commune confirms the claim is false.")
    response = client.get(url)
    assert response.status_code == 200
    html = body(response)
    assert "Không có chuyện ăn chặn tiền cứu trợ" in html
    review = json_ld(html)
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == RUMOUR
    assert review["url"] == f"http://{HOST}{url}"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Sai sự thật",
                                      "ratingValue": 1, "bestRating": 5, "worstRating": 1}
    assert review["author"]["@type"] == "GovernmentOrganization"
    assert review["author"]["name"] == "UBND xã Cẩm Tân"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "url": CLAIM_LINK}]

    english = client.get(f"/en{url}")
    assert english.status_code == 200
    html_en = body(english)
    assert "No relief money was withheld" in html_en
    review_en = json_ld(html_en)
    assert review_en["inLanguage"] == "en" and review_en["url"] == f"http://{HOST}/en{url}"
    with translation.override("en"):
        assert review_en["reviewRating"]["alternateName"] == translation.gettext("Sai sự thật")


def test_a_claim_cannot_break_out_of_the_json_ld(client, officer):
    tip = file_tip(text="Tin đồn </script><script>alert(1)</script> lan truyền trong xã")
    publish(tip.case, officer)
    html = body(client.get(f"/cai-chinh/{tip.case_id}/"))
    assert "<script>alert(1)" not in html
    assert json_ld(html)["claimReviewed"].startswith("Tin đồn </script>")


def test_a_true_claim_lists_no_appearances(client, officer):
    tip = file_tip(links=(CLAIM_LINK,))
    publish(tip.case, officer, verdict="true")
    review = json_ld(body(client.get(f"/cai-chinh/{tip.case_id}/")))
    assert review["reviewRating"]["ratingValue"] == 5
    assert "appearance" not in review["itemReviewed"]


def test_the_clarification_is_served_only_where_it_belongs(client, officer, world):
    tip = file_tip()
    publish(tip.case, officer)
    url = f"/cai-chinh/{tip.case_id}/"
    other = Client(HTTP_HOST=OTHER_HOST)
    assert other.get(url).status_code == 404
    Republication.objects.create(clarification=tip.case.clarification,
                                 commune=world["cam-thach"]["commune"])
    assert other.get(url).status_code == 200
    assert client.get("/cai-chinh/999999/").status_code == 404


def test_a_commune_with_tips_on_the_case_serves_it(officer, world):
    tip = file_tip()
    services.tip_submit(commune=world["cam-thach"]["commune"],
                        data=TipInput(text=REWORDED))
    publish(tip.case, officer)
    other = Client(HTTP_HOST=OTHER_HOST)
    assert other.get(f"/cai-chinh/{tip.case_id}/").status_code == 200


# Every public route ----------------------------------------------------------------------


def _public_paths(receipt: str, case_id: int) -> list[str]:
    from ttdn.cases import urls_public

    values = {"receipt": receipt, "case_id": case_id}
    paths = []
    for pattern in urls_public.urlpatterns:
        route = str(pattern.pattern)
        for name in pattern.pattern.converters:
            route = re.sub(rf"<(\w+:)?{name}>", str(values[name]), route)
        paths.append("/" + route)
    return paths


def test_every_public_route_has_the_security_headers_and_refuses_forged_posts(officer):
    tip = file_tip(reporter_email="binh@example.vn", consent=True)
    publish(tip.case, officer)
    paths = _public_paths(tip.receipt, tip.case_id)
    assert len(paths) == 10
    browser = Client(HTTP_HOST=HOST)
    strict = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    problems = []
    for path in paths:
        response = browser.get(path)
        checks = {
            "200": response.status_code == 200,
            "nosniff": response.get("X-Content-Type-Options") == "nosniff",
            "referrer": response.get("Referrer-Policy") == "same-origin",
            "frame": response.get("X-Frame-Options") == "DENY",
            "csp": "frame-ancestors 'none'" in response.get("Content-Security-Policy", ""),
            "request id": bool(response.get("X-Request-ID")),
            "no cookie but CSRF": set(response.cookies) <= {"csrftoken"},
        }
        if "/bao-tin-sai-su-that/" in path:  # forms, receipts and status: never stored
            checks["no-store"] = "no-store" in response.get("Cache-Control", "")
        problems += [f"GET {path}: {name}" for name, ok in checks.items() if not ok]
        for method in ("post", "put", "delete"):
            status = getattr(strict, method)(path).status_code
            if status not in (403, 405):
                problems.append(f"{method.upper()} {path} without token → {status}")
    assert not problems, problems
    tip.refresh_from_db()
    assert tip.reporter_email == "binh@example.vn"

"""The desk's public API: POST /api/v1/tips (idempotent), GET /api/v1/tips/{receipt},
GET /api/v1/clarifications, the OpenAPI schema — and what must never come out of it."""

import json
import unicodedata
import uuid

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ttdn.cases import services
from ttdn.cases.intake import TipInput
from ttdn.cases.models import Channel, Tip
from ttdn.org.models import Commune, Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_caches")]

TIPS = "/api/v1/tips"
RUMOUR = "Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa."


@pytest.fixture
def api(world):
    # Strict CSRF checking, as a browser would meet it: the API must not need a token.
    return Client(enforce_csrf_checks=True)


def post(client, payload, key=None, **extra):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(TIPS, data=json.dumps(payload), content_type="application/json",
                       headers=headers, **extra)


def tip(text=RUMOUR, **fields):
    return {"commune": "15178", "text": text, **fields}


def test_a_tip_is_created_without_csrf_token_or_cookie(api):
    response = post(api, tip(links=["https://www.facebook.com/p/1"], platform="facebook",
                             seen_on="2026-01-05"), key=str(uuid.uuid4()))
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == {"receipt", "status_url"}
    assert data["status_url"] == (f"http://xa15178.localhost/bao-tin-sai-su-that/tra-cuu/"
                                  f"{data['receipt']}/")
    stored = Tip.objects.get(receipt=data["receipt"])
    assert stored.channel == Channel.API and stored.commune.slug == "cam-tan"
    assert not response.cookies  # no session, no CSRF cookie
    assert "no-store" in response["Cache-Control"]


def test_the_commune_may_be_given_by_slug(api):
    assert post(api, tip(commune="cam-thach")).status_code == 201
    assert Tip.objects.get().commune.slug == "cam-thach"


def test_a_replay_with_the_same_key_lands_once(api):
    key = str(uuid.uuid4())
    first = post(api, tip(), key=key)
    again = post(api, tip(), key=key)
    assert first.status_code == 201 and again.status_code == 200
    assert first.json() == again.json()
    assert Tip.objects.count() == 1


def test_the_same_key_with_another_text_is_refused(api):
    key = str(uuid.uuid4())
    post(api, tip(), key=key)
    response = post(api, tip("Một nội dung hoàn toàn khác về giá điện."), key=key)
    assert response.status_code == 422
    assert response.json()["field"] == "Idempotency-Key"
    assert Tip.objects.count() == 1


@pytest.mark.parametrize("payload,field,message", [
    (tip("   "), "text", "Vui lòng nhập nội dung thông tin đã thấy."),
    (tip("x" * 100_000), "text", "vượt giới hạn 5.000 ký tự"),
    (tip("tin a\x00b"), "text", "NUL"),
    (tip(links=["javascript:alert(1)"]), "links", "http:// hoặc https://"),
    (tip(reporter_phone="0912 345 678"), "consent", "đánh dấu ô đồng ý"),
    (tip(platform="myspace"), "platform", "Nơi phát hiện không hợp lệ."),
    (tip(commune="99999"), "commune", "Không tìm thấy xã"),
    (tip(text=123), "text", "không hợp lệ"),
    (tip(seen_on="hôm qua"), "seen_on", "không hợp lệ"),
    ({"text": RUMOUR}, "commune", "Thiếu trường"),
])
def test_bad_input_answers_400_with_field_and_vietnamese_message(api, payload, field, message):
    response = post(api, payload, key=str(uuid.uuid4()))
    assert response.status_code == 400, response.content
    data = response.json()
    assert data["field"] == field and message in data["message"], data
    assert not Tip.objects.exists()


def test_a_bad_key_and_bad_json_are_400(api):
    assert post(api, tip(), key="ngắn").status_code == 400
    response = api.post(TIPS, data="{không phải json", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"field": None,
                               "message": "Nội dung yêu cầu phải là một đối tượng JSON hợp lệ."}
    response = api.post(TIPS, data="[1, 2]", content_type="application/json")
    assert response.status_code == 400 and response.json()["message"]


def test_half_a_utf16_pair_is_refused_not_stored(api):
    # JSON escapes: a lone surrogate, then "ạ"
    body = b'{"commune": "15178", "text": "tin \\ud800 l\\u1ea1"}'
    response = api.post(TIPS, data=body, content_type="application/json")
    assert response.status_code == 400 and response.json()["field"] == "text"
    assert not Tip.objects.exists()


def test_only_json_is_accepted(api):
    response = api.post(TIPS, data=json.dumps(tip()), content_type="text/plain")
    assert response.status_code == 415
    response = api.post(TIPS, data={"commune": "15178", "text": RUMOUR})  # a web form
    assert response.status_code == 415
    assert not Tip.objects.exists()


def test_too_large_a_body_is_413(api):
    response = post(api, tip("x" * 600_000))
    assert response.status_code == 413
    assert not Tip.objects.exists()


def test_nfd_is_stored_as_nfc(api):
    response = post(api, tip(unicodedata.normalize("NFD", RUMOUR)))
    assert response.status_code == 201
    assert Tip.objects.get().text == RUMOUR


def test_the_rate_limit_answers_429_with_retry_after(api, settings):
    settings.TTDN_CASES_TIP_RATE = (2, 3600)
    assert post(api, tip("Tin đồn thứ nhất về xã")).status_code == 201
    assert post(api, tip("Tin đồn thứ hai về giá phân bón")).status_code == 201
    response = post(api, tip("Tin đồn thứ ba"))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert response.json()["message"].startswith("Quá nhiều yêu cầu")
    assert Tip.objects.count() == 2


def publish(case, officer):
    case = services.case_triage(case=case, actor=officer, category="false", severity="high")
    village = case.commune.units.get(name="Thôn Một")
    case = services.case_assign(case=case, actor=officer, lead_unit=village)
    case = services.case_start_verifying(case=case, actor=officer)
    case = services.case_verdict(case=case, actor=officer, verdict="false", summary="Sai.")
    services.clarification_save(case=case, actor=officer, title="Không có chuyện ăn chặn",
                                body="Thông tin trên là sai sự thật.",
                                title_en="No money was withheld",
                                body_en="The claim is false.")
    return services.case_respond(case=case, actor=officer)


def test_the_public_status_has_no_personal_data(api, world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    created = post(api, tip(reporter_name="Lê Thị Bình", reporter_phone="0912 345 678",
                            reporter_email="binh@example.vn", consent=True)).json()
    receipt = created["receipt"]
    response = api.get(f"{TIPS}/{receipt}")
    assert response.status_code == 200
    data = response.json()
    assert data["stage"] == "received" and data["clarification"] is None
    assert [stage["state"] for stage in data["stages"]] == ["current", "todo", "todo", "todo"]

    stored = Tip.objects.get(receipt=receipt)
    publish(stored.case, officer)
    data = api.get(f"{TIPS}/{receipt.lower()}", {"lang": "en"}).json()
    assert data["stage"] == "published"
    assert data["clarification"]["title"] == "No money was withheld"
    assert data["clarification"]["verdict"] == "false"
    assert data["clarification"]["url"] == f"http://xa15178.localhost/en/cai-chinh/{stored.case_id}/"
    text = json.dumps(data, ensure_ascii=False)
    for secret in ("Lê Thị Bình", "0912 345 678", "binh@example.vn", "Thôn Một",
                   officer.username, "reporter", "consent"):
        assert secret not in text


def test_an_unknown_receipt_is_404(api):
    response = api.get(f"{TIPS}/TT-AAAAA-BBBBB")
    assert response.status_code == 404 and response.json()["field"] == "receipt"
    assert api.get(f"{TIPS}/khong-phai-ma").status_code == 404


def test_published_clarifications_of_a_commune(api, world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    commune = Commune.objects.get(slug="cam-tan")
    filed = services.tip_submit(commune=commune, data=TipInput(
        text=RUMOUR, links=("https://www.facebook.com/p/9",))).tip
    services.tip_submit(commune=commune, data=TipInput(text="Tin chưa xử lý về giá điện."))
    publish(filed.case, officer)
    response = api.get("/api/v1/clarifications", {"commune": "cam-tan"})
    assert response.status_code == 200
    items = response.json()
    assert len(items) == 1
    review = items[0]["claim_review"]
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == RUMOUR
    assert review["reviewRating"]["ratingValue"] == 1
    assert review["author"] == {"@type": "GovernmentOrganization", "name": "UBND xã Cẩm Tân",
                                "url": "http://xa15178.localhost/"}
    assert review["itemReviewed"]["appearance"][0]["url"] == "https://www.facebook.com/p/9"
    assert items[0]["url"] == f"http://xa15178.localhost/cai-chinh/{filed.case_id}/"
    # Cẩm Thạch neither owns, republished nor received a tip on it
    assert api.get("/api/v1/clarifications", {"commune": "15142"}).json() == []
    assert api.get("/api/v1/clarifications", {"commune": "khong-co"}).status_code == 404


def test_the_openapi_schema_lists_the_endpoints(api):
    response = api.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "TTĐN API"
    assert {"/api/v1/tips", "/api/v1/tips/{receipt}", "/api/v1/clarifications"} <= set(
        schema["paths"])
    assert {"200", "201", "400", "429"} <= set(schema["paths"]["/api/v1/tips"]["post"]["responses"])
    docs = api.get("/api/docs")
    assert docs.status_code == 200
    assert "cdn." not in docs.content.decode()  # nothing loaded from abroad


_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet="ắằẳẵặđĐ\u0300\u0301\u0303\u0309\u0323\u202e\u200f\x00 ", max_size=200),
    st.just("a" * 10_000),
)


@hypothesis_settings(max_examples=40, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT, name=_TEXT, links=st.lists(st.text(max_size=80), max_size=12),
       platform=st.text(max_size=20), consent=st.booleans())
def test_fuzzed_submissions_never_fail_on_the_server(api, settings, text, name, links,
                                                     platform, consent):
    settings.TTDN_CASES_TIP_RATE = (1_000_000, 3600)
    response = post(api, tip(text, reporter_name=name, links=links, platform=platform,
                             consent=consent))
    assert response.status_code in (201, 400), response.content

"""The contact page's feedback form: what a reader sends lands once, in the page's language;
whatever holds it back (size, rate, bad input, honeypot, time trap) shows the form again with
everything typed still in it."""

import math
import re
import time
from html import unescape
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.models import Locale, ModelLogEntry

from ttdn.core.antiabuse import new_key
from ttdn.portal import services
from ttdn.portal.forms import FeedbackForm
from ttdn.portal.models import ContactPage, Feedback, HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_caches")]

HOST = "xa15178.localhost"  # Cẩm Tân
MESSAGE = ("Tôi là Việt kiều ở Đức, muốn hỏi thủ tục để đầu tư xưởng chế biến nông sản tại xã.\n"
           "Xin cho biết cần liên hệ bộ phận nào.")
THANKS = "Cảm ơn bạn, UBND xã đã nhận được ý kiến."
THANKS_EN = "Thank you: the commune has received your message."


def publish(page):
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


@pytest.fixture
def contact(cam_tan):
    home = HomePage.objects.get(commune=cam_tan, locale=Locale.get_default())
    page = publish(home.add_child(instance=ContactPage(
        title="Liên hệ", slug="lien-he", thank_you=THANKS)))
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug, english.thank_you = "Contact", "contact", THANKS_EN
    english = publish(english)
    return SimpleNamespace(page=page, english=english, commune=cam_tan,
                           url="/lien-he/", url_en="/en/contact/")


@pytest.fixture
def client(contact):
    return Client(HTTP_HOST=HOST)


def form_data(*, key=None, age=60, **fields):
    """What a browser sends after a person spent ``age`` seconds on the form."""
    key = key or new_key()
    data = {"name": "Lê Thị Bình", "email": "binh@example.vn", "phone": "",
            "subject": "Hỏi về thủ tục đầu tư", "message": MESSAGE, "consent": "on",
            "hp_note": "", "idempotency_key": key,
            "started": FeedbackForm.sign(key, time.time() - age)}
    data.update(fields)
    return data


def html_of(response) -> str:
    return response.content.decode()


def textarea(html, name) -> str:
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, f"no textarea {name}"
    return unescape(match.group(1)).strip("\n")


def tag_of(html, name) -> str:
    tag = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', html)
    assert tag, f"no input {name}"
    return tag.group(0)


def input_value(html, name) -> str:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert tag, f"no input {name}"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return unescape(value.group(1)) if value else ""


# The form -----------------------------------------------------------------------------------


def test_the_form_in_vietnamese(client, contact):
    response = client.get(contact.url)
    assert response.status_code == 200
    html = html_of(response)
    assert '<html lang="vi">' in html
    assert "no-store" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in html and 'name="idempotency_key"' in html
    assert re.search(r'<form method="post" action="/lien-he/" class="feedback-form" novalidate>',
                     html)
    # every visible input has its label, and says what it is for autofill
    for name in ("name", "email", "phone", "no_reply", "subject", "message", "consent"):
        assert f'for="id_{name}"' in html, name
    for name, autocomplete in (("name", "name"), ("email", "email"), ("phone", "tel")):
        assert f'autocomplete="{autocomplete}"' in tag_of(html, name), name
    assert '<input type="tel" name="phone"' in html
    assert '<input type="email" name="email"' in html
    # hints are tied to their inputs
    assert 'aria-describedby="cach-tra-loi id_email_help"' in tag_of(html, "email")
    assert 'aria-describedby="cach-tra-loi"' in tag_of(html, "no_reply")
    assert 'aria-describedby="id_consent_help"' in tag_of(html, "consent")
    assert 'aria-describedby="id_message_help"' in tag_of(html, "message")
    # no maxlength on the message: a long paste must not be cut silently
    assert not re.search(r'<textarea[^>]*maxlength', html)
    # consent is explicit, never pre-ticked, says what for and how long
    assert "checked" not in tag_of(html, "consent")
    assert "chỉ để xem xét và trả lời ý kiến này" in html and "365 ngày" in html
    assert "UBND xã Cẩm Tân" in html
    # the honeypot is out of sight, out of the tab order and out of the accessibility tree
    assert re.search(r'<div class="hp" aria-hidden="true" hidden>', html)
    assert 'tabindex="-1"' in tag_of(html, "hp_note")
    # no inline script or style attribute (CSP)
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*ld\+json)", html)
    assert " style=" not in html
    assert 'class="error-summary"' not in html


def test_the_form_holds_a_csrf_token_so_no_cache_keeps_it(client, contact):
    first = client.get(contact.url)
    second = client.get(contact.url)
    assert second.status_code == 200 and second.get("X-Cache") != "hit"
    assert input_value(html_of(first), "idempotency_key") != input_value(
        html_of(second), "idempotency_key")


def test_the_form_in_english(client, contact):
    response = client.get(contact.url_en)
    assert response.status_code == 200
    html = html_of(response)
    assert '<html lang="en">' in html and response["Content-Language"] == "en"
    assert 'for="id_subject">Title' in html and "(required)" in html
    assert 'action="/en/contact/"' in html


def test_other_methods_are_refused(client, contact):
    assert client.put(contact.url).status_code == 405
    assert client.delete(contact.url).status_code == 405
    assert not Feedback.objects.exists()


def test_a_forged_post_is_refused(contact):
    strict = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    assert strict.post(contact.url, form_data()).status_code == 403
    assert not Feedback.objects.exists()


# Accepted -----------------------------------------------------------------------------------


def test_a_message_lands_and_the_reader_is_thanked(client, contact):
    response = client.post(contact.url, form_data(phone="0912 345 678"))
    assert response.status_code == 303, html_of(response)[:3000]
    assert response["Location"] == "/lien-he/?da-gui=1"
    feedback = Feedback.objects.get()
    assert feedback.commune == contact.commune and feedback.page_id == contact.page.pk
    assert feedback.language == "vi" and feedback.name == "Lê Thị Bình"
    assert feedback.email == "binh@example.vn" and feedback.phone == "0912 345 678"
    assert feedback.message == MESSAGE and feedback.handled_at is None
    entry = ModelLogEntry.objects.get(action="ttdn.portal.feedback.received")
    assert entry.object_id == str(feedback.pk) and entry.data["commune_id"] == contact.commune.pk
    assert entry.data["address"] == "127.0.0.1"

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    html = html_of(thanks)
    assert THANKS in html and 'role="status"' in html
    assert 'name="message"' not in html  # the form is not shown again
    assert "no-store" in thanks["Cache-Control"]


def test_an_english_reader_is_thanked_in_english(client, contact):
    response = client.post(contact.url_en, form_data())
    assert response.status_code == 303
    assert response["Location"] == "/en/contact/?da-gui=1"
    feedback = Feedback.objects.get()
    assert feedback.language == "en" and feedback.page_id == contact.english.pk
    assert feedback.commune == contact.commune
    html = html_of(client.get(response["Location"]))
    assert THANKS_EN in html and '<html lang="en">' in html


def test_a_double_click_or_a_retried_post_lands_once(client, contact):
    data = form_data()
    first = client.post(contact.url, data)
    second = client.post(contact.url, data)
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert Feedback.objects.count() == 1
    assert ModelLogEntry.objects.filter(action="ttdn.portal.feedback.received").count() == 1
    # going back and changing the text is another message
    third = client.post(contact.url, {**data, "message": "Một câu hỏi khác hẳn."})
    assert third.status_code == 303 and Feedback.objects.count() == 2


def test_a_reader_who_needs_no_answer_may_leave_no_contact(client, contact):
    response = client.post(contact.url, form_data(email="", phone="", no_reply="on"))
    assert response.status_code == 303
    feedback = Feedback.objects.get()
    assert feedback.email == "" and feedback.phone == ""


def test_the_service_stores_a_resent_message_once(contact):
    data = {"name": "Lê Thị Bình", "email": "", "phone": "0912345678", "subject": "Hỏi",
            "message": "Nội dung"}
    first = services.feedback_submit(commune=contact.commune, page=contact.page, language="vi",
                                     data=data)
    again = services.feedback_submit(commune=contact.commune, page=contact.page, language="vi",
                                     data=dict(data))
    assert again.pk == first.pk and Feedback.objects.count() == 1
    other = services.feedback_submit(commune=contact.commune, page=contact.page, language="vi",
                                     data={**data, "subject": "Hỏi thêm"})
    assert other.pk != first.pk


# Held back, nothing lost --------------------------------------------------------------------


def assert_kept(html, data):
    for name in ("name", "email", "phone", "subject"):
        assert input_value(html, name) == data[name].replace("\x00", ""), name
    assert textarea(html, "message") == data["message"].replace("\x00", "")


def test_the_honeypot_holds_back_robots_and_keeps_the_text(client, contact):
    data = form_data(hp_note="http://spam.example")
    response = client.post(contact.url, data)
    assert response.status_code == 400
    html = html_of(response)
    assert "ô ẩn" in html and 'class="error-summary"' in html
    assert_kept(html, data)
    assert input_value(html, "hp_note") == ""
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("age,message", [
    (1, "quá nhanh"),
    (2 * 60 * 60 + 30, "quá 2 giờ"),
])
def test_the_time_trap_keeps_the_form(client, contact, age, message):
    data = form_data(age=age)
    response = client.post(contact.url, data)
    assert response.status_code == 400
    html = html_of(response)
    assert message in html and 'role="alert"' in html
    assert_kept(html, data)
    # the same key comes back, with a fresh time token
    assert input_value(html, "idempotency_key") == data["idempotency_key"]
    assert input_value(html, "started") not in ("", data["started"])
    assert not Feedback.objects.exists()


def test_a_time_token_signed_for_another_key_or_form_is_refused(client, contact):
    from ttdn.cases.forms import sign_started as sign_for_the_tip_form

    key = new_key()
    for started in (FeedbackForm.sign(new_key(), time.time() - 60),
                    sign_for_the_tip_form(key, time.time() - 60)):
        response = client.post(contact.url, form_data(key=key, started=started))
        assert response.status_code == 400 and "không hợp lệ hoặc đã cũ" in html_of(response)
    assert not Feedback.objects.exists()


def test_the_rate_limit_answers_429_with_retry_after_and_keeps_the_text(client, contact,
                                                                       settings):
    settings.TTDN_PORTAL_FEEDBACK_RATE = (2, 3600)
    for n in range(2):
        assert client.post(contact.url, form_data(subject=f"Ý kiến {n}")).status_code == 303
    data = form_data(subject="Ý kiến thứ ba", message="Một ý kiến rất dài đã gõ xong.")
    response = client.post(contact.url, data)
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 1 <= wait <= 3600
    html = html_of(response)
    assert "quá nhiều ý kiến" in html and f"sau khoảng {math.ceil(wait / 60)} phút" in html
    assert_kept(html, data)
    assert "checked" in tag_of(html, "consent")
    assert 'class="error-summary"' not in html  # nothing wrong with what was typed
    assert Feedback.objects.count() == 2
    # in English under /en/, for the same address
    english = client.post(contact.url_en, form_data(subject="Fourth"))
    assert english.status_code == 429 and '<html lang="en">' in html_of(english)
    # another address is not affected
    other = Client(HTTP_HOST=HOST, REMOTE_ADDR="203.0.113.9")
    assert other.post(contact.url, form_data(subject="Từ máy khác")).status_code == 303


def test_too_large_a_request_is_refused_cleanly(client, contact):
    response = client.post(contact.url, form_data(), CONTENT_LENGTH=str(300 * 1024))
    assert response.status_code == 413
    assert "quá lớn" in html_of(response)
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("fields,field,message", [
    ({"name": "   "}, "name", "Vui lòng nhập họ và tên."),
    ({"name": "x" * 121}, "name", "tối đa 120 ký tự"),
    ({"email": "khong-phai-email"}, "email", "thư điện tử không hợp lệ"),
    ({"phone": "gọi tôi nhé"}, "phone", "Số điện thoại không hợp lệ"),
    ({"email": "", "phone": ""}, "email", "Tôi không cần được trả lời"),
    ({"subject": "\t "}, "subject", "Vui lòng nhập tiêu đề."),
    ({"subject": "Hỏi\x00 về đầu tư"}, "subject", "NUL"),
    ({"message": ""}, "message", "Vui lòng nhập nội dung ý kiến."),
    ({"message": "Ý" * 6000}, "message", "dài 6.000 ký tự, vượt giới hạn 5.000 ký tự"),
    ({"consent": ""}, "consent", "đánh dấu ô đồng ý"),
])
def test_bad_input_is_shown_beside_its_field_and_nothing_typed_is_lost(
    client, contact, fields, field, message
):
    data = form_data(**fields)
    response = client.post(contact.url, data)
    assert response.status_code == 400
    html = html_of(response)
    error = re.search(rf'<p class="field-error" id="id_{field}_error">(.*?)</p>', html, re.S)
    assert error and message in unescape(error.group(1)), html[:5000]
    tag = tag_of(html, field)
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error', tag)
    assert 'aria-invalid="true"' in tag
    # the summary at the top links to the field
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert f'href="#id_{field}"' in summary
    assert_kept(html, data)
    assert not Feedback.objects.exists()


def test_english_readers_get_the_form_back_in_english(client, contact):
    response = client.post(contact.url_en, form_data(subject=""))
    assert response.status_code == 400
    html = html_of(response)
    assert '<html lang="en">' in html
    assert re.search(r'<p class="field-error" id="id_subject_error"><span '
                     r'class="visually-hidden">Error: </span>', html)


def test_a_refusal_by_the_service_is_shown_and_keeps_the_text(client, contact, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError({"email": ["Địa chỉ này bị từ chối."], "page": ["Trang cũ."]})

    monkeypatch.setattr(services, "feedback_submit", refuse)
    data = form_data()
    response = client.post(contact.url, data)
    assert response.status_code == 400
    html = html_of(response)
    assert "Địa chỉ này bị từ chối." in html and "Trang cũ." in html
    assert_kept(html, data)

"""The readers' feedback in the admin (one commune's only; marked handled through the service,
audited) and the erasure of its contacts after the retention period."""

import datetime

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import Locale, ModelLogEntry

from ttdn.core.errors import ApplicationError, PermissionDeniedError
from ttdn.org.models import Role
from ttdn.portal import services
from ttdn.portal.feedback_admin import feedback_list_visible_to
from ttdn.portal.models import Feedback, HomePage
from ttdn.portal.retention import feedback_erase_contacts

pytestmark = pytest.mark.django_db


def submit(commune, subject, *, language="vi", **data):
    home = HomePage.objects.get(commune=commune, locale=Locale.get_default())
    values = {"name": "Lê Thị Bình", "email": "binh@example.vn", "phone": "0912 345 678",
              "subject": subject, "message": "Dòng một\nDòng <b>hai</b>", **data}
    return services.feedback_submit(commune=commune, page=home, language=language, data=values)


@pytest.fixture
def ours(world):
    return world["cam-tan"]


@pytest.fixture
def feedback(ours):
    return submit(ours["commune"], "Hỏi về thủ tục đầu tư")


@pytest.fixture
def theirs(world):
    return submit(world["cam-thach"]["commune"], "Ý kiến gửi xã Cẩm Thạch", name="Trần Văn An")


@pytest.fixture
def officer_client(ours):
    client = Client()
    client.force_login(ours[Role.CULTURE_OFFICER])
    return client


# The list and the message ---------------------------------------------------------------------


def test_the_list_shows_the_communes_own_feedback(officer_client, feedback, theirs):
    submit(feedback.commune, "Góp ý trang tiếng Anh", language="en")
    response = officer_client.get(reverse("feedback:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hỏi về thủ tục đầu tư" in html and "Góp ý trang tiếng Anh" in html
    assert theirs.subject not in html
    for heading in ("Nhận lúc", "Ngôn ngữ", "Tình trạng"):
        assert heading in html
    assert "Chưa xử lý" in html and "Tiếng Anh" in html
    assert reverse("feedback:inspect", args=[feedback.pk]) in html
    # readers' messages are not added, edited or deleted here
    for name in ("add", "edit", "delete", "usage"):
        with pytest.raises(NoReverseMatch):
            reverse(f"feedback:{name}", args=[feedback.pk] if name != "add" else [])


def test_the_list_filters_by_state(officer_client, ours, feedback):
    done = submit(feedback.commune, "Đã trả lời rồi")
    services.feedback_mark_handled(feedback=done, actor=ours[Role.CULTURE_OFFICER])
    new = officer_client.get(reverse("feedback:index") + "?state=new").content.decode()
    assert feedback.subject in new and done.subject not in new
    handled = officer_client.get(reverse("feedback:index") + "?state=handled").content.decode()
    assert done.subject in handled and feedback.subject not in handled


def test_the_selector_reads_one_communes_feedback_in_few_queries(ours, feedback, theirs,
                                                                 django_assert_num_queries):
    user = ours[Role.OFFICE_STAFF]
    with django_assert_num_queries(2):  # the user's scope, then the rows with their relations
        rows = list(feedback_list_visible_to(user=user))
        assert [row.commune.name for row in rows] == [feedback.commune.name]
    assert list(feedback_list_visible_to(user=ours[Role.ACCOUNTANT])) == []


def test_the_message_page_shows_everything_and_offers_to_mark_it(officer_client, feedback):
    response = officer_client.get(reverse("feedback:inspect", args=[feedback.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for shown in ("Lê Thị Bình", "binh@example.vn", "0912 345 678", "Hỏi về thủ tục đầu tư",
                  "Tiếng Việt"):
        assert shown in html
    assert "Dòng một<br>Dòng &lt;b&gt;hai&lt;/b&gt;" in html  # line breaks kept, HTML escaped
    assert reverse("feedback:handled", args=[feedback.pk]) in html
    assert "Đánh dấu đã xử lý" in html and "csrfmiddlewaretoken" in html


# Marking it handled ---------------------------------------------------------------------------


def test_marking_handled_is_a_post_through_the_service_and_is_audited(officer_client, ours,
                                                                       feedback):
    url = reverse("feedback:handled", args=[feedback.pk])
    assert officer_client.get(url).status_code == 405
    response = officer_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:inspect", args=[feedback.pk])
    feedback.refresh_from_db()
    officer = ours[Role.CULTURE_OFFICER]
    assert feedback.handled_at is not None and feedback.handled_by == officer
    entry = ModelLogEntry.objects.get(action="ttdn.portal.feedback.handled")
    assert entry.user == officer and entry.object_id == str(feedback.pk)
    assert entry.data["commune_id"] == feedback.commune_id
    # a second click changes nothing and logs nothing
    assert officer_client.post(url).status_code == 302
    assert ModelLogEntry.objects.filter(action="ttdn.portal.feedback.handled").count() == 1
    page = officer_client.get(reverse("feedback:inspect", args=[feedback.pk])).content.decode()
    assert url not in page and "Đã xử lý" in page


def test_marking_handled_needs_the_csrf_token(ours, feedback):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(ours[Role.CULTURE_OFFICER])
    assert strict.post(reverse("feedback:handled", args=[feedback.pk])).status_code == 403
    feedback.refresh_from_db()
    assert feedback.handled_at is None


def test_another_communes_feedback_does_not_exist_here(officer_client, theirs):
    for name in ("inspect", "handled", "history"):
        url = reverse(f"feedback:{name}", args=[theirs.pk])
        assert officer_client.get(url).status_code == 404, name
        assert officer_client.post(url).status_code == 404, name
    theirs.refresh_from_db()
    assert theirs.handled_at is None


@pytest.mark.parametrize("role", [Role.ACCOUNTANT, Role.POLICE, Role.UNIT_MEMBER])
def test_roles_without_the_feedback_duty_are_refused(ours, feedback, role):
    client = Client()
    client.force_login(ours[role])
    assert client.get(reverse("feedback:index")).status_code in (302, 403)
    assert client.post(reverse("feedback:handled", args=[feedback.pk])).status_code == 404
    with pytest.raises(PermissionDeniedError):
        services.feedback_mark_handled(feedback=feedback, actor=ours[role])
    feedback.refresh_from_db()
    assert feedback.handled_at is None


# Retention ------------------------------------------------------------------------------------


def test_contacts_of_handled_feedback_are_erased_after_the_retention_period(ours, feedback,
                                                                             settings):
    officer = ours[Role.CULTURE_OFFICER]
    old_new = submit(feedback.commune, "Chưa ai trả lời")
    services.feedback_mark_handled(feedback=feedback, actor=officer)
    settings.TTDN_PORTAL_FEEDBACK_RETENTION_DAYS = 30
    soon = timezone.now() + datetime.timedelta(days=29)
    assert feedback_erase_contacts(now=soon) == 0

    later = timezone.now() + datetime.timedelta(days=31)
    assert feedback_erase_contacts(now=later) == 1
    feedback.refresh_from_db()
    assert (feedback.name, feedback.email, feedback.phone) == ("", "", "")
    assert feedback.subject == "Hỏi về thủ tục đầu tư" and feedback.message  # the message stays
    old_new.refresh_from_db()
    assert old_new.name == "Lê Thị Bình"  # not handled yet: kept
    entry = ModelLogEntry.objects.get(action="ttdn.portal.feedback.contacts_erased")
    assert entry.object_id == str(feedback.pk) and entry.data["commune_id"] == feedback.commune_id
    assert entry.data["erased"] == ["name", "email", "phone"]
    assert "binh@example.vn" not in str(entry.data) and "Lê Thị Bình" not in str(entry.data)
    assert feedback_erase_contacts(now=later) == 0  # nothing left to erase

    client = Client()
    client.force_login(officer)
    page = client.get(reverse("feedback:inspect", args=[feedback.pk])).content.decode()
    assert "Đã xóa khi hết thời hạn lưu giữ" in page


def test_the_retention_period_can_be_given_and_must_make_sense(ours, feedback):
    services.feedback_mark_handled(feedback=feedback, actor=ours[Role.CHAIRMAN])
    assert feedback_erase_contacts(365) == 0
    assert feedback_erase_contacts(0, now=timezone.now() + datetime.timedelta(seconds=1)) == 1
    for wrong in (-1, "30", 1.5, True):
        with pytest.raises(ApplicationError):
            feedback_erase_contacts(wrong)
    assert Feedback.objects.get().name == ""

"""Editorial control: office staff write, the culture officer reviews, the chairman or
vice-chairman approves, and only approval publishes — through the admin's own forms."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from ttdn.core.text import fold
from ttdn.org.models import Role
from ttdn.portal import cache
from ttdn.portal.editorial import APPROVER, REVIEWER, WRITER, group_name
from ttdn.portal.models import HomePage, NewsIndexPage, NewsPage
from ttdn.portal.translations import out_of_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(world):
    home = HomePage.objects.get(commune=world["cam-tan"]["commune"], locale=Locale.get_default())
    index = home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    index.save_revision().publish()
    return index


def _news_form(title, action):
    data = nested_form_data({
        "title": title, "slug": slugify(fold(title)), "summary": "Tóm tắt", "date": "2026-11-27",
        "category": "", "image": "",
        "body": streamfield([("paragraph", rich_text("<p>Nội dung bài viết.</p>"))]),
        "seo_title": "", "search_description": "", "share_image": "",
        "go_live_at": "", "expire_at": "",
        "comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0", "comments-MAX_NUM_FORMS": "1000",
    })
    data[action] = "1"
    return data


def _create(client, user, index, title, action):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=("portal", "newspage", index.pk))
    return client.post(url, _news_form(title, action))


def _act(client, user, page, action="approve"):
    client.force_login(user)
    state = WorkflowState.objects.active().get(base_content_type__isnull=False,
                                               object_id=str(page.pk))
    url = reverse("wagtailadmin_pages:workflow_action",
                  args=(page.pk, action, state.current_task_state.pk))
    return client.post(url, {"comment": ""})


def test_memberships_put_people_in_their_commune_groups(world):
    commune = world["cam-tan"]["commune"]
    duties = {Role.OFFICE_STAFF: WRITER, Role.CULTURE_OFFICER: REVIEWER,
              Role.CHAIRMAN: APPROVER, Role.VICE_CHAIRMAN: APPROVER}
    for role, duty in duties.items():
        names = set(world["cam-tan"][role].groups.values_list("name", flat=True))
        assert group_name(commune, duty) in names
    assert not world["cam-tan"][Role.POLICE].groups.filter(name__startswith="Trang").exists()
    other = world["cam-thach"][Role.OFFICE_STAFF]
    assert group_name(commune, WRITER) not in other.groups.values_list("name", flat=True)


def test_ending_a_membership_takes_the_group_away(world):
    writer = world["cam-tan"][Role.OFFICE_STAFF]
    membership = writer.memberships.get()
    membership.is_active = False
    membership.save()
    assert not writer.groups.filter(name__startswith="Trang thông tin").exists()


def test_only_approval_publishes(world, news_index, client):
    people = world["cam-tan"]
    # The writer cannot publish: her "Publish" is refused on the server.
    response = _create(client, people[Role.OFFICE_STAFF], news_index, "Tin thử", "action-publish")
    assert response.status_code == 403
    assert not NewsPage.objects.filter(title="Tin thử").exists()
    # She submits it for review.
    response = _create(client, people[Role.OFFICE_STAFF], news_index, "Tin thử", "action-submit")
    assert response.status_code == 302
    page = NewsPage.objects.get(title="Tin thử")
    assert not page.live
    # She cannot approve her own submission, nor can the approver skip the review.
    assert _act(client, people[Role.OFFICE_STAFF], page).status_code in (302, 403)
    assert _act(client, people[Role.VICE_CHAIRMAN], page).status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live
    # The culture officer reviews: still not live.
    assert _act(client, people[Role.CULTURE_OFFICER], page).status_code == 302
    page.refresh_from_db()
    assert not page.live
    # The vice-chairman approves: published.
    assert _act(client, people[Role.VICE_CHAIRMAN], page).status_code == 302
    page.refresh_from_db()
    assert page.live


def test_the_next_people_are_told_by_mail(world, news_index, client, mailoutbox):
    """Submitting tells the reviewers (the culture officer); her approval tells the approvers
    (the chairman and vice-chairman) — Wagtail's workflow notifications, in Vietnamese."""
    people = world["cam-tan"]
    _create(client, people[Role.OFFICE_STAFF], news_index, "Tin báo người duyệt", "action-submit")
    reviewers = {address for message in mailoutbox for address in message.to}
    assert people[Role.CULTURE_OFFICER].email in reviewers
    assert people[Role.CHAIRMAN].email not in reviewers
    assert people[Role.OFFICE_STAFF].email not in reviewers
    assert any("đã được gửi phê duyệt" in message.subject for message in mailoutbox)
    mailoutbox.clear()
    page = NewsPage.objects.get(title="Tin báo người duyệt")
    assert _act(client, people[Role.CULTURE_OFFICER], page).status_code == 302
    approvers = {address for message in mailoutbox for address in message.to}
    assert {people[Role.CHAIRMAN].email, people[Role.VICE_CHAIRMAN].email} <= approvers
    assert all("Tin báo người duyệt" in message.subject or "Tin báo người duyệt" in message.body
               for message in mailoutbox)


def test_a_scheduled_article_goes_live_at_its_time_once_approved(world, news_index, client):
    people = world["cam-tan"]
    client.force_login(people[Role.OFFICE_STAFF])
    data = _news_form("Tin hẹn giờ", "action-submit")
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    data["go_live_at"] = go_live.strftime("%Y-%m-%d %H:%M")
    url = reverse("wagtailadmin_pages:add", args=("portal", "newspage", news_index.pk))
    assert client.post(url, data).status_code == 302
    page = NewsPage.objects.get(title="Tin hẹn giờ")
    assert _act(client, people[Role.CULTURE_OFFICER], page).status_code == 302
    assert _act(client, people[Role.VICE_CHAIRMAN], page).status_code == 302
    page.refresh_from_db()
    assert not page.live  # approved, waiting for its time
    assert page.revisions.filter(approved_go_live_at__isnull=False).exists()
    call_command("publish_scheduled")  # the periodic job (operations.md), before the time
    page.refresh_from_db()
    assert not page.live
    later = timezone.now() + datetime.timedelta(days=2, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def test_revisions_can_be_compared_and_an_old_one_taken_back_into_the_workflow(
        world, news_index, client):
    people = world["cam-tan"]
    _create(client, people[Role.OFFICE_STAFF], news_index, "Tin có sửa", "action-submit")
    page = NewsPage.objects.get(title="Tin có sửa")
    first = page.latest_revision
    page.title = "Tin có sửa (lần 2)"
    second = page.save_revision(user=people[Role.OFFICE_STAFF])
    client.force_login(people[Role.OFFICE_STAFF])
    compare = reverse("wagtailadmin_pages:revisions_compare",
                      args=(page.pk, first.pk, second.pk))
    response = client.get(compare)
    assert response.status_code == 200
    assert "Tin có sửa (lần 2)" in response.content.decode()
    revert = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, first.pk))
    response = client.get(revert)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Tin có sửa"' in html and "action-publish" not in html


def test_nobody_publishes_from_the_editor(world, news_index, client, admin_user):
    page = news_index.add_child(instance=NewsPage(title="Bản nháp", slug="ban-nhap", live=False))
    page.save_revision()
    for user in (world["cam-tan"][Role.CHAIRMAN], admin_user):
        client.force_login(user)
        edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        assert "action-publish" not in client.get(edit).content.decode()
        data = _news_form("Bản nháp", "action-publish")
        assert client.post(edit, data).status_code == 403
        bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        assert client.post(f"{bulk}?id={page.pk}", {}).status_code == 403
        page.refresh_from_db()
        assert not page.live


def test_another_communes_editor_cannot_touch_the_pages(world, news_index, client):
    response = _create(client, world["cam-thach"][Role.OFFICE_STAFF], news_index, "Xâm nhập",
                       "action-submit")
    assert response.status_code in (302, 403)
    assert not NewsPage.objects.filter(title="Xâm nhập").exists()


def test_only_a_publisher_may_turn_a_translation_into_an_alias(world, news_index, client):
    """An alias shows its source's live content at once: a publication, so not for a writer."""
    from wagtail_localize.models import Translation
    from wagtail_localize.operations import translate_object

    english = Locale.objects.get(language_code="en")
    page = news_index.add_child(instance=NewsPage(title="Tin gốc", slug="tin-goc-alias"))
    page.save_revision().publish()
    translate_object(news_index, [english])
    translate_object(page, [english])
    translation = page.get_translation(english)
    assert not translation.live  # a translation is a draft until approved
    # Translated by hand from now on: the page editor (not the translation editor) shows it,
    # with wagtail-localize's "convert to alias page" in its action menu.
    Translation.objects.filter(target_locale=english).update(enabled=False)
    edit = reverse("wagtailadmin_pages:edit", args=(translation.pk,))
    convert = reverse("wagtail_localize:convert_to_alias", args=(translation.pk,))

    client.force_login(world["cam-tan"][Role.OFFICE_STAFF])
    assert client.get(edit).status_code == 200
    assert "localize-convert-to-alias" not in client.get(edit).content.decode()
    refused = client.post(convert)
    assert refused.status_code == 403 and "Chỉ người duyệt đăng" in refused.content.decode()
    translation.refresh_from_db()
    assert translation.alias_of_id is None and not translation.live

    client.force_login(world["cam-tan"][Role.VICE_CHAIRMAN])
    assert "localize-convert-to-alias" in client.get(edit).content.decode()
    assert client.post(convert).status_code == 302
    translation.refresh_from_db()
    assert translation.alias_of_id == page.pk


def test_a_translation_older_than_its_source_is_flagged(world, news_index, client):
    commune = world["cam-tan"]["commune"]
    page = news_index.add_child(instance=NewsPage(title="Tin gốc", slug="tin-goc"))
    page.save_revision().publish()
    english = page.copy_for_translation(Locale.objects.get(language_code="en"),
                                        copy_parents=True)
    english.title = "Original news"
    english.save_revision().publish()
    assert out_of_date([commune]) == []
    NewsPage.objects.filter(pk=english.pk).update(
        last_published_at=timezone.now() - datetime.timedelta(hours=1))
    page.title = "Tin gốc (sửa)"
    page.save_revision().publish()
    stale = out_of_date([commune])
    assert [(t.pk, s.pk) for t, s in stale] == [(english.pk, page.pk)]
    client.force_login(world["cam-tan"][Role.CULTURE_OFFICER])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Bản dịch cần cập nhật" in home and "Original news" in home
    client.force_login(world["cam-thach"][Role.CULTURE_OFFICER])
    assert "Original news" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_published_change_is_served_at_once(world, news_index, client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    page = news_index.add_child(instance=NewsPage(title="Tin cũ", slug="tin-moi"))
    page.save_revision().publish()
    host = world["cam-tan"]["commune"].site.hostname
    first = client.get(page.url, HTTP_HOST=host)
    assert first.status_code == 200 and "Tin cũ" in first.content.decode()
    again = client.get(page.url, HTTP_HOST=host)
    assert again["X-Cache"] == "hit"
    page.title = "Tin đã sửa"
    page.save_revision().publish()
    fresh = client.get(page.url, HTTP_HOST=host)
    assert "Tin đã sửa" in fresh.content.decode()
    assert not fresh.has_header("X-Cache")


def test_a_new_section_is_in_the_menu_at_once_and_leaves_it_when_unpublished(world, client):
    """The frame's sections are kept per process and generation (portal_tags._sections_of)."""
    home = HomePage.objects.get(commune=world["cam-tan"]["commune"], locale__language_code="vi")
    host = world["cam-tan"]["commune"].site.hostname

    def menu():
        html = client.get("/", HTTP_HOST=host).content.decode()
        return html.split('class="main-nav"')[1].split("</nav>")[0]

    assert "Mục mới" not in menu()
    section = home.add_child(instance=NewsIndexPage(title="Mục mới", slug="muc-moi",
                                                    show_in_menus=True))
    section.save_revision().publish()
    assert "Mục mới" in menu()
    section.unpublish()
    assert "Mục mới" not in menu()


def test_a_purge_is_made_again_when_the_change_commits(django_capture_on_commit_callbacks):
    """A page rendered by another process between the change and its commit read the old
    rows: the generation it was stored under must not stay current."""
    with django_capture_on_commit_callbacks() as callbacks:
        cache.purge()
        during = cache._generation()
    assert len(callbacks) == 1
    callbacks[0]()
    assert cache._generation() != during


def test_the_cache_never_answers_a_signed_in_reader(world, news_index, client):
    host = world["cam-tan"]["commune"].site.hostname
    client.get(news_index.url, HTTP_HOST=host)
    client.force_login(world["cam-tan"][Role.OFFICE_STAFF])
    assert not client.get(news_index.url, HTTP_HOST=host).has_header("X-Cache")
    cache.purge()



def test_making_a_page_private_drops_it_from_the_cache(world, news_index, client):
    from wagtail.models import PageViewRestriction

    host = world["cam-tan"]["commune"].site.hostname
    assert client.get(news_index.url, HTTP_HOST=host).status_code == 200
    assert client.get(news_index.url, HTTP_HOST=host)["X-Cache"] == "hit"
    PageViewRestriction.objects.create(page=news_index, restriction_type="login")
    assert client.get(news_index.url, HTTP_HOST=host).status_code == 302

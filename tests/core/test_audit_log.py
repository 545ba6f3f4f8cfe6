"""The audit trail is append-only at the database, and carries actor, address and diff."""

import pytest
from django.db import DatabaseError, connection, transaction
from wagtail.models import ModelLogEntry

from ttdn.org.models import Role


@pytest.fixture
def entry(world):
    return ModelLogEntry.objects.filter(action="ttdn.org.commune.created").first()


def test_entries_cannot_be_edited(entry):
    entry.data = {"forged": True}
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        entry.save()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ModelLogEntry.objects.filter(pk=entry.pk).update(action="ttdn.forged")


def test_entries_cannot_be_deleted(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ModelLogEntry.objects.filter(pk=entry.pk).delete()
    with (pytest.raises(DatabaseError, match="append-only"), transaction.atomic(),
          connection.cursor() as cursor):
        cursor.execute("DELETE FROM wagtailcore_modellogentry")
    assert ModelLogEntry.objects.filter(pk=entry.pk).exists()


def test_wagtail_may_still_flag_entries_of_deleted_objects(entry):
    ModelLogEntry.objects.filter(pk=entry.pk).update(deleted=True)
    entry.refresh_from_db()
    assert entry.deleted


def test_admin_edit_records_client_address_and_diff(world, client):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    village = world["cam-tan"]["village"]
    client.force_login(officer)
    response = client.post(
        f"/admin/units/edit/{village.pk}/",
        {"commune": village.commune_id, "name": "Thôn Đoàn Kết", "kind": "village",
         "is_active": "on"},
        REMOTE_ADDR="192.0.2.10",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = ModelLogEntry.objects.get(action="ttdn.org.unit.updated", object_id=str(village.pk))
    assert entry.user_id == officer.pk
    assert entry.data["address"] == "192.0.2.10"
    assert entry.data["request_id"]
    assert entry.data["changes"]["name"] == ["Thôn Một", "Thôn Đoàn Kết"]
    # and only our entry: Wagtail's generic "wagtail.edit" is not written twice
    assert not ModelLogEntry.objects.filter(action="wagtail.edit",
                                            object_id=str(village.pk)).exists()


def test_audit_log_screen_shows_only_own_commune(world, client):
    client.force_login(world["cam-tan"][Role.CHAIRMAN])
    body = client.get("/admin/audit/").content.decode()
    assert "Cẩm Tân" in body and "Cẩm Thạch" not in body

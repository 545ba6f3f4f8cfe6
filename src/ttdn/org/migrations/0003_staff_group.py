"""The group every staff account joins: it lets them into the admin; what they see there is
decided by the commune-scoped policies, not by Django model permissions."""

from django.db import migrations

STAFF_GROUP = "Cán bộ TTĐN"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.add(access)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=STAFF_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0002_organisation"),
        ("wagtailadmin", "0006_formstate"),
    ]
    operations = [migrations.RunPython(create_group, remove_group)]

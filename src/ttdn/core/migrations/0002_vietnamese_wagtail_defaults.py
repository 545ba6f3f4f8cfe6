"""Wagtail's migrations create a default workflow, task and groups with English names; every
deployment of TTĐN shows them to Vietnamese officers, so they get Vietnamese names (only where
they still carry Wagtail's defaults)."""

from django.db import migrations

RENAMES = {
    ("auth", "Group"): {"Moderators": "Người kiểm duyệt", "Editors": "Người biên tập"},
    ("wagtailcore", "Workflow"): {"Moderators approval": "Lãnh đạo phê duyệt"},
    ("wagtailcore", "Task"): {"Moderators approval": "Lãnh đạo phê duyệt"},
}


def rename(apps, schema_editor, reverse=False):
    for (app_label, model_name), names in RENAMES.items():
        model = apps.get_model(app_label, model_name)
        for english, vietnamese in names.items():
            old, new = (vietnamese, english) if reverse else (english, vietnamese)
            model.objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_append_only_audit_log"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(rename, rename_back)]

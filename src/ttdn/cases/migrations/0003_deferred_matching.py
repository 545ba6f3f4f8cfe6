import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def number_matched_tips(apps, schema_editor):
    """Tips stored before matching moved to the worker were matched when stored: their order
    of matching is their order of storage."""
    Tip = apps.get_model("cases", "Tip")
    Tip.objects.filter(case__isnull=False, match_seq__isnull=True).update(match_seq=models.F("id"))


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0002_match_index'),
        ('org', '0005_unit_sort_key'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='tip',
            name='match_seq',
            field=models.PositiveBigIntegerField(blank=True, editable=False, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name='tip',
            name='case',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='tips', to='cases.case'),
        ),
        migrations.AlterField(
            model_name='tip',
            name='match_decision',
            field=models.CharField(choices=[('pending', 'Đang đối chiếu'), ('auto', 'Tự động nhập vào vụ việc đã có'), ('suggest', 'Gợi ý trùng, chờ xác nhận'), ('none', 'Vụ việc mới')], default='none', max_length=8, verbose_name='kết quả đối chiếu'),
        ),
        migrations.AddIndex(
            model_name='tip',
            index=models.Index(condition=models.Q(('case__isnull', True)), fields=['id'], name='cases_tip_unmatched'),
        ),
        migrations.RunPython(number_matched_tips, migrations.RunPython.noop),
    ]

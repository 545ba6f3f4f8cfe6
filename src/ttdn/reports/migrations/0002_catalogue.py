from django.db import migrations


def load(apps, schema_editor):
    from ttdn.reports.catalogue import CATALOGUE

    Indicator = apps.get_model("reports", "Indicator")
    for position, (code, name, measure, aggregation, source) in enumerate(CATALOGUE, start=1):
        Indicator.objects.get_or_create(code=code, defaults={
            "name": name, "measure": measure, "aggregation": aggregation, "source": source,
            "position": position * 10})


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

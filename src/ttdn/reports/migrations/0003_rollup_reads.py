"""What the upper level's roll-up reads, made cheaper.

- ``CommuneReport.narrative`` as JSON text (``JSONTextField``) instead of ``jsonb``: on
  PostgreSQL the column becomes ``text`` (its JSON as PostgreSQL renders it, which the field
  reads back as is). SQLite already keeps JSON as text: the column is left as it is (its
  ``JSON_VALID`` check still holds), so the table is not rebuilt.
- ``commune_report``: the query name of a report's commune, so that the communes can be read
  together with their reports of a period (no change in the database).
- An index on (commune, period) for that join.
"""

from django.db import migrations, models

import ttdn.reports.models


def to_text(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE "reports_communereport" ALTER COLUMN "narrative" '
                              'TYPE text USING "narrative"::text')


def to_jsonb(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE "reports_communereport" ALTER COLUMN "narrative" '
                              'TYPE jsonb USING "narrative"::jsonb')


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_catalogue")]
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="communereport",
                    name="narrative",
                    field=ttdn.reports.models.JSONTextField(blank=True, default=dict,
                                                            editable=False),
                ),
            ],
            database_operations=[migrations.RunPython(to_text, to_jsonb)],
        ),
        migrations.AlterField(
            model_name="communereport",
            name="commune",
            field=models.ForeignKey(on_delete=models.deletion.PROTECT, related_name="+",
                                    related_query_name="commune_report", to="org.commune",
                                    verbose_name="xã"),
        ),
        migrations.AddIndex(
            model_name="communereport",
            index=models.Index(fields=["commune", "period"],
                               name="commune_report_commune_period"),
        ),
    ]

"""Make Wagtail's audit log tables append-only at the database level.

Rows may be inserted, and Wagtail may flag rows ``deleted``/``content_changed`` when the logged
object goes away; every other update and every delete is refused by the database itself, so no
interface (admin, shell, API, a bug) can rewrite history.
"""

from django.db import migrations

TABLES = ("wagtailcore_modellogentry", "wagtailcore_pagelogentry")
GUARDED = ("label", "action", "data", "timestamp", "uuid", "user_id", "content_type_id", "revision_id")
MESSAGE = "audit log is append-only"


def _columns(table):
    extra = ("object_id",) if table.endswith("modellogentry") else ("page_id",)
    return GUARDED + extra


def create_triggers(apps, schema_editor):
    connection = schema_editor.connection
    for table in TABLES:
        columns = _columns(table)
        if connection.vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE OF {', '.join(columns)} "
                f"ON {table} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
            )
        elif connection.vendor == "postgresql":
            changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in columns)
            schema_editor.execute(  # nosemgrep: raw-sql-with-formatting - DDL on constant table names
                f"""
                CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
                BEGIN
                    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                        RAISE EXCEPTION '{MESSAGE}';
                    END IF;
                    IF {changed} THEN
                        RAISE EXCEPTION '{MESSAGE}';
                    END IF;
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;
                CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
                CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
                FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only();
                """
            )


def drop_triggers(apps, schema_editor):
    connection = schema_editor.connection
    for table in TABLES:
        if connection.vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update;")  # nosemgrep: raw-sql-with-formatting - DDL on constant table names
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete;")  # nosemgrep: raw-sql-with-formatting - DDL on constant table names
        elif connection.vendor == "postgresql":
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_append_only() CASCADE;")  # nosemgrep: raw-sql-with-formatting - DDL on constant table names


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]

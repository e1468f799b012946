"""A dossier's history is append-only: the database refuses UPDATE on its rows.

The trigger lives in each locality's schema with the table (migrations run per schema).
DELETE stays possible: a discarded draft takes its few entries with it.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION workflows_dossierevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'workflows_dossierevent is append-only: history entries are never changed'
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER workflows_dossierevent_no_update
    BEFORE UPDATE ON workflows_dossierevent
    FOR EACH ROW EXECUTE FUNCTION workflows_dossierevent_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS workflows_dossierevent_no_update ON workflows_dossierevent;
DROP FUNCTION IF EXISTS workflows_dossierevent_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("workflows", "0005_dossier_record")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]

"""The workflow proxies of every installed plugin, described from the models themselves.

Proxies have no table, but Django refuses an app *without* migrations whose models inherit from a
migrated app's model (`InvalidBasesError` on a fresh database: the migration state is rendered
before `workflows.Dossier` exists). A static migration would list today's plugins and leave
`makemigrations --check` dirty each time a province installs one. So this one migration builds
its operations, at load time, from the proxies registered under `procedure_workflows`: the
migration state always equals the installed plugins, and adding or removing a plugin changes no
schema (proxies create nothing in the database).
"""

from django.apps import apps as global_apps
from django.db import migrations
from django.db.migrations.state import ModelState


def _proxy_operations() -> list[migrations.CreateModel]:
    config = global_apps.get_app_config("procedure_workflows")
    proxies = list(config.get_models())
    # A proxy of a proxy must come after its parent: fewer ancestors first.
    proxies.sort(key=lambda model: (len(model.__mro__), model.__name__))
    operations = []
    for model in proxies:
        state = ModelState.from_model(model)
        operations.append(
            migrations.CreateModel(
                name=state.name,
                fields=[],
                options=state.options,
                bases=state.bases,
                managers=state.managers,
            )
        )
    return operations


class Migration(migrations.Migration):
    initial = True
    dependencies = [("workflows", "0004_dossier")]
    operations = _proxy_operations()

"""The app label that holds the workflow proxies of procedure plugins (`procedure_workflows`).

A plugin's workflow is a proxy of `workflows.Dossier`: no table of its own, but Django needs an
installed app to register the model class with. Plugins, built-in or installed with pip, are not
Django apps, so their proxies declare `app_label = "procedure_workflows"`. This app has no
migrations on purpose: proxies need no table, and installing a plugin must not leave the
project with unapplied model changes (`makemigrations --check` stays clean).
"""

"""Dossier URLs: submission, the citizen's dossiers, the officers' desk."""

app_name = "workflows"
urlpatterns: list = []

"""Staff pages of the outbox, under /thong-bao-gui-di/ on a locality's host."""

from django.urls import path

from . import views

app_name = "outbox"
urlpatterns = [
    path("cua-toi/", views.my_notifications, name="my_notifications"),
    path("ho-so/<uuid:reference>/", views.dossier_messages, name="dossier_messages"),
    path("ho-so/<uuid:reference>/<int:pk>/gui-lai/", views.message_resend, name="message_resend"),
    path("mau/", views.message_templates, name="message_templates"),
    path(
        "mau/<str:channel>/<str:kind>/", views.message_template_edit, name="message_template_edit"
    ),
]

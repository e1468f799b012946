from django.urls import path

from . import views

app_name = "scoreboard"

urlpatterns = [
    path("", views.board, name="board"),
    path("cong-khai/", views.public, name="public"),
    path("bao-cao.pdf", views.report, name="report"),
    path("ho-so/<slug:column>/", views.dossiers, name="dossiers"),
    path("can-bo/", views.officers, name="officers"),
    path("can-bo/xuat.<slug:fmt>", views.officers, name="officers_export"),
    path("xuat/<slug:table>.<slug:fmt>", views.export, name="export"),
]

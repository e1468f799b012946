from django.urls import path, re_path

from . import views

app_name = "scoreboard"

urlpatterns = [
    path("", views.board, name="board"),
    path("cong-khai/", views.public, name="public"),
    path("ho-so/<slug:column>/", views.dossiers, name="dossiers"),
    re_path(r"^xuat/(?P<table>[a-z-]+)\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
]

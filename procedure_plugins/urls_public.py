"""The national catalogue, included at /thu-tuc/ of the national root (namespace `catalogue`)."""

from django.urls import path

from . import views_national as views

app_name = "catalogue"
urlpatterns = [
    path("", views.national_index, name="index"),
    path("<str:code>/", views.national_detail, name="detail"),
    path("<str:code>/bieu-mau.json", views.national_schema, name="schema"),
    path("<str:code>/so-do.svg", views.national_diagram, name="diagram"),
    path("<str:code>/mau/<slug:key>/", views.national_blank_form, name="blank_form"),
    path(
        "<str:code>/mau-ket-qua/<slug:key>/",
        views.national_result_specimen,
        name="result_specimen",
    ),
]

"""The service catalogue of a locality's portal, included at /thu-tuc/ (namespace `catalogue`)."""

from django.urls import path

from . import views, views_manage

app_name = "catalogue"
urlpatterns = [
    path("", views.catalogue_index, name="index"),
    path("dia-ban/<str:province>/", views.communes, name="communes"),
    # Before "<code>/": "quan-tri" is not a procedure code.
    path("quan-tri/", views_manage.manage, name="manage"),
    path("<str:code>/", views.catalogue_detail, name="detail"),
    path("<str:code>/bieu-mau.json", views.procedure_schema, name="schema"),
    path("<str:code>/so-do.svg", views.procedure_diagram, name="diagram"),
    path("<str:code>/to-khai/", views.form_preview, name="form"),
    path("<str:code>/mau/<slug:key>/", views.blank_form, name="blank_form"),
    path("<str:code>/mau-ket-qua/<slug:key>/", views.result_specimen, name="result_specimen"),
]

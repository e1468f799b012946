"""Staff pages, under /tai-khoan/ beside the account pages on every host: the locality's staff
(its administrator appoints and removes roles) and the localities below it (provincial and
platform administrators)."""

from django.urls import path

from . import views

app_name = "staff"
urlpatterns = [
    path("can-bo/", views.staff_list, name="staff_list"),
    path("can-bo/bo-nhiem/", views.staff_appoint_view, name="staff_appoint"),
    path("can-bo/mien-nhiem/", views.staff_remove_view, name="staff_remove"),
    path("don-vi/", views.locality_list, name="locality_list"),
    path("don-vi/<str:code>/", views.locality_detail, name="locality_detail"),
]

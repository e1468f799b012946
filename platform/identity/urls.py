"""Account URLs (registration, login, profile, staff), served on every portal host at /tai-khoan/.

The same paths work on the national root and on every locality's host; the session cookie covers
the base domain, so logging in on one portal logs the citizen in on all of them.
"""

from django.urls import include, path

from staff import views as staff_views

from . import oidc, views

app_name = "identity"
urlpatterns = [
    path("dang-ky/", views.register, name="register"),
    path("dang-ky/kiem-tra-thu/", views.registered, name="registered"),
    path("dieu-khoan-du-lieu-ca-nhan/", views.terms, name="terms"),
    path("xac-nhan/<str:token>/", views.confirm_email, name="confirm_email"),
    path("gui-lai-thu-xac-nhan/", views.resend_confirmation, name="resend_confirmation"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("thong-tin-ca-nhan/", views.profile, name="profile"),
    # Staff of this locality (its administrator) and localities below it (provincial/platform).
    path("can-bo/", staff_views.staff_list, name="staff_list"),
    path("can-bo/bo-nhiem/", staff_views.staff_appoint_view, name="staff_appoint"),
    path("can-bo/mien-nhiem/", staff_views.staff_remove_view, name="staff_remove"),
    path("don-vi/", staff_views.locality_list, name="locality_list"),
    path("don-vi/<str:code>/", staff_views.locality_detail, name="locality_detail"),
    # Optional national-identity login (OpenID Connect); 404 unless OIDC_ENABLED.
    path("oidc/", include(oidc.urlpatterns)),
]

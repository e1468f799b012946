"""Account URLs (registration, login, profile), served on every portal host at /tai-khoan/.

The same paths work on the national root and on every locality's host; the session cookie covers
the base domain, so logging in on one portal logs the citizen in on all of them.
"""

from django.urls import include, path

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
    # Optional national-identity login (OpenID Connect); 404 unless OIDC_ENABLED.
    path("oidc/", include(oidc.urlpatterns)),
]

"""Account pages, served on every portal host under /tai-khoan/. Thin: forms validate, services
write, templates speak Vietnamese."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from portal.rate_limits import over_limit, rate_limited_page

from . import services
from .forms import (
    CAPTCHA_REFRESH_FIELD,
    LoginForm,
    PortalPasswordChangeForm,
    PortalPasswordResetForm,
    PortalSetPasswordForm,
    ProfileForm,
    RegistrationForm,
)
from .selectors import can_submit_dossiers
from .tokens import ConfirmationExpired, ConfirmationInvalid

BACKEND = "identity.backends.NationalAccountBackend"
RESEND_INTERVAL_SECONDS = 60


def portal_link(request: HttpRequest) -> services.PortalLink:
    """Links in e-mails point back to the portal (host) the person is using right now."""
    tenant = getattr(request, "tenant", None)
    name = getattr(tenant, "name", "") or _("Cổng dịch vụ công")
    return services.PortalLink(base_url=f"{request.scheme}://{request.get_host()}", name=name)


def _add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@sensitive_post_parameters("password1", "password2")
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        messages.info(
            request,
            _("Bạn đang đăng nhập; một người chỉ cần một tài khoản cho mọi cổng dịch vụ công."),
        )
        return redirect("identity:profile")
    if CAPTCHA_REFRESH_FIELD in request.POST:
        # "Đổi mã khác": the same form with a new captcha, what was typed kept, nothing checked.
        typed = {
            name: value
            for name, value in request.POST.items()
            if name not in {"password1", "password2", "csrfmiddlewaretoken"}
            and not name.startswith("captcha")
        }
        form = RegistrationForm(initial=typed)
        return render(request, "identity/register.html", {"form": form})
    if request.method == "POST" and over_limit(
        request, "register", request.POST.get("id_number", "")
    ):
        return rate_limited_page(request)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_register(
                full_name=data["full_name"],
                id_number=data["id_number"],
                date_of_birth=data["date_of_birth"],
                address=data["address"],
                email=data["email"],
                phone=data["phone"],
                password=data["password1"],
                username=data["username"],
                portal=portal_link(request),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            # Unconfirmed accounts may log in (not submit), so the citizen is in straight away.
            login(request, user, backend=BACKEND)
            return redirect("identity:registered")
    return render(request, "identity/register.html", {"form": form})


@login_required
def registered(request: HttpRequest) -> HttpResponse:
    return render(request, "identity/registered.html")


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = services.email_confirm(token=token)
    except ConfirmationExpired:
        return render(request, "identity/confirm_failed.html", {"expired": True}, status=400)
    except ConfirmationInvalid:
        return render(request, "identity/confirm_failed.html", {"expired": False}, status=400)
    except ValidationError as error:
        return render(
            request,
            "identity/confirm_failed.html",
            {"expired": False, "message": " ".join(error.messages)},
            status=409,
        )
    return render(
        request,
        "identity/confirmed.html",
        {"confirmed_user": user, "same_person": request.user == user},
    )


@login_required
@require_POST
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = request.POST.get("next") or reverse("identity:profile")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if user.is_confirmed and not user.pending_email:
        messages.info(request, _("Địa chỉ thư điện tử của bạn đã được xác nhận."))
        return redirect(next_url)
    # One e-mail a minute per account: the button must not become a way to flood a mailbox.
    key = f"identity:resend:{user.pk}"
    if not cache.add(key, 1, RESEND_INTERVAL_SECONDS):
        messages.warning(
            request,
            _("Thư xác nhận vừa được gửi. Vui lòng đợi một phút rồi thử lại nếu chưa nhận được."),
        )
    else:
        address = services.email_confirmation_send(user=user, portal=portal_link(request))
        messages.success(
            request,
            _("Đã gửi lại thư xác nhận tới %(email)s. Vui lòng kiểm tra hộp thư (cả mục thư rác).")
            % {"email": address},
        )
    return redirect(next_url)


class LoginView(auth_views.LoginView):
    template_name = "identity/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = getattr(settings, "OIDC_ENABLED", False)
        context["oidc_provider_name"] = getattr(settings, "OIDC_PROVIDER_NAME", "")
        return context

    def post(self, request, *args, **kwargs):
        if over_limit(request, "login", request.POST.get("username", "")):
            return rate_limited_page(request)
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Bạn đã đăng xuất khỏi mọi cổng dịch vụ công."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "identity/password_reset_form.html"
    form_class = PortalPasswordResetForm
    email_template_name = "identity/email/password_reset.txt"
    html_email_template_name = "identity/email/password_reset.html"
    subject_template_name = "identity/email/password_reset_subject.txt"
    success_url = reverse_lazy("identity:password_reset_done")

    def post(self, request, *args, **kwargs):
        if over_limit(request, "password_reset", request.POST.get("email", "")):
            return rate_limited_page(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        # The link in the e-mail is built from this request's host: the portal the citizen is on.
        self.extra_email_context = {"portal": portal_link(self.request)}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "identity/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "identity/password_reset_confirm.html"
    form_class = PortalSetPasswordForm
    success_url = reverse_lazy("identity:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "identity/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "identity/password_change.html"
    form_class = PortalPasswordChangeForm
    success_url = reverse_lazy("identity:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        old_email = user.email
        try:
            services.profile_update(
                user=user,
                full_name=data["full_name"],
                date_of_birth=data["date_of_birth"],
                address=data["address"],
                phone=data["phone"],
                email=data["email"],
                id_number=None if form.fields["id_number"].disabled else data["id_number"],
                portal=portal_link(request),
                notify_by_email=data["notify_by_email"],
                notify_by_sms=data["notify_by_sms"],
            )
        except ValidationError as error:
            user.refresh_from_db()
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thông tin cá nhân."))
            if data["email"].lower() != old_email.lower():
                messages.info(
                    request,
                    _(
                        "Thư xác nhận đã gửi tới %(email)s. Địa chỉ mới có hiệu lực khi bạn "
                        "bấm vào đường dẫn trong thư."
                    )
                    % {"email": data["email"]},
                )
            return redirect("identity:profile")
    return render(
        request,
        "identity/profile.html",
        {"form": form, "can_submit": can_submit_dossiers(user)},
    )


def terms(request: HttpRequest) -> HttpResponse:
    return render(request, "identity/terms.html")

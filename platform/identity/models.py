"""The national account: one row per person, in the public schema, valid on every portal.

Groups and direct permissions are *not* stored with the account. The many-to-many tables that link
a user to groups and permissions are models of the `staff` app, which is installed in the public
schema and in every locality schema. A query such as Wagtail's `GroupPagePermission.objects.filter(
group__user=user)` therefore reads the memberships of the locality the request is in, and an
officer of one commune holds nothing in another.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin as _DjangoPermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, username: str, password: str | None, **extra_fields) -> User:
        if not username:
            raise ValueError("username is required")
        email = extra_fields.pop("email", "") or ""
        user = self.model(username=username, email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, username: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(username, password, **extra_fields)

    def create_superuser(self, username: str, password: str | None = None, **extra_fields) -> User:
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(username, password, **extra_fields)


class PermissionsMixin(_DjangoPermissionsMixin):
    """Django's permission mixin with per-locality membership tables (see module docstring)."""

    groups = models.ManyToManyField(
        "auth.Group",
        through="staff.GroupMembership",
        verbose_name=_("nhóm"),
        blank=True,
        related_name="user_set",
        related_query_name="user",
    )
    user_permissions = models.ManyToManyField(
        "auth.Permission",
        through="staff.DirectPermission",
        verbose_name=_("quyền riêng"),
        blank=True,
        related_name="user_set",
        related_query_name="user",
    )

    class Meta:
        abstract = True


class User(AbstractBaseUser, PermissionsMixin):
    username = models.CharField(_("tên đăng nhập"), max_length=150, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    # CCCD (12 digits) or the old CMND (9 digits); unique nationally. Validation lives in forms
    # and services of the identity feature; null for platform staff accounts without one.
    id_number = models.CharField(
        _("số CCCD/CMND"), max_length=12, unique=True, null=True, blank=True
    )
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    #: How the citizen wants to hear about their dossiers (workflows/notifications.py); the
    #: dossier page shows everything whatever they choose.
    notify_by_email = models.BooleanField(_("nhận thông báo qua thư điện tử"), default=True)
    notify_by_sms = models.BooleanField(_("nhận thông báo qua tin nhắn SMS"), default=True)
    email_confirmed_at = models.DateTimeField(_("xác nhận thư điện tử lúc"), null=True, blank=True)
    # A new address waits here until its owner opens the link sent to it; the confirmed one stays
    # in `email` meanwhile, so a typo never locks anybody out.
    pending_email = models.EmailField(_("thư điện tử chờ xác nhận"), blank=True)
    # Decree 13/2023/NĐ-CP: consent to personal-data processing is recorded with its time and the
    # version of the terms that was shown.
    personal_data_consent_at = models.DateTimeField(
        _("đồng ý xử lý dữ liệu cá nhân lúc"), null=True, blank=True
    )
    personal_data_terms_version = models.CharField(
        _("phiên bản điều khoản đã đồng ý"), max_length=20, blank=True
    )
    is_staff = models.BooleanField(_("quản trị nền tảng"), default=False)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    date_joined = models.DateTimeField(_("ngày đăng ký"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~models.Q(email=""),
                name="identity_user_email_unique_ci",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name.split()[-1] if self.full_name else self.username

    @property
    def is_confirmed(self) -> bool:
        """The e-mail address was proved by its owner; only then may dossiers be submitted."""
        return self.email_confirmed_at is not None

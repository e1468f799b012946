"""One authentication backend for every way a citizen names their account."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .selectors import user_by_identifier


class NationalAccountBackend(ModelBackend):
    """Log in with the ID number (CCCD/CMND), the e-mail address or the user name.

    Permissions come from Django's `ModelBackend`: groups and direct permissions are read through
    the per-schema membership tables, so `user.has_perm(...)` answers for the locality of the
    current connection (see identity/models.py). django-axes' backend sits before this one and
    refuses locked-out logins before any password is checked.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = user_by_identifier(username)
        if user is None:
            # Same cost as a real check, so response time does not reveal which accounts exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

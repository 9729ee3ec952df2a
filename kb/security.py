"""Hardening hooks: login attempt limits and upload size limits (named in settings), and
API tokens that do not outlive a password change (connected in kb.apps)."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from rest_framework.authtoken.models import Token


class LoginLimitBackend(AxesStandaloneBackend):
    """django-axes lockout check for every login that comes with a request.

    Logins over HTTP (the admin login form, DRF basic auth) always pass the request, so
    they are counted and locked out. ``authenticate()`` without a request only happens in
    process (the test client's ``login()``, a shell); axes cannot count those by address
    and would raise, so they pass through to the next backend unchecked.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class UploadLimitHandler(FileUploadHandler):
    """Refuse a multipart upload larger than FILE_UPLOAD_MAX_SIZE (400 Bad Request).

    DATA_UPLOAD_MAX_MEMORY_SIZE bounds every request body except the files in it; this
    handler, first in FILE_UPLOAD_HANDLERS, bounds the files too. It checks the declared
    length up front and counts the bytes as they stream in, so a wrong Content-Length
    does not get around it.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = settings.FILE_UPLOAD_MAX_SIZE
        self.received = 0
        if content_length and content_length > self.limit:
            raise RequestDataTooBig(f"Upload larger than {self.limit} bytes.")

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            raise RequestDataTooBig(f"Upload larger than {self.limit} bytes.")
        return raw_data

    def file_complete(self, file_size):
        return None


def revoke_tokens_on_password_change(sender, instance, raw=False, **kwargs) -> None:
    """pre_save of the user model: a new password revokes the user's API tokens.

    Whoever knew the old password may have made a token with it; after a change (by the
    user, an admin, ``changepassword`` or a reset) the user makes a new one
    (``manage.py drf_create_token``). Runs in the save's transaction: a failed save keeps
    the token.
    """
    if raw or instance.pk is None:
        return
    stored = sender._base_manager.filter(pk=instance.pk).values_list("password", flat=True)
    old = stored.first()
    if old is not None and old != instance.password:
        Token.objects.filter(user_id=instance.pk).delete()

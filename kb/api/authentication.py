"""API authentication classes."""

from rest_framework import authentication


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF session authentication that treats an unreadable session cookie as no session.

    A session cookie holding a NUL byte makes PostgreSQL refuse the session lookup with a
    ValueError, which would otherwise be a 500 for any request carrying it.
    """

    def authenticate(self, request):
        try:
            return super().authenticate(request)
        except ValueError:
            return None

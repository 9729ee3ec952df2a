"""Request middleware of the core app."""

from django.conf import settings


class DropMalformedSessionCookie:
    """Ignore a session cookie that cannot be a session key.

    Session keys are lowercase letters and digits; anything else (a NUL byte, say) would make
    PostgreSQL refuse the session lookup and turn any page into a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        value = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if value is not None and not (value.isascii() and value.isalnum()):
            del request.COOKIES[settings.SESSION_COOKIE_NAME]
        return self.get_response(request)

"""The shared response cache: what anonymous readers get, keyed by the knowledge-base version.

Pages (``ResponseCacheMiddleware``) and API lists and details (``CachedReadsMixin``, after
DRF's authentication and throttles, which a cached answer must not skip) are stored in
Django's cache (Redis when ``REDIS_URL`` is set, so every app server shares them) under a
key made of the knowledge-base version (kb.core.freshness), the URL and what else the
answer depends on: the reader's cookies but the CSRF token and the session id, and the
session's contents (preferences such as "verified only"). A committed write moves the
version on, so nothing cached before it is served after it.

Every such answer carries an ETag and a Last-Modified (when the version last moved) and
is answered 304 to a client that already has it (Django's ``condition``). Signed-in users,
API clients with a token, and requests carrying flash messages always get a fresh answer.
``settings.KB_RESPONSE_CACHE`` switches the whole cache off.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import condition
from rest_framework.response import Response

from kb.core import freshness

logger = logging.getLogger(__name__)

#: Response header saying how the answer was made: hit (from the cache) or miss (stored).
HEADER = "X-KB-Cache"
#: Response headers not stored with a page (set again, or per request).
_NOT_STORED = {"set-cookie", "vary", "etag", "last-modified", HEADER.lower()}


def cacheable(request: HttpRequest) -> bool:
    """A read by an anonymous reader with nothing private about it."""
    if not settings.KB_RESPONSE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META or CookieStorage.cookie_name in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def variant(request: HttpRequest) -> str:
    """What an anonymous answer depends on besides its URL: cookies (not the CSRF token or
    the session id) and the session's own contents (a reader's preferences)."""
    skip = {settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME}
    parts = sorted((k, v) for k, v in request.COOKIES.items() if k not in skip)
    session = getattr(request, "session", None)
    if session is not None and settings.SESSION_COOKIE_NAME in request.COOKIES:
        parts += sorted(
            (f"session:{k}", repr(v)) for k, v in session.items() if not k.startswith("_")
        )
    return repr(parts) if parts else ""


@dataclass
class Entry:
    """Where one request's answer is cached, and its validators."""

    key: str
    etag: str
    changed: datetime

    @classmethod
    def of(cls, request: HttpRequest, *extra: str) -> Entry | None:
        """The entry for this request (``extra``: what else selects the answer, such as the
        API's media type); None when the cache cannot be reached (then nothing is cached)."""
        try:
            version, changed = freshness.current()
        except Exception:
            logger.warning("response cache unreachable; answering uncached", exc_info=True)
            return None
        material = "\n".join(
            (request.scheme, request.get_host(), request.get_full_path(), variant(request), *extra)
        )
        digest = hashlib.sha256(material.encode()).hexdigest()[:32]
        return cls(f"kb:r:{version}:{digest}", f'W/"{version:x}-{digest[:16]}"', changed)

    def get(self):
        try:
            return cache.get(self.key)
        except Exception:
            logger.warning("response cache unreachable", exc_info=True)
            return None

    def set(self, value) -> None:
        try:
            cache.set(self.key, value, timeout=settings.KB_RESPONSE_CACHE_SECONDS)
        except Exception:
            logger.warning("response cache unreachable", exc_info=True)

    def answer(
        self, request: HttpRequest, produce: Callable[[], HttpResponse], *, etag: bool = True
    ) -> HttpResponse:
        """304 when the client has this version, else ``produce()``, with the validators
        (without the ETag where the answer's own ETag means something else)."""
        view = condition(
            etag_func=(lambda r: self.etag) if etag else None,
            last_modified_func=lambda r: self.changed,
        )
        response = view(lambda r: produce())(request)
        # Shared caches and browsers must ask again (a 304 costs little): the next write may
        # be any moment, and signed-in readers get other answers for the same URL.
        patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ("Cookie",))
        return response


# --- pages ----------------------------------------------------------------------------------


class ResponseCacheMiddleware:
    """Anonymous page reads from the shared cache (admin and API excluded: see module doc)."""

    #: URL namespaces never cached here: the admin, and the API (cached in its views).
    skip_namespaces = ("admin", "api")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not cacheable(request) or self._skipped(request.path_info):
            return self.get_response(request)
        entry = Entry.of(request)
        if entry is None:
            return self.get_response(request)
        return entry.answer(request, lambda: self._page(request, entry))

    def _skipped(self, path: str) -> bool:
        try:
            namespace = resolve(path).namespace
        except Resolver404:
            return True
        return namespace.split(":")[0] in self.skip_namespaces

    def _page(self, request: HttpRequest, entry: Entry) -> HttpResponse:
        stored = entry.get()
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status, headers=headers)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _storable(request, response):
            headers = {k: v for k, v in response.items() if k.lower() not in _NOT_STORED}
            entry.set((response.status_code, headers, response.content))
            response[HEADER] = "miss"
        return response


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    """A complete 200 answer made for nobody in particular."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that put a CSRF token in its form is this reader's own.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
    )


# --- API ------------------------------------------------------------------------------------


class CachedReadsMixin:
    """DRF viewset mixin: anonymous ``list`` and ``retrieve`` answers from the shared cache.

    Runs inside the view, after authentication, permissions and throttles. The serialized
    data is cached, not the rendered bytes: each answer is rendered for its own request
    (the browsable API's forms carry the reader's CSRF token). A versioned row's detail
    keeps its own ETag, the row version that writes send back (kb.core.api.locking), and is
    validated by Last-Modified alone.
    """

    versioned = False

    def list(self, request, *args, **kwargs):
        parent = super().list
        return cached_data(request, lambda: parent(request, *args, **kwargs))

    def retrieve(self, request, *args, **kwargs):
        parent = super().retrieve
        return cached_data(
            request, lambda: parent(request, *args, **kwargs), etag=not self.versioned
        )


def cached_data(request, produce: Callable, *, etag: bool = True):
    """A DRF answer from the cache by its data, or ``produce()`` stored when it is a 200."""
    if not cacheable(request):
        return produce()
    entry = Entry.of(request, request.accepted_renderer.media_type)
    if entry is None:
        return produce()

    def fetch():
        data = entry.get()
        if data is not None:
            response = Response(data)
            response[HEADER] = "hit"
            return response
        response = produce()
        if response.status_code == 200 and not response.cookies:
            entry.set(response.data)
            response[HEADER] = "miss"
        return response

    return entry.answer(request, fetch, etag=etag)


__all__ = ["HEADER", "CachedReadsMixin", "Entry", "ResponseCacheMiddleware", "cacheable", "variant"]

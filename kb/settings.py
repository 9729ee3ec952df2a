"""Settings for kb, read from the environment with safe defaults.

A fresh clone runs with nothing set: SQLite in var/, DEBUG on, a development secret key.
Production sets DJANGO_ENV=production (or DEBUG=0) plus SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL=postgres://...
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PRODUCTION = env_str("DJANGO_ENV") == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

_DEV_SECRET = "django-insecure-development-only-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the built-in widget templates, for FORM_RENDERER below
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "kb",
    "kb.interop",
    "actors",
    "articles",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (cached ones too).
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kb.middleware.DropMalformedSessionCookie",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication (anonymous readers only) and the middleware adding headers.
    "kb.core.caching.ResponseCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into a 429 response.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): scripts, fonts, images and API calls from this
# site only, no inline script anywhere (no page needs a nonce: the API docs' start-up
# scripts are static files), no plugins, no framing, forms post here only. Inline styles
# stay allowed: Redoc and Swagger UI build their styles in the browser.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Permissions-Policy (django-permissions-policy): no page uses any of these features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

ROOT_URLCONF = "kb.urls"
WSGI_APPLICATION = "kb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kb.views.reader_preferences",
            ],
        },
    },
]

# Widget templates are looked up like page templates, so templates/ can override one (the
# admin's date-and-time widget, to give each half a <label>).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

VAR_DIR = Path(env_str("KB_VAR_DIR", str(BASE_DIR / "var")))
if "DATABASE_URL" not in os.environ:
    # The embedded default: a SQLite file under var/, created on first use.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kb.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis, shared by every app server and ingest worker: the cache (responses, throttles,
# login lockout, sessions) and the task queue's broker. Without it everything runs in this
# process: a local-memory cache and ingest tasks run at once (Celery's eager mode).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "kb"),
        }
    }
    # Sessions live in the database (shared by every app server) and are read through the
    # cache.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The ingest task queue (Celery, kb.celery; tasks in kb.runs.tasks). Without a broker,
# tasks run at once in the process that sends them (eager), so nothing else is needed.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged when it has finished, not when a worker takes it, and a worker that
# dies while running one hands it back: a batch is redelivered until it is done (each batch
# commits its files and marks itself done in one transaction, so a second delivery is a
# no-op). One task at a time per worker process: nothing waits behind a long batch.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands a task taken by a worker that vanished whole (machine lost) to another after
# this many seconds; keep it above the longest batch.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "kb-ingest")
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True  # outcomes are in the database (IngestRun), not a backend
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Anonymous pages and API reads are cached under the knowledge-base version, which every
# committed write to these apps' tables moves on (kb.core.freshness, kb.core.caching).
KB_RESPONSE_CACHE = env_bool("RESPONSE_CACHE", True)
KB_RESPONSE_CACHE_SECONDS = env_int("RESPONSE_CACHE_SECONDS", 3600)
KB_CONTENT_APPS = ["actors", "articles", "events", "kb"]

# Login attempt limits (django-axes): after AXES_FAILURE_LIMIT failures for one username
# from one address, that pair is locked out for AXES_COOLOFF_TIME hours.
AUTHENTICATION_BACKENDS = [
    "kb.security.LoginLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind a reverse proxy, set TRUSTED_PROXY_COUNT so the client address is read from
# X-Forwarded-For; without one, the header is ignored (clients could forge it). The same
# count serves the login lockout (here) and the API throttles (REST_FRAMEWORK NUM_PROXIES):
# the address is the one the last trusted proxy saw, so a forged header gains nothing.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
if AXES_IPWARE_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "kb" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# `loaddata demo` finds fixtures/demo.json here.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Where `ingest_seeds` finds the bundled seed articles and the reference catalog.
SEEDS_DIR = BASE_DIR / "data" / "seeds"
REFERENCE_CATALOG = BASE_DIR / "fixtures" / "reference.yaml"
# Largest article file `ingest` accepts, in bytes.
INGEST_MAX_BYTES = env_int("INGEST_MAX_BYTES", 2_000_000)
# Request size limits: form/JSON bodies (room for one ingest-sized document), uploaded
# files (kb.security.UploadLimitHandler, first handler) and the number of form fields.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", INGEST_MAX_BYTES + 500_000)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 5_000)
FILE_UPLOAD_MAX_SIZE = env_int("FILE_UPLOAD_MAX_SIZE", INGEST_MAX_BYTES)
FILE_UPLOAD_HANDLERS = [
    "kb.security.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "kb.api.schema.KBAutoSchema",
    # Search and ordering live in each app's FilterSet (shared with the HTML lists), so
    # django-filter is the only backend: one place validates every query parameter.
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Token first: a write without valid credentials is answered 401 with
    # "WWW-Authenticate: Token" (a signed-in user whose role refuses it gets 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["kb.core.api.permissions.RoleWritePermission"],
    "DEFAULT_PAGINATION_CLASS": "kb.core.pagination.BoundedPageNumberPagination",
    "PAGE_SIZE": 25,
    # Anonymous clients are throttled per address; outside production the limits only stop
    # runaway loops (test suites and local tools make many requests a minute).
    # Throttle counters live in the default cache: Redis (shared by every worker) when
    # REDIS_URL is set. The client address: see TRUSTED_PROXY_COUNT.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "60/minute" if PRODUCTION else "10000/minute"),
        "user": env_str("API_THROTTLE_USER", "1200/minute" if PRODUCTION else "100000/minute"),
        # STIX imports are heavy writes: a separate, lower rate per user.
        "stix_import": env_str("API_THROTTLE_IMPORT", "30/hour" if PRODUCTION else "1000/hour"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# STIX: a bundle export holds at most this many articles, events and claims (narrow it with
# ?actor= past that); an imported bundle at most this many bytes and objects.
STIX_EXPORT_MAX_ROWS = env_int("STIX_EXPORT_MAX_ROWS", 20_000)
STIX_IMPORT_MAX_BYTES = env_int("STIX_IMPORT_MAX_BYTES", 10_000_000)
STIX_IMPORT_MAX_OBJECTS = env_int("STIX_IMPORT_MAX_OBJECTS", 20_000)
# Lists count at most this many rows; beyond it they report count_exact=false.
API_COUNT_CAP = env_int("API_COUNT_CAP", 10_000)

SPECTACULAR_SETTINGS = {
    "TITLE": "kb API",
    "DESCRIPTION": (
        "Actors, articles, claims, events and places of the Iran–Iraq–US knowledge base. "
        "Anyone reads; users whose role allows it write (session with CSRF, or "
        "`Authorization: Token ...`). "
        "Updates must send back the `version` they read (body field or If-Match header); "
        "a stale version is answered with 409. Field names are a contract within v1."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No deep links: each operation's link would sit inside its expand button, an interactive
    # element inside another that screen readers cannot reach (axe: nested-interactive). No
    # syntax colouring of examples: its colours fall under 4.5:1 on the dark code background.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": {"activated": False}},
    "REDOC_DIST": "SIDECAR",
    # Separate request and response components: read-only fields (id, version, counts)
    # are not asked of clients.
    "COMPONENT_SPLIT_REQUEST": True,
    # The contract is JSON; form parsers stay enabled for the browsable API only.
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    "ENUM_NAME_OVERRIDES": {
        "ReviewStatusEnum": "kb.core.choices.ReviewStatus",
        "ActorKindEnum": "actors.models.ActorKind",
        "RelationshipKindEnum": "actors.models.RelationshipKind",
        "ClaimKindEnum": "articles.models.ClaimKind",
        "CredibilityEnum": "articles.models.Credibility",
        "EventKindEnum": "events.models.EventKind",
        "PlaceKindEnum": "events.models.PlaceKind",
        "RoleEnum": "events.models.Role",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

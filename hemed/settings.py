"""Settings for hemed, read from the environment.

Production needs SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL. Without DATABASE_URL
the site uses the project-local PostgreSQL cluster that `make db` starts in .pgdata/.
"""

import datetime
import os
import sys
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import quote

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    """Read a yes/no setting; anything unexpected is an error, not a silent False."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a yes/no value, not {value!r}")


def envint(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}")


def envlist(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# pytest imports this module through pytest-django; tests get fast hashing,
# plain static storage and a throwaway key.
TESTING = "pytest" in sys.modules

DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-key-for-local-development-and-tests-only"
    else:
        raise ImproperlyConfigured(
            "Set SECRET_KEY (or DEBUG=1 for local development)."
        )

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "markdownx",
    "simple_history",
    "axes",
    "hemed",
    "editorial",
    "glossary",
    "sources",
    "articles",
    "faq",
    "search",
    "pages",
    "feedback",
    "contentfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Compressed public pages (not the editors' pages: BREACH), then static files
    # (whitenoise sends its own compressed copies).
    "hemed.pagecache.PublicGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # ETag on every page and 304 Not Modified when the reader already has it.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous pages from the shared cache, invalidated when content changes.
    "hemed.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a lockout into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hemed.urls"
WSGI_APPLICATION = "hemed.wsgi.application"

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
                "hemed.context_processors.canonical_url",
                "hemed.context_processors.content_cache",
            ],
        },
    },
]

LOCAL_DB_SOCKET_DIR = BASE_DIR / ".pgdata" / "run"
LOCAL_DATABASE_URL = f"postgres://hemed@{quote(str(LOCAL_DB_SOCKET_DIR), safe='')}/hemed"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or LOCAL_DATABASE_URL,
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if TESTING:
    # Only the test database trades durability for speed, per connection: a crash can
    # lose its last transactions, never corrupt it. The local cluster keeps fsync on.
    db_options = DATABASES["default"].setdefault("OPTIONS", {})
    db_options["options"] = f"{db_options.get('options', '')} -c synchronous_commit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every worker and instance: Redis when REDIS_URL is set (production,
# and the two-instance test); otherwise a file cache in .cache/, shared by the workers on
# this machine. Tests use a local-memory cache that each test starts empty, even with
# REDIS_URL set: in one shared Redis, a test clearing the cache would reset the rate-limit
# counts and versions of a test running beside it (the servers the deploy tests start do
# use Redis).
REDIS_URL = os.environ.get("REDIS_URL", "")
if TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif REDIS_URL:
    CACHES = {"default": {"BACKEND": "hemed.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache"))}}
# What is kept under the content version (hemed.pagecache: a page's cached fragments and
# the rows they show) never changes, since any content change moves to a new version: so
# each process keeps its own copy, without a round trip to the shared cache.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "hemed-versioned",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Login throttling (django-axes). Its backend comes first and refuses a locked-out
# login before ModelBackend checks the password; it needs the request, so code
# must call authenticate(request, ...) (Client.force_login is unaffected).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
# Lock out the username *from one IP address* (both together), not the username
# everywhere: an attacker guessing a nurse's password locks only themselves out,
# and the nurse can still sign in from her own connection. Guessing many
# usernames from one address is still limited to 5 tries for each.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A successful login clears that username+IP's earlier failures.
AXES_RESET_ON_SUCCESS = True
# Shown with HTTP 429 instead of the login form while locked out.
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# Tests sign in hundreds of times; the lock-outs themselves are still logged.
AXES_VERBOSE = not TESTING

# Rate limits on search, suggestions and feedback (hemed/clients.py), counted in the
# default cache. Tests search thousands of times, so the tests of the limits turn them on.
RATELIMIT_ENABLE = envbool("RATELIMIT_ENABLE", not TESTING)
# The anonymous page cache (hemed/pagecache.py); PAGE_CACHE=0 renders every request
# (bench/http.sh measures both).
PAGE_CACHE = envbool("PAGE_CACHE", True)
# Search's result cache (search/views.py); SEARCH_CACHE=0 runs every search (bench/http.sh).
SEARCH_CACHE = envbool("SEARCH_CACHE", True)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded images: nginx serves /media/ in production (deploy/nginx.conf); without a proxy
# (make serve, a small single-server site) the app serves them itself.
SERVE_MEDIA = envbool("SERVE_MEDIA", not envbool("BEHIND_PROXY", False))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # The manifest needs collectstatic first, which tests and runserver skip.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "hemed.static.StaticFilesStorage"
        )
    },
}
# Uploaded images go to MEDIA_ROOT or, when AWS_STORAGE_BUCKET_NAME is set, to a bucket in
# object storage (S3 or S3-compatible; the rules are in hemed/storage.py). boto3 reads the
# credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) from the environment itself.
MEDIA_ORIGINS = []  # where image URLs point when that is not this site (for img-src)
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    from hemed.storage import media_origin, s3_storage

    STORAGES["default"] = s3_storage(
        os.environ["AWS_STORAGE_BUCKET_NAME"],
        endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL", ""),
        region_name=os.environ.get("AWS_S3_REGION_NAME", ""),
        custom_domain=os.environ.get("AWS_S3_CUSTOM_DOMAIN", ""),
        querystring_auth=envbool("AWS_QUERYSTRING_AUTH", False),
    )
    MEDIA_ORIGINS = [media_origin(STORAGES["default"]["OPTIONS"])]
    # The bucket serves the images: nothing under /media/ is on this server's disk.
    SERVE_MEDIA = False

# Without collectstatic (development, tests) whitenoise serves from the app folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# E-mail: the review workflow tells people when something waits for them. The console
# in development; SMTP when EMAIL_HOST is set.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hemed <noreply@localhost>")
# Who is e-mailed the details of a server error (500), when DEBUG is off:
# ADMINS="Ann Example <ann@example.org>, ops@example.org". SERVER_EMAIL is the sender.
ADMINS = [getaddresses([entry])[0] for entry in os.environ.get("ADMINS", "").split(",") if entry.strip()]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# And, when SENTRY_DSN is set, to Sentry: without personal data (no cookies, request
# bodies, query strings, user or local variables; hemed/errors.py) and without tracing.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    from hemed.errors import before_send

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        before_send=before_send,
        traces_sample_rate=0,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
    )

# Markdown: one renderer for saving and for the editor's live preview.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "editorial.rendering.markdownify"
MARKDOWNX_UPLOAD_MAX_SIZE = 2 * 1024 * 1024
# No SVG: it can carry scripts. Raster images are re-encoded by Pillow.
MARKDOWNX_UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"]
MARKDOWNX_IMAGE_MAX_SIZE = {"size": (1200, 1200), "quality": 85}
MARKDOWNX_MEDIA_PATH = "uploads/"
MARKDOWNX_SERVER_CALL_LATENCY = 400

# Security. Behind HTTPS in production; HTTPS=0 turns the HTTPS-only settings off
# for a plain-HTTP local run with DEBUG off.
HTTPS = envbool("HTTPS", not (DEBUG or TESTING))
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", HTTPS)
if envbool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # django-axes takes the client IP from X-Forwarded-For (through django-ipware),
    # and only here: without a proxy the header is the client's own invention and
    # REMOTE_ADDR (axes' default) is used. One proxy in front appends the address
    # it received the request from, so the client is the right-most entry:
    # left-most order with a proxy count of 0 picks chain[-1]. Anything to its
    # left was sent by the client and is ignored (not strict, so such a chain is
    # still used rather than dropped to the proxy's own REMOTE_ADDR).
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_ORDER = "left-most"
    AXES_IPWARE_PROXY_COUNT = 0
    IPWARE_STRICT = False
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The Django admin sets a few style attributes in its templates.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

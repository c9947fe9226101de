"""Settings for ofpra_careers.

One file for every environment: environments differ by the values of environment variables (or of
a local `.env` file), never by separate settings modules. `.env.example` lists every variable.
"""

import hashlib
from datetime import date
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Variables already set in the environment win over the .env file (CI sets DATABASE_URL that way).
environ.Env.read_env(BASE_DIR / ".env")

# A missing key must fail loudly in production: there is deliberately no default.
SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "imagekit",
    "widget_tweaks",
    "dsfr",
    "csp",
    "axes",
    "reversion",
    "huey.contrib.djhuey",
    # Our layers, bottom to top; each imports only those above it in this list (README,
    # « Architecture »; checked by import-linter in CI).
    "core",
    "employer",
    "jobs",
    "alerts",  # Above jobs, beside pages: e-mail alerts of the offer list's searches.
    "pages",
]

MIDDLEWARE = [
    # Anonymous public pages from the shared cache (rules in core/page_cache.py). First:
    # a stored page already carries every header the middlewares below gave it.
    "core.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files (SVG included) carry the policies too.
    "core.security.ContentSecurityPolicyMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    # X-Robots-Tag: noindex on the admin, which robots.txt does not name (core/middleware.py).
    "core.middleware.AdminNoIndexMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A view that cannot reach the database answers the 503 page (core/middleware.py).
    "core.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: refuses logins after too many failures.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ofpra_careers.urls"
# The admin can be moved away from the well-known /admin/ path.
ADMIN_URL = env("DJANGO_ADMIN_URL", default="admin/")
WSGI_APPLICATION = "ofpra_careers.wsgi.application"

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
                "core.context_processors.site",
            ],
        },
    },
]

# SQLite needs no set-up; DATABASE_URL=postgres://... selects PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server must give visitors the 503 page within seconds, not hang a worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int(
        "DATABASE_CONNECT_TIMEOUT", default=3
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The page cache's content version must be seen by every process that serves pages (page_cache.py):
# by default a folder of files shared by the gunicorn workers of this machine, one per database so
# that two sites run from one checkout never share pages; Redis (CACHE_URL=redis://...) as soon as
# several machines serve the site.
_database = DATABASES["default"]
_database_id = f"{_database.get('HOST', '')}:{_database.get('PORT', '')}/{_database['NAME']}"
_database_digest = hashlib.sha256(_database_id.encode()).hexdigest()[:12]
_default_cache_folder = BASE_DIR / "var" / "cache" / _database_digest
CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{_default_cache_folder}")}
# Two sites on one Redis (production and staging, say) must never serve each other's pages.
CACHES["default"].setdefault(
    "KEY_PREFIX",
    env("CACHE_KEY_PREFIX", default=_database_digest),
)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache":
    # Django's file cache, with an increment the workers can share (core/cache.py).
    CACHES["default"]["BACKEND"] = "core.cache.SharedFileCache"
    # One file per cached page: room for the popular pages, culled a third at a time beyond that.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault(
        "MAX_ENTRIES", env.int("FILE_CACHE_MAX_ENTRIES", default=3000)
    )
# Redis is django-redis's, set up so that the site survives losing it (core/cache.py):
# django-environ names it for redis:// URLs when it is installed, Django's own RedisCache (which
# raises when Redis is down) otherwise.
if CACHES["default"]["BACKEND"] in (
    "django.core.cache.backends.redis.RedisCache",
    "django_redis.cache.RedisCache",
):
    from core.cache import REDIS_OPTIONS

    CACHES["default"]["BACKEND"] = "django_redis.cache.RedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(REDIS_OPTIONS)
# Each failure django-redis turns into a miss is logged (with its traceback): an outage shows in
# the logs, not only at /healthz.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# The longest a cached page lives; edits and deadlines invalidate it sooner (page_cache.py).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# How many cached pages each worker also keeps in memory (about 60 KB each), still checked against
# the shared content version on every request.
PAGE_CACHE_WORKER_PAGES = env.int("PAGE_CACHE_WORKER_PAGES", default=100)
# Pages cached by one release of the code are never served by another: PAGE_CACHE_RELEASE names
# the release (e.g. the deployed commit); unset, a digest of these folders' source files does.
PAGE_CACHE_RELEASE = env("PAGE_CACHE_RELEASE", default="")
PAGE_CACHE_SOURCES = [
    BASE_DIR / name
    for name in [
        "templates",
        "static/css",
        "static/js",
        "core",
        "employer",
        "jobs",
        "pages",
        "alerts",
        "ofpra_careers",
    ]
]
# How many processes serve the site (gunicorn.conf.py exports its worker count). A per-process
# cache (locmemcache://) cannot tell the others about an edit: with more than one process the page
# cache is then off, rather than serving pages up to PAGE_CACHE_SECONDS old on the other workers.
SERVER_PROCESSES = env.int("SERVER_PROCESSES", default=1)
PAGE_CACHE_ENABLED = not (
    CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    and SERVER_PROCESSES > 1
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface speaks French only: an English browser must not get English DSFR labels.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Serve uploaded media from Django itself (the default single-machine set-up). Turn it off where a
# proxy or a bucket serves MEDIA_URL.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Several servers share their uploads: MEDIA_ROOT on a directory every server mounts, or an
# S3-compatible bucket (django-storages). Credentials come from boto3's usual variables
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY). The bucket's files are read by visitors at
# DJANGO_MEDIA_URL, which the Content-Security-Policy then allows.
MEDIA_S3_BUCKET = env("DJANGO_MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    MEDIA_URL = env("DJANGO_MEDIA_URL")
    if not MEDIA_URL.startswith("https://") or not MEDIA_URL.endswith("/"):
        raise ImproperlyConfigured(
            "DJANGO_MEDIA_URL must be the bucket's public https:// address, ending with /"
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env("DJANGO_MEDIA_S3_ENDPOINT_URL", default=None),
            "region_name": env("DJANGO_MEDIA_S3_REGION", default=None),
            # Public URLs without signatures: they are cacheable and never expire on a page.
            "custom_domain": MEDIA_URL.removeprefix("https://").rstrip("/"),
            "querystring_auth": False,
            # Two editors uploading « photo.jpg » never overwrite each other's file.
            "file_overwrite": False,
        },
    }
    SERVE_MEDIA = False
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Uploads: anything larger is refused before Pillow opens it.
MAX_UPLOAD_IMAGE_BYTES = env.int("MAX_UPLOAD_IMAGE_BYTES", default=5 * 1024 * 1024)
MAX_UPLOAD_IMAGE_PIXELS = env.int("MAX_UPLOAD_IMAGE_PIXELS", default=40_000_000)
MAX_UPLOAD_IMAGE_SIDE = env.int("MAX_UPLOAD_IMAGE_SIDE", default=8000)
# The testimonial's video file (the help text in employer/models.py says 100 Mo).
MAX_UPLOAD_VIDEO_BYTES = env.int("MAX_UPLOAD_VIDEO_BYTES", default=100 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Resized images are generated on first request and then served for a long time.
IMAGEKIT_DEFAULT_CACHEFILE_DIR = "cache"
# django-imagekit itself reads IMAGEKIT_CACHEFILE_DIR (serve_media reads the line above).
IMAGEKIT_CACHEFILE_DIR = IMAGEKIT_DEFAULT_CACHEFILE_DIR
IMAGEKIT_SPEC_CACHEFILE_NAMER = "imagekit.cachefiles.namers.source_name_dot_hash"
# django-imagekit remembers in the cache that a copy exists, under its file name: two sites on one
# Redis (or a site whose media folder was replaced) then skipped making copies missing from their
# own folder, and a visitor waited 9 s for them the day Redis stopped. The media folder is part
# of the key, and the memory lasts a day, so that a deleted copy is made again.
IMAGEKIT_CACHE_PREFIX = (
    f"imagekit:{hashlib.sha256(f'{MEDIA_S3_BUCKET}:{MEDIA_ROOT}'.encode()).hexdigest()[:12]}:"
)
IMAGEKIT_CACHE_TIMEOUT = 24 * 3600

# Security: production values come from the environment (see .env.example); local defaults keep
# `make run` usable over plain HTTP on 127.0.0.1.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("DJANGO_BEHIND_PROXY", default=False) else None
)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=False)
SESSION_COOKIE_HTTPONLY = True
# Database sessions that ignore forged keys (core/sessions.py) instead of erroring.
SESSION_ENGINE = "core.sessions"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp; core/security.py picks the admin's policy). No
# nonces: whole pages are cached and a cached nonce would be replayed. The site has no inline
# script or style; the offer page's JSON-LD is a data block, which CSP does not block.
_CSP_BASE = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # The DSFR's CSS draws its icons as data: SVG; uploads may live in a bucket (MEDIA_URL).
    "img-src": ["'self'", "data:", *([MEDIA_URL] if MEDIA_S3_BUCKET else [])],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'", *([MEDIA_URL] if MEDIA_S3_BUCKET else [])],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "worker-src": ["'none'"],
    "manifest-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "upgrade-insecure-requests": SECURE_SSL_REDIRECT,
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_BASE}
# The admin's pages get their own policy (core/security.py), so that it can be loosened
# alone if an admin page ever needs it. Django 5.2's admin writes no inline script or style (its
# pop-ups set styles from script files, which CSP allows): tests/browser/test_csp.py checks the
# pages editors use in Chromium, so it is as strict as the public one.
ADMIN_CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_BASE}
# Powerful browser features the site never uses, refused for it and for anything it could embed.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "fullscreen": ["self"],  # The testimonial video's full-screen button.
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "screen-wake-lock": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# Sessions: an editor's session ends when the browser closes, and after SESSION_COOKIE_AGE anyway.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)

# Failed logins (django-axes): after AXES_FAILURE_LIMIT failures for one account or from one
# address, further attempts are refused for AXES_COOLOFF_TIME hours, even with the right password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # First: it refuses locked-out attempts.
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
# Each criterion locks on its own: one account from anywhere, or one address whatever the account.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# A French page in the admin's look (templates/admin/lockout.html), with status 429.
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_VERBOSE = False

# Whitenoise: hashed files get far-future cache headers (ten years, `immutable`); compressed
# variants (Brotli, gzip) are built at collectstatic time. Files without a hash in their name
# are kept an hour.
WHITENOISE_MAX_AGE = 3600

# django-dsfr; each of these fixes a real bug:
# - whitenoise's manifest storage rewrites the DSFR stylesheet, whose integrity hash then no longer
#   matches: the browser would block it and the pages would render unstyled;
DSFR_USE_INTEGRITY_CHECKSUMS = False
# - by default component content is marked safe: a <script> typed by an editor would come out live;
DSFR_CONTENT_IS_SAFE = False
# - optional form fields say so, as the DSFR asks (a transitional setting: pytest silences its warning).
DSFR_MARK_OPTIONAL_FIELDS = True

# What the communication service validates: the bloc-marque text and the site's name.
SITE_NAME = env("SITE_NAME", default="OFPRA recrute")
SITE_TAGLINE = env(
    "SITE_TAGLINE", default="Office français de protection des réfugiés et apatrides"
)
SITE_BRAND_HTML = env("SITE_BRAND_HTML", default="République<br>française")
SITE_BRAND_TEXT = env("SITE_BRAND_TEXT", default="République française")
# No SITE_URL: every address the site writes (legal pages, canonical links, sitemaps, feeds,
# structured data) is the one the request reached, among DJANGO_ALLOWED_HOSTS; a fixed default
# named the wrong host or port on every other machine.
# The RGAA compliance status shown in the footer: « non », « partiellement » or « totalement ».
ACCESSIBILITY_STATUS = env("ACCESSIBILITY_STATUS", default="non")

# The mandatory pages (accessibility statement, legal notice, personal data): facts the agency
# confirms or updates without touching the templates.
ACCESSIBILITY_STATEMENT_DATE = date.fromisoformat(
    env("ACCESSIBILITY_STATEMENT_DATE", default="2026-11-28")
)
ACCESSIBILITY_PLAN_URL = env(
    "ACCESSIBILITY_PLAN_URL", default="https://www.ofpra.gouv.fr/accessibilite"
)
CONTACT_EMAIL = env("CONTACT_EMAIL", default="recrutement@ofpra.gouv.fr")
DPO_EMAIL = env("DPO_EMAIL", default="dpo@ofpra.gouv.fr")
SITE_HOST_NAME = env(
    "SITE_HOST_NAME", default="Office français de protection des réfugiés et apatrides (Ofpra)"
)
SITE_HOST_ADDRESS = env("SITE_HOST_ADDRESS", default="201 rue Carnot, 94120 Fontenay-sous-Bois")

# --- E-mail and the worker (alerts/) -------------------------------------------------------------
# EMAIL_URL (django-environ): smtp://user:password@host:587 (smtp+tls://, smtp+ssl:// for TLS).
# By default every e-mail is written as a file under var/mail/ (filemail://), where a newcomer
# reads the confirmation link of `make run`; consolemail:// prints them instead.
_email = env.email_url("EMAIL_URL", default="filemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
# Seconds before an unreachable SMTP server counts as down (the digests wait for a later try).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <ne-pas-repondre@recrutement.ofpra.gouv.fr>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The hour (Paris time) from which the daily digests, and on Mondays the weekly ones, are sent.
ALERTS_SEND_HOUR = env.int("ALERTS_SEND_HOUR", default=7)
# Confirmation e-mails: at most this many per address per day, and requests per client address
# per hour (counted in the shared cache).
ALERTS_MAILS_PER_ADDRESS_PER_DAY = env.int("ALERTS_MAILS_PER_ADDRESS_PER_DAY", default=3)
ALERTS_REQUESTS_PER_CLIENT_PER_HOUR = env.int("ALERTS_REQUESTS_PER_CLIENT_PER_HOUR", default=10)
# How long the record of each digest sent (date, number of offers, errors) is kept.
ALERTS_DIGEST_RECORD_DAYS = env.int("ALERTS_DIGEST_RECORD_DAYS", default=90)

# The task queue (Huey): the worker is `manage.py run_huey` (`make run` starts it). With no
# HUEY_URL, the queue is a SQLite file under var/huey/ (one per database), which needs no service
# and serves one machine. HUEY_URL=redis://host:6379/2 shares one queue between several servers
# (use a Redis database of its own, not the cache's: clearing the cache would empty the queue).
# Either way two workers never send a digest twice: the database decides (alerts/digests.py).
HUEY_URL = env("HUEY_URL", default="")
_huey_name = f"ofpra-careers-{_database_digest}"
if HUEY_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": _huey_name, "url": HUEY_URL}
else:
    _huey_folder = Path(env("HUEY_FOLDER", default=str(BASE_DIR / "var" / "huey")))
    _huey_folder.mkdir(parents=True, exist_ok=True)
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": _huey_name,
        "filename": str(_huey_folder / f"{_database_digest}.sqlite3"),
    }
HUEY.update(
    {
        # Tasks run in the web process itself instead (tests, or a site without a worker).
        "immediate": env.bool("HUEY_IMMEDIATE", default=False),
        # Periodic tasks are read in UTC; their hours are decided in alerts/digests.py (Paris).
        "utc": True,
        "consumer": {
            "workers": env.int("HUEY_WORKERS", default=2),
            "worker_type": "thread",
        },
    }
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

"""Settings for the MenEngage Alliance platform.

One file; every knob is an environment variable documented in `.env.example` (a test fails when
one is not). The defaults run a clone on SQLite with nothing else to configure.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    return env(name, "true" if default else "false").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = env("SECRET_KEY", "insecure-development-key-set-SECRET_KEY-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
BASE_URL = env("BASE_URL", "http://127.0.0.1:8000")
HOST = env("HOST", "127.0.0.1")
PORT = int(env("PORT", "8000"))
WEB_CONCURRENCY = int(env("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1))

INSTALLED_APPS = [
    "menengage.core",
    "menengage.accounts",
    "menengage.networks",
    "menengage.members",
    "menengage.transparency",
    "menengage.governance",
    "menengage.events",
    "menengage.library",
    "menengage.declarations",
    "menengage.activities",
    "menengage.evidence",
    "menengage.concerns",
    "menengage.communications",
    "menengage.workspace",
    "menengage.content",
    "menengage.api",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "menengage.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "menengage.core.middleware.LocaleMiddleware",
    "menengage.core.page_cache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "menengage.accounts.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
# Every form field through core/field.html, with autocomplete tokens from one mapping.
FORM_RENDERER = "menengage.core.form_rendering.FormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "menengage.core.context_processors.site",
            ],
            # Translated content is shown in nearly every template.
            "builtins": ["menengage.core.templatetags.translation_tags"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'menengage.sqlite3'}",
        conn_max_age=int(env("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/ yet; the default database lives there.
    (BASE_DIR / "var").mkdir(exist_ok=True)
    # WAL lets the server read while the demo loader or a worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# A read replica of the primary (PostgreSQL streaming replication): reads go there, writes and
# reads inside transactions to the primary (menengage.core.routers). Tests use the primary.
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(
            env("DATABASE_REPLICA_URL"),
            conn_max_age=int(env("CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        ),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["menengage.core.routers.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's PostgreSQL full-text search uses its lookups.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    # Shared between servers: sign-in throttles, the menu (cleared when pages publish).
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "core_cache",
    },
    # Per process, for derived figures and fragments that expire on their own within minutes
    # (directory counts, the map): no round trip to the database to read them.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # The image renditions Wagtail looks up for each picture a page shows, per process (they
    # never change: a new crop is a new key). In the shared table, Wagtail 8.0 wrote back
    # every rendition it had just read from it: a database write (and on SQLite a lock of the
    # whole database) on every view of a page with a picture.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# Seconds each server keeps a page drawn for visitors who are not signed in, given to the next
# such visitor of the same address until anything public is written (menengage.core.page_cache);
# 0 turns it off. Off by default with DEBUG, so that a changed template shows at once.
PUBLIC_PAGE_CACHE_SECONDS = int(env("PUBLIC_PAGE_CACHE_SECONDS", "0" if DEBUG else "60"))
# Several app servers can share a Redis (or Valkey) cache instead of the database table
# (needs the `redis` package): CACHE_URL=redis://host:6379/0.
if env("CACHE_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("CACHE_URL"),
    }
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
LOGIN_ATTEMPTS = int(env("LOGIN_ATTEMPTS", "5"))
LOGIN_LOCKOUT_SECONDS = int(env("LOGIN_LOCKOUT_SECONDS", "900"))
# Failed sign-ins allowed from one client (whatever the accounts) in that window: a shared office
# connection needs room, a password sprayer does not get it.
LOGIN_ATTEMPTS_PER_CLIENT = int(env("LOGIN_ATTEMPTS_PER_CLIENT", "20"))
# The proxies in front of the application servers (addresses or networks, comma-separated): only
# their X-Forwarded-For is believed. Empty trusts no header and uses the connection's address.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Pages that need a recent second factor (concern handling) ask for a code again after this
# many minutes without a request.
TWO_FACTOR_IDLE_MINUTES = int(env("TWO_FACTOR_IDLE_MINUTES", "30"))
# TOTP secrets of two-factor devices are encrypted with these Fernet keys (comma-separated, the
# first encrypts, all decrypt); `menengage two_factor_rotate_keys` re-encrypts with the first.
TWO_FACTOR_KEYS = env_list("TWO_FACTOR_KEYS")
# Concern content is encrypted with these Fernet keys (comma-separated, the first encrypts, all
# decrypt), or with the keys in CONCERNS_KEY_FILE (one a line). Never stored in the database.
CONCERNS_KEYS = env_list("CONCERNS_KEYS")
CONCERNS_KEY_FILE = env("CONCERNS_KEY_FILE")
# Keys for finding a concern by its receipt (comma-separated, the first current), kept apart from
# SECRET_KEY so that rotating SECRET_KEY does not lose every receipt.
CONCERNS_RECEIPT_KEY = env_list("CONCERNS_RECEIPT_KEY")

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("pt", _("Portuguese")),
    ("ar", _("Arabic")),
    ("sw", _("Swahili")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Formats for the languages whose Django formats are missing (Swahili) or incomplete (Arabic).
FORMAT_MODULE_PATH = ["menengage.core.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / env("STATIC_ROOT", "var/static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / env("MEDIA_ROOT", "var/media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000

# Outgoing mail: SMTP when EMAIL_HOST is set, files in EMAIL_FILE_PATH when that is set
# (the browser tests read them), else printed to the console.
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env("EMAIL_HOST"),
                "port": int(env("EMAIL_PORT", "587")),
                "username": env("EMAIL_HOST_USER"),
                "password": env("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
        if env("EMAIL_HOST")
        else {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": env("EMAIL_FILE_PATH")},
        }
        if env("EMAIL_FILE_PATH")
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "MenEngage Alliance <no-reply@localhost>")
# Every message goes through the outbox (menengage.core.mail): this many per SMTP connection and
# task, and this many attempts (1, 2, 4 ... minutes apart) before a message counts as failed.
MAIL_BATCH_SIZE = int(env("MAIL_BATCH_SIZE", "100"))
MAIL_MAX_ATTEMPTS = int(env("MAIL_MAX_ATTEMPTS", "8"))
# The shared secret the mail provider's bounce webhook (/communications/bounces) must send;
# empty turns the webhook off.
COMMUNICATIONS_BOUNCE_TOKEN = env("COMMUNICATIONS_BOUNCE_TOKEN", "")

# Background work (mail, text extraction, search indexing including Wagtail's, mass mail).
# "database" keeps the queue in the database for `menengage worker` (django-tasks-db);
# "immediate" runs each task inside the request that queued it (no worker needed; slow pages);
# any other value is a backend's dotted path, e.g. a broker-backed one
# (django_tasks_rq.RQBackend) with its TASKS_OPTIONS.
TASKS_BACKEND = env("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }.get(TASKS_BACKEND, TASKS_BACKEND),
        "OPTIONS": json.loads(env("TASKS_OPTIONS") or "{}"),
    }
}

SECURE_COOKIES = env_bool("SECURE_COOKIES")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = SECURE_COOKIES
SECURE_HSTS_SECONDS = 31536000 if SECURE_COOKIES else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_COOKIES else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "style-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# The Wagtail and Django admins and the API docs rely on inline code; they get a looser policy
# than the public site, still with no third-party origin.
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "frame-ancestors": [CSP.SELF],
    "object-src": [CSP.NONE],
}
ADMIN_CSP_PREFIXES = ("/admin/", "/django-admin/", "/api/v1/docs")
# Addresses outside the language prefixes, which are never redirected to one.
UNPREFIXED_PATHS = (
    "/api/",
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/static/",
    "/media/",
    "/health",
    "/robots.txt",
    "/sitemap",
    "/favicon.ico",
    "/u/",
    "/communications/bounces",
)

WAGTAIL_SITE_NAME = "MenEngage Alliance"
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "epub", "odt", "csv", "xlsx"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Every `@paginate` list pages within the shared bounds (a 422 beyond them, never a 500).
NINJA_PAGINATION_CLASS = "menengage.core.api_schema.Pagination"

# The PostgreSQL text search configuration that stems each language's titles, summaries and
# full text in the library, as language:configuration pairs; a language not named is indexed
# word for word ("simple"). After changing it (or LANGUAGES), run `menengage library_reindex`.
LIBRARY_SEARCH_CONFIGS = {
    language.strip(): config.strip()
    for language, _colon, config in (
        pair.partition(":")
        for pair in env_list(
            "LIBRARY_SEARCH_CONFIGS",
            "en:english,es:spanish,fr:french,pt:portuguese,ar:arabic,sw:simple",
        )
    )
}

# The Alliance's organisation identifier in its IATI files (no spaces).
IATI_ORGANISATION_IDENTIFIER = env("IATI_ORGANISATION_IDENTIFIER", "XI-IATI-MENENGAGE-DEMO")

# "json": every log record one JSON object a line, with one line per request and per task
# (menengage.core.logs); "text": plain lines, gunicorn's access log for requests.
LOG_FORMAT = env("LOG_FORMAT", "text")
# Addresses that get a report of every server error (through the outbox), comma-separated.
ADMINS = env_list("ADMINS")
if LOG_FORMAT == "json":
    MIDDLEWARE.insert(0, "menengage.core.logs.request_log_middleware")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "menengage.core.logs.JsonFormatter"}},
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "expected_refusals": {"()": "menengage.core.log_filters.ExpectedRefusalsOnOneLine"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["expected_refusals"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        },
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "menengage.core.logs.QueuedAdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Refusals (warnings) still reach the console as one line; errors also mail ADMINS.
        "django.request": {"handlers": ["mail_admins"], "level": "WARNING"},
        # A line per finished task for a log collector; as text only the failures.
        "menengage.task": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

"""Settings for the portal, read from the environment.

Every variable is documented in the README's configuration table; docker-compose.yml sets the
same names. Development defaults are safe to run on a laptop; `PORTAL_ENV=production` refuses to
start with the development secret key or with DEBUG on.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from procedure_plugins.entry_points import plugin_locale_paths

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false).")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- mode and secrets --------------------------------------------------------------------------
PORTAL_ENV = env_str("PORTAL_ENV", "development")
if PORTAL_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(f"PORTAL_ENV={PORTAL_ENV!r}: use development, production or test.")
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-secret-key-change-me"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", PORTAL_ENV == "development")
if PORTAL_ENV == "production":
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "PORTAL_ENV=production needs SECRET_KEY set to a random value of 32+ characters."
        )
    if DEBUG:
        raise ImproperlyConfigured("PORTAL_ENV=production refuses to start with DEBUG on.")

# --- hosts ---------------------------------------------------------------------------------------
# Every locality is served at <commune>.<province>.<base domain>; the national root at the base
# domain itself. `.localhost` names resolve to the loopback address in browsers with no DNS setup.
BASE_DOMAIN = env_str("PORTAL_BASE_DOMAIN", "dichvucong.localhost").lower()
PORTAL_PORT = env_str("PORTAL_PORT", "8000")
ALLOWED_HOSTS = [BASE_DOMAIN, f".{BASE_DOMAIN}", *env_list("ALLOWED_HOSTS")]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- database ------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    import dj_database_url

    _database = dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
else:
    from portal.embedded_db import embedded_database_settings

    _database = embedded_database_settings(VAR_DIR / "pgdata")
# django-tenants' backend, sending `SET search_path` only when the connection is on another schema
# and keeping each schema's content types cached (tenants/postgresql_backend/base.py).
_database["ENGINE"] = "tenants.postgresql_backend"
_database.setdefault("OPTIONS", {})["connect_timeout"] = int(
    env_str("DATABASE_CONNECT_TIMEOUT", "5")
)
# Parallel test sessions (several developers' checkouts on one server) each get their own name.
_database["TEST"] = {"NAME": env_str("PORTAL_TEST_DATABASE", f"test_{_database['NAME']}")}
DATABASES = {"default": _database}
# A PostgreSQL backend keeps the catalog entries of every schema it served (~0.34 MB each): a
# persistent connection is closed after a request once it has served this many distinct
# locality schemas (tenants/connection_limits.py); 0 turns it off.
DATABASE_SCHEMAS_PER_CONNECTION = int(env_str("DATABASE_SCHEMAS_PER_CONNECTION", "100"))
DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- apps ----------------------------------------------------------------------------------------
# Shared apps live in the public schema: localities, their domains, the national accounts.
# Tenant apps get one copy per locality schema. `auth`, `contenttypes` and `staff` are in both:
# groups, permissions and the user-group memberships are per locality, so what a person may do is
# decided by the schema of the current request (see identity/models.py).
SHARED_APPS = [
    "django_tenants",
    "tenants",
    "identity",
    "staff",
    "portal",
    "documents",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "procedure_plugins",
    # Public index of dossiers: which localities hold a citizen's dossiers (workflows/).
    "workflows.public_index",
    # Statistics and Decision 766's score, read from the public index (no tables of its own).
    "scoreboard",
    # API v1 (/api/v1/): partners' credentials, their call log, dossiers taken in from the
    # national portal. `ninja` serves Swagger UI's files from this project (no CDN).
    "api",
    "ninja",
    "axes",
    "captcha",
    "django_ratelimit",
    # Content-Security-Policy header (portal/security.py).
    "csp",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "staff",
    "guardian",
    "workflows",
    # Outbound messages live beside the dossier that caused them, in the locality's schema.
    "outbox",
    # Workflow proxies of procedure plugins (no tables, no migrations): procedure_plugins/.
    "procedure_plugins.workflow_models",
    "cms",
    "taggit",
    "modelcluster",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
]
INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Locality"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_NAME = "public"
ROOT_URLCONF = "portal.urls"
PUBLIC_SCHEMA_URLCONF = "portal.urls_public"
DEFAULT_NOT_FOUND_TENANT_VIEW = "tenants.views.locality_not_found"
# Called as hook(locality) inside each new locality's schema, in the transaction that creates it
# (contract: tenants.setup_hooks.run_setup_hooks). Dotted paths; apps append their own.
LOCALITY_SETUP_HOOKS: list[str] = [
    # The locality's Wagtail site: home page titled with its name, Site on its host.
    "cms.provisioning.setup_locality_site",
]

MIDDLEWARE = [
    # A host outside ALLOWED_HOSTS gets a page pointing to the national root, not an empty 404.
    "portal.middleware.UnknownHostPageMiddleware",
    "tenants.middleware.LocalityMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (no inline scripts or styles) and Permissions-Policy on every
    # answer, cached pages included (portal/security.py).
    "portal.security.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # NUL bytes and values the database refuses answer 400, before the session reads a cookie;
    # 405s get the portal's page (portal/middleware.py).
    "portal.middleware.BadInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language chosen with the header's switch (a cookie), else Vietnamese (portal.languages).
    "portal.languages.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Anonymous pages from a cache shared by the workers, per locality (tenants/page_cache.py):
    # after the session, locale and CSRF middleware, whose answers still apply to a cached page.
    "tenants.page_cache.AnonymousPageCacheMiddleware",
    # The Wagtail site of the host, kept per locality (cms/middleware.py).
    "cms.middleware.CachedSiteMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # /api/: requests per client address and per caller (api/limits.py).
    "api.limits.ApiRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Wagtail's admin answers 403 to anyone without admin access in *this* locality.
    "staff.middleware.LocalityAdminAccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "platform" / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenants.context_processors.locality",
            ],
        },
    },
]
WSGI_APPLICATION = "portal.wsgi.application"
# Django's own CSRF page is English and technical, even with DEBUG off.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# --- identity ------------------------------------------------------------------------------------
AUTH_USER_MODEL = "identity.User"
AUTHENTICATION_BACKENDS = [
    # django-axes must come first: it refuses a locked-out login before any password check.
    "axes.backends.AxesStandaloneBackend",
    # Log in by ID number, e-mail or user name; permissions from the per-locality memberships.
    "identity.backends.NationalAccountBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email", "id_number", "phone")},
    },
    {"NAME": "identity.validators.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "identity.validators.LetterAndDigitPasswordValidator"},
]
LOGIN_URL = "identity:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# E-mail confirmation links (signed, see identity/tokens.py) and password-reset links expire.
IDENTITY_EMAIL_CONFIRMATION_MAX_AGE = int(env_str("IDENTITY_EMAIL_CONFIRMATION_HOURS", "72")) * 3600
PASSWORD_RESET_TIMEOUT = int(env_str("PASSWORD_RESET_HOURS", "24")) * 3600
# django-axes: after AXES_FAILURE_LIMIT failed logins for one account (whatever identifier was
# typed) or from one address, logins are refused for AXES_COOLOFF_TIME; the page says until when.
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "identity.lockout.username_for_attempt"
AXES_LOCKOUT_CALLABLE = "identity.lockout.lockout_response"
AXES_VERBOSE = False
# django-simple-captcha: images drawn locally with Pillow (works offline), answer kept 5 minutes.
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 5
CAPTCHA_IMAGE_SIZE = (150, 50)
CAPTCHA_FONT_SIZE = 32
# The spoken alternative (WCAG 1.1.1): flite reads the characters out as a .wav file. Installed by
# scripts/system-deps.sh; without it the page offers no audio link (and the captcha still works).
CAPTCHA_FLITE_PATH = env_str("CAPTCHA_FLITE_PATH", shutil.which("flite") or "") or None
# Optional login through a national identity provider (OpenID Connect, identity/oidc.py).
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "VNeID")
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile national_id")
OIDC_CLAIM_ID_NUMBER = env_str("OIDC_CLAIM_ID_NUMBER", "id_number")
# API v1: how long the national account behind a bearer access token is remembered (the
# provider's userinfo endpoint is asked once per token in that time; api/auth.py).
API_BEARER_CACHE_SECONDS = int(env_str("API_BEARER_CACHE_SECONDS", "60"))
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "identity:oidc_callback"
# The one host where the provider sends citizens back (its only registered redirect URI).
OIDC_CALLBACK_HOST = env_str("OIDC_CALLBACK_HOST", BASE_DOMAIN)
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("identity.oidc.NationalIdentityBackend")
ANONYMOUS_USER_NAME = None  # django-guardian: no anonymous user row
# One account for every portal: the session cookie covers the base domain and all its subdomains.
SESSION_COOKIE_DOMAIN = env_str("SESSION_COOKIE_DOMAIN", f".{BASE_DOMAIN}") or None
CSRF_COOKIE_DOMAIN = SESSION_COOKIE_DOMAIN
# Behind HTTPS in production; a plain-HTTP trial of the compose stack sets it to 0.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", PORTAL_ENV == "production")

# --- language and time ---------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
# The portal's catalogues (`make messages` updates them; docs in the README, "Languages"). The
# Vietnamese overrides of Wagtail's messages stay in cms/locale (an app catalogue). Then each
# installed procedure plugin's own `locale/` (its texts' translations, docs/plugins.md).
LOCALE_PATHS = [BASE_DIR / "locale", *plugin_locale_paths()]
# The language chosen with the header's switch holds on every portal (one cookie for the base
# domain and its subdomains, like the session); without it, Vietnamese (portal/languages.py).
LANGUAGE_COOKIE_DOMAIN = SESSION_COOKIE_DOMAIN
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Dates `dd/mm/yyyy` and amounts `1.000.000` in both languages (portal/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- files ---------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# WhiteNoise serves from STATIC_ROOT in production; in development it falls back to the finders.
WHITENOISE_USE_FINDERS = PORTAL_ENV != "production"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Files of each locality go under MEDIA_ROOT/<schema>/ so two localities never share a file.
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
# Dossier files (attachments, issued slips, results) hold personal data: outside MEDIA_ROOT,
# one folder per locality schema, no URL; only the dossier views hand them out
# (portal/private_files.py), by Django itself or by the front server (X-Accel-Redirect for nginx,
# X-Sendfile for Apache/lighttpd) from an internal location mapped to PRIVATE_FILES_ROOT.
PRIVATE_FILES_ROOT = Path(env_str("PRIVATE_FILES_ROOT", str(VAR_DIR / "private")))
PRIVATE_FILES_SERVE = env_str("PRIVATE_FILES_SERVE", "django")
if PRIVATE_FILES_SERVE not in ("django", "x-accel-redirect", "x-sendfile"):
    raise ImproperlyConfigured(
        "PRIVATE_FILES_SERVE must be django, x-accel-redirect or x-sendfile, "
        f"not {PRIVATE_FILES_SERVE!r}"
    )
PRIVATE_FILES_INTERNAL_URL = env_str("PRIVATE_FILES_INTERNAL_URL", "/_private/")
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "private": {"BACKEND": "portal.private_files.PrivateTenantStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if PORTAL_ENV != "production"
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- cache and Celery ----------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
_cache_backend = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
)
# Wagtail's cache keys (site root paths, renditions) collide across localities without this.
_cache_backend["KEY_FUNCTION"] = "django_tenants.cache.make_key"
_cache_backend["REVERSE_KEY_FUNCTION"] = "django_tenants.cache.reverse_key"
CACHES = {"default": _cache_backend}
# Rate limits count per client address across every host (a commune, its province and the
# national root share one budget), so their keys must not carry the tenant's prefix.
CACHES["ratelimit"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}
)
# Anonymous pages and the generations that invalidate them (tenants/page_cache.py): keys carry
# the schema themselves (a page of one locality is dropped from another's), so no tenant prefix.
CACHES["pages"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
)
PAGE_CACHE_ALIAS = "pages"
# How long a cached page may lag behind what no change signal announces (the "most used"
# procedures, the visit counters of the footer); 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS", "120"))
# How long a worker trusts the generations it read (a change in another worker is seen that
# much later; one in the same worker at once).
PAGE_CACHE_GENERATION_SECONDS = float(env_str("PAGE_CACHE_GENERATION_SECONDS", "1"))
# "Most used" procedures count a year of a locality's dossiers: counted again after this long.
MOST_USED_SECONDS = int(env_str("MOST_USED_SECONDS", "600"))
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_CACHE_PREFIX = "rl:"
# Behind a reverse proxy, the header (as a META key) that carries the client's address.
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY", "REMOTE_ADDR")
# Django's own RedisCache increments atomically; django-ratelimit only lists django-redis. Without
# Redis (development, tests) the in-process cache counts per process, which is what is wanted there.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + (
    [] if REDIS_URL else ["django_ratelimit.E003"]
)

# Attempts per client address and per account (portal/rate_limits.py), "count/period" with
# period s, m, h or d; each can be set as RATE_LIMIT_<GROUP>="<per client>,<per account>".
RATE_LIMITS = {
    group: tuple(env_list(f"RATE_LIMIT_{group.upper()}", default))
    for group, default in {
        "login": "30/m,10/m",
        "register": "20/h,5/h",
        "password_reset": "20/h,5/h",
        "api": "300/m,120/m",
    }.items()
}

# --- dossier lookup (tra cứu hồ sơ) ---------------------------------------------------------------
# Key of the HMAC-SHA256 the national dossier index keeps instead of ID numbers. Changing it (or
# SECRET_KEY while this is unset) makes ID-number lookups miss until `rebuild_dossier_index` runs.
LOOKUP_HASH_KEY = env_str("LOOKUP_HASH_KEY", SECRET_KEY)
# Searches one client address may make on the lookup pages, all portals together.
LOOKUP_RATE_LIMIT = env_str("LOOKUP_RATE_LIMIT", "30/m")

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL) or None
# No broker configured: tasks run in-process, immediately, so a laptop needs no Redis.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
# One beat entry per periodic job; `cms.dispatch` fans each out to every locality in batches.
CELERY_BEAT_SCHEDULE = {
    "cms-publish-scheduled": {
        "task": "cms.dispatch",
        "schedule": 60.0,
        "args": ("publish_scheduled",),
    },
    "cms-flush-visits": {"task": "cms.dispatch", "schedule": 300.0, "args": ("flush_visits",)},
    # The national table of provinces, counted for the usual periods (scoreboard/services.py).
    "scoreboard-refresh-national": {"task": "scoreboard.refresh_national", "schedule": 600.0},
    # Re-sends what a crashed worker or a down broker left in every locality's outbox.
    "outbox-sweep": {"task": "outbox.sweep", "schedule": 60.0},
    "cms-update-index": {
        "task": "cms.dispatch",
        "schedule": crontab(hour=2, minute=30),
        "args": ("update_index",),
    },
    # Deadline care (workflows/deadlines/): warnings before the desk opens, every locality.
    "workflows-deadline-care": {
        "task": "workflows.deadline_care_dispatch",
        "schedule": crontab(hour=6, minute=30),
    },
}

# --- e-mail --------------------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A mail server that hangs must not hold a worker (or, sending in-process, a request) forever;
# the outbox records the timeout and tries again later.
EMAIL_TIMEOUT = int(env_str("EMAIL_TIMEOUT", "10"))
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"Cổng dịch vụ công <no-reply@{BASE_DOMAIN}>")

# --- the outbox (platform/outbox/): retries, the sweeper, SMS -----------------------------------
# A failed message is tried again after 30 s, 60 s, 120 s… (never more than the cap), at most
# OUTBOX_MAX_ATTEMPTS times in all; a permanent refusal stops at once. Staff can re-send.
OUTBOX_MAX_ATTEMPTS = int(env_str("OUTBOX_MAX_ATTEMPTS", "8"))
OUTBOX_RETRY_BASE_SECONDS = int(env_str("OUTBOX_RETRY_BASE_SECONDS", "30"))
OUTBOX_RETRY_CAP_SECONDS = int(env_str("OUTBOX_RETRY_CAP_SECONDS", "3600"))
# A worker sending a message holds it this long; after that the sweeper presumes it dead.
OUTBOX_LEASE_SECONDS = int(env_str("OUTBOX_LEASE_SECONDS", "300"))
# The sweeper leaves a queued message this long to its own task before sending it again.
OUTBOX_SWEEP_GRACE_SECONDS = int(env_str("OUTBOX_SWEEP_GRACE_SECONDS", "120"))
# "" sends no SMS; "outbox.sms.ConsoleBackend" logs them; "outbox.sms.HttpGatewayBackend" posts
# them to OUTBOX_SMS_GATEWAY_URL (outbox/sms.py describes the parameter mapping).
OUTBOX_SMS_BACKEND = env_str("OUTBOX_SMS_BACKEND", "")
OUTBOX_SMS_GATEWAY = {
    "url": env_str("OUTBOX_SMS_GATEWAY_URL", ""),
    "key": env_str("OUTBOX_SMS_GATEWAY_KEY", ""),
    "params": json.loads(env_str("OUTBOX_SMS_GATEWAY_PARAMS", "{}")),
    "timeout": int(env_str("OUTBOX_SMS_GATEWAY_TIMEOUT", "10")),
}
# The national public-service portal: every dossier change is reported ("sync the dossier" and
# "update progress", outbox/national.py). Off while OUTBOX_NATIONAL_URL is empty.
OUTBOX_NATIONAL = {
    "url": env_str("OUTBOX_NATIONAL_URL", ""),
    "token": env_str("OUTBOX_NATIONAL_TOKEN", ""),
    "sync_path": env_str("OUTBOX_NATIONAL_SYNC_PATH", "DongBoHoSoMC"),
    "progress_path": env_str("OUTBOX_NATIONAL_PROGRESS_PATH", "CapNhatTienDoHoSoMC"),
    "timeout": int(env_str("OUTBOX_NATIONAL_TIMEOUT", "15")),
}
# Local procedure code → national code, where they differ (JSON object).
OUTBOX_NATIONAL_PROCEDURE_CODES = json.loads(env_str("OUTBOX_NATIONAL_PROCEDURE_CODES", "{}"))

# --- Wagtail -------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Cổng dịch vụ công trực tuyến"
WAGTAILADMIN_LOGIN_URL = "/tai-khoan/dang-nhap/"  # one login page for citizens and staff
# The national account is managed on the portal (/tai-khoan/): a changed e-mail must be confirmed
# and a password reset must link to the citizen's portal, which Wagtail's own pages would skip.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Links in e-mails must use the locality's own host; this is only the fallback for the root.
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", f"http://{BASE_DOMAIN}:{PORTAL_PORT}")
WAGTAIL_I18N_ENABLED = False
# The index lives in each locality's schema. "simple": no English stemming or stop words on
# Vietnamese text; accents are folded by cms (an accent-free copy of each page's text).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
# Uploads editors may make: images up to 5 MB / 40 megapixels; documents of office formats only.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Wagtail's background jobs carry no schema: run them in the request's own schema, immediately.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- security headers (portal/security.py; `manage.py check --deploy` is clean in production) -----
# Every script and style comes from the portal's own static files: no inline code, no CDN.
_CSP_COMMON = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'self'"],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**_CSP_COMMON, "script-src": ["'self'"], "style-src": ["'self'"]}
}
# Wagtail's admin (/quan-tri/ only) writes inline scripts and style attributes in its templates.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "img-src": ["'self'", "data:", "blob:"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
    }
}
# Wagtail's admin would otherwise ask gravatar.com for every editor's picture.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
if PORTAL_ENV == "production":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A plain-HTTP trial of the compose stack sets SECURE_SSL_REDIRECT=0 and HSTS_SECONDS=0.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env_str("HSTS_SECONDS", str(365 * 24 * 3600)))
    # Every locality is a subdomain of the base domain: all of them are HTTPS-only.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
    # /healthz is probed over plain HTTP by the container's health check.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

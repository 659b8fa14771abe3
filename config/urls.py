from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.static import serve as static_serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.sitemaps import SITEMAPS
from menengage.accounts.views import admin_password_reset, admin_sign_in
from menengage.api.api import api
from menengage.api.api import not_found as api_not_found
from menengage.communications.views import bounce_webhook, unsubscribe_one_click
from menengage.core.crawlers import favicon, robots_txt
from menengage.core.health import health

RENDITION_CACHING = cache_control(max_age=31536000, public=True, immutable=True)
# A sitemap file takes about a second to build: proxies and crawlers may keep it an hour.
SITEMAP_CACHING = cache_control(max_age=3600, public=True)

urlpatterns = [
    path("health", health, name="health"),
    path("robots.txt", robots_txt, name="robots"),
    path(
        "sitemap.xml",
        SITEMAP_CACHING(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        SITEMAP_CACHING(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("favicon.ico", favicon, name="favicon"),
    # Image renditions (never the originals) are public and named by their content's hash:
    # served here, cached for a year, until uploads move to object storage.
    re_path(
        r"^media/images/(?P<path>[\w.-]+)$",
        RENDITION_CACHING(static_serve),
        {"document_root": settings.MEDIA_ROOT / "images"},
        name="image-rendition",
    ),
    path("api/v1/", api.urls),
    # One sign-in for the site and both admins: theirs lead to it (accounts.views).
    path("admin/login/", admin_sign_in, {"home": "/admin/"}),
    re_path(r"^admin/password_reset/", admin_password_reset),
    path("django-admin/login/", admin_sign_in, {"home": "/django-admin/"}),
    re_path(r"^api/(?P<path>.*)$", api_not_found),
    path("communications/bounces", bounce_webhook, name="communications_bounces"),
    path("u/<str:token>/", unsubscribe_one_click, name="communications_unsubscribe"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("menengage.accounts.urls")),
    path("me/", include("menengage.workspace.urls")),
    path("networks/", include("menengage.networks.urls")),
    path("transparency/", include("menengage.transparency.urls")),
    path("governance/", include("menengage.governance.urls")),
    path("events/", include("menengage.events.urls")),
    path("library/", include("menengage.library.urls")),
    path("declarations/", include("menengage.declarations.urls")),
    path("activities/", include("menengage.activities.urls")),
    path("evidence/", include("menengage.evidence.urls")),
    path("concerns/", include("menengage.concerns.urls")),
    path("communications/", include("menengage.communications.urls")),
    path("", include("menengage.members.urls")),
    # Wagtail's sign-in for private pages, too, leads to the site's.
    path("_util/login/", admin_sign_in),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

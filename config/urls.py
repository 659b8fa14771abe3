from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from menengage.api.api import api
from menengage.communications.views import bounce_webhook, unsubscribe_one_click
from menengage.core.health import health

urlpatterns = [
    path("health", health, name="health"),
    path("api/v1/", api.urls),
    path("communications/bounces", bounce_webhook, name="communications_bounces"),
    path("u/<str:token>/", unsubscribe_one_click, name="communications_unsubscribe"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("menengage.accounts.urls")),
    path("networks/", include("menengage.networks.urls")),
    path("transparency/", include("menengage.transparency.urls")),
    path("governance/", include("menengage.governance.urls")),
    path("events/", include("menengage.events.urls")),
    path("library/", include("menengage.library.urls")),
    path("declarations/", include("menengage.declarations.urls")),
    path("activities/", include("menengage.activities.urls")),
    path("concerns/", include("menengage.concerns.urls")),
    path("communications/", include("menengage.communications.urls")),
    path("", include("menengage.members.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """The strict policy everywhere, and the looser admin policy under the admin prefixes."""

    def process_response(self, request, response):
        if request.path.startswith(settings.ADMIN_CSP_PREFIXES):
            response._csp_config = settings.ADMIN_CSP
        return super().process_response(request, response)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's language redirects, except for the addresses that have no language prefix.

    The Wagtail catch-all makes every `/en/<path>` valid, so without this a missing API
    object would redirect to `/en/api/...` instead of answering 404.
    """

    def process_response(self, request, response):
        if request.path.startswith(settings.UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)

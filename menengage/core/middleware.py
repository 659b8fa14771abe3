from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """The strict policy everywhere, and the looser admin policy under the admin prefixes."""

    def process_response(self, request, response):
        if request.path.startswith(settings.ADMIN_CSP_PREFIXES):
            response._csp_config = settings.ADMIN_CSP
        return super().process_response(request, response)

from django.conf import settings


def site(request):
    """Names every base template needs."""
    return {"site_name": settings.WAGTAIL_SITE_NAME, "languages": settings.LANGUAGES}

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "menengage.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import clients  # noqa: F401 - registers the TRUSTED_PROXIES check

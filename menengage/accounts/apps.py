from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "menengage.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .checks import two_factor_keys

        checks.register(two_factor_keys, checks.Tags.security)

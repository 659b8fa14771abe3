"""The demo alliance: each app may have a `demo.py` with `load(demo)`; they run in app order.

To extend the demo in a new app, add `menengage/<app>/demo.py` with a `load(demo)` function.
`demo.count(n)` scales a size (`menengage demo --scale 10` is ten times the real Alliance; a
test may load a fraction of it),
`demo.random` is seeded so every run makes the same alliance, and `demo.staff` is the
demo secretariat account that acts in services.
"""

import importlib
import random as random_module
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.test.utils import override_settings

DEMO_STAFF_EMAIL = "staff@menengage.example"
DEMO_STAFF_PASSWORD = "menengage-demo"  # noqa: S105 - published demo sign-in
# Published on purpose: demo accounts that need two-factor sign-in share this TOTP secret.
DEMO_TOTP_SECRET = "MENENGAGEDEMOTOTPSECRETFORTRYING"  # noqa: S105
SILENT_MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


@dataclass
class Demo:
    scale: int = 1
    seed: int = 2009
    random: random_module.Random = field(init=False)
    staff: object = None
    log: list = field(default_factory=list)

    def __post_init__(self):
        self.random = random_module.Random(self.seed)

    def count(self, size):
        """How many of something the real Alliance has `size` of: at least one, so a fractional
        scale (a small alliance for tests) still has one of everything."""
        return max(1, round(size * self.scale))

    def say(self, message):
        self.log.append(message)


def demo_loaders():
    """The `load` function of every installed app that has a demo module, in app order."""
    loaders = []
    for config in apps.get_app_configs():
        if not config.name.startswith("menengage."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as missing:
            if missing.name != f"{config.name}.demo":
                raise
            continue
        loaders.append((config.label, module.load))
    return loaders


def demo_load(*, scale=1, seed=2009, report=print, without=()):
    """Load the whole demo alliance in one transaction (but for the apps named in `without`,
    such as `content`, whose site a test database already has)."""
    demo = Demo(scale=scale, seed=seed)
    # Demo people have invented addresses: nothing the loader triggers may reach a mail server.
    with override_settings(MAILERS=SILENT_MAILERS), transaction.atomic():
        for label, load in demo_loaders():
            if label in without:
                continue
            load(demo)
            for message in demo.log:
                report(f"{label}: {message}")
            demo.log.clear()
    return demo


def demo_is_loaded():
    from menengage.accounts.models import User

    return User.objects.filter(email=DEMO_STAFF_EMAIL).exists()

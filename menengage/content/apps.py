from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "menengage.content"
    label = "content"
    verbose_name = _("Content")

    def ready(self):
        from menengage.activities.models import Activity
        from menengage.core import versions
        from menengage.declarations.models import Declaration, Endorsement
        from menengage.events.models import Event
        from menengage.library.models import Resource
        from menengage.members.models import Membership, Organisation
        from menengage.networks.models import Network

        from .templatetags.page_sections import SECTIONS_VERSION

        # What a network's or an organisation's page sections show, and who is a member.
        versions.follow(
            SECTIONS_VERSION,
            Activity,
            Activity.partners.through,
            Activity.networks.through,
            Event,
            Resource,
            Declaration,
            Endorsement,
            Membership,
            Organisation,
            Network,
        )

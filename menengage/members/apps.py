from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "menengage.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from menengage.networks.selectors import member_counts_forget

        from .models import Membership

        # Network member counts are kept a minute; a membership written here shows at once.
        post_save.connect(member_counts_forget, sender=Membership)
        post_delete.connect(member_counts_forget, sender=Membership)

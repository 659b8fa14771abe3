from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "menengage.library"
    label = "library"
    verbose_name = _("Library")

    def ready(self):
        from menengage.core import versions

        from . import search
        from .models import Resource

        # SQLite refuses to (re)define a function while a statement runs, so the index's fold
        # function is given to each connection as it opens, as Django gives its own.
        connection_created.connect(search.register_sqlite_functions)
        # A search's kept candidates (their status, type, language, year, themes, regions)
        # are forgotten on any write to a resource; downloads are counted with an update.
        versions.follow(
            search.INDEX_VERSION, Resource, Resource.themes.through, Resource.regions.through
        )

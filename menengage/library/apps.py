from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "menengage.library"
    label = "library"
    verbose_name = _("Library")

    def ready(self):
        from . import search
        from .models import Resource

        # SQLite refuses to (re)define a function while a statement runs, so the index's fold
        # function is given to each connection as it opens, as Django gives its own.
        connection_created.connect(search.register_sqlite_functions)
        # A search's kept candidates (their status, type, language, year, themes, regions)
        # are forgotten on any write to a resource; downloads are counted with an update.
        post_save.connect(search.index_changed, sender=Resource, dispatch_uid="library-saved")
        post_delete.connect(search.index_changed, sender=Resource, dispatch_uid="library-deleted")
        for name in ("themes", "regions"):
            m2m_changed.connect(
                search.index_changed,
                sender=getattr(Resource, name).through,
                dispatch_uid=f"library-{name}",
            )

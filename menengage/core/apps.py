from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "menengage.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.apps import apps
        from django.core.signals import request_started
        from django.db.models.signals import post_delete, post_save
        from django.tasks.signals import task_finished, task_started

        from . import (
            choice_labels,
            clients,  # noqa: F401 - registers the TRUSTED_PROXIES check
            page_cache,
            vocabulary,
        )
        from .logs import task_log
        from .routers import ReplicaRouter

        task_finished.connect(task_log, dispatch_uid="core.task_log")
        # Each request and task starts reading from the replica again (when there is one).
        request_started.connect(ReplicaRouter.request_started, dispatch_uid="core.replica")
        task_started.connect(ReplicaRouter.request_started, dispatch_uid="core.replica.task")
        # A term or a country changed: lists read the catalogue again (core.vocabulary).
        for model in vocabulary.CATALOGUED:
            for signal in (post_save, post_delete):
                signal.connect(
                    vocabulary.forget,
                    sender=model,
                    dispatch_uid=f"core.vocabulary.{model.__name__}",
                )
        # Pages kept for anonymous visitors are drawn again after any write to the content.
        page_cache.follow_public_content()
        # get_FOO_display translating only the label it shows (core.choice_labels).
        for model in apps.get_models():
            if model.__module__.startswith("menengage."):
                choice_labels.install(model)

from django.apps import AppConfig


class PeersConfig(AppConfig):
    """What `make bench` measures the site against (bench settings only)."""

    name = "bench.peers"
    label = "bench_peers"
    default_auto_field = "django.db.models.BigAutoField"

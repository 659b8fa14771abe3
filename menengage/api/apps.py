from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "menengage.api"
    label = "api"
    verbose_name = "API"

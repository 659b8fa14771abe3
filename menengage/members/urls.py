from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    # Directory (public)
    # Accountability Framework (public)
    # Joining
    # Reviewing (coordinators)
]

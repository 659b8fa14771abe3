"""The site's addresses, plus the floor and the plain directory, for the bench server only."""

from django.urls import path

from bench.peers import views
from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("_floor/", views.floor),
    path("_peer/members/", views.PlainDirectory.as_view()),
    *site_urlpatterns,
]

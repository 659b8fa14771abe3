from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.network_index, name="index"),
    path("<slug:slug>/", views.network_detail, name="detail"),
    path("<slug:slug>/contact/", views.coordinator_contact, name="coordinator_contact"),
]

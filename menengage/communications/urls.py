from django.urls import path

from . import views

app_name = "communications"

urlpatterns = [
    path("announcements/", views.announcement_archive, name="archive"),
    path("announcements/new/", views.announcement_create, name="create"),
    path("announcements/<int:pk>/", views.announcement_detail, name="announcement"),
    path("announcements/<int:pk>/edit/", views.announcement_edit, name="edit"),
    path("announcements/<int:pk>/send/", views.announcement_send, name="send"),
    path("newsletter/", views.subscribe, name="subscribe"),
    path("newsletter/confirm/<str:token>/", views.subscription_confirm, name="confirm"),
    path("newsletter/preferences/<str:token>/", views.subscription_preferences, name="preferences"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("digest/", views.digest_preference, name="digest"),
    path("figures/", views.figures, name="figures"),
    path("figures/subscribers.csv", views.subscribers_csv, name="subscribers_csv"),
]

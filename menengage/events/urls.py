from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("feed.ics", views.event_feed, name="feed"),
    path("organiser/", views.organiser_home, name="organiser"),
    path("registration/<uuid:key>/", views.registration_detail, name="registration"),
    path("registration/<uuid:key>/event.ics", views.registration_ics, name="registration_ics"),
    path("registration/<uuid:key>/qr.svg", views.registration_qr, name="qr"),
    path("registration/<uuid:key>/cancel/", views.registration_cancel, name="cancel"),
    path("confirm/<str:token>/", views.registration_confirm, name="confirm"),
    path("check-in/<str:token>/", views.registration_check_in, name="check_in"),
    path("certificate/<str:token>/", views.certificate_download, name="certificate"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/event.ics", views.event_ics, name="ics"),
    path("<slug:slug>/programme/", views.event_programme, name="programme"),
    path("<slug:slug>/register/", views.registration_create, name="register"),
    path("<slug:slug>/registrations/", views.registration_list, name="registrations"),
    path("<slug:slug>/registrations.csv", views.registration_export, name="export"),
    path(
        "<slug:slug>/registrations/<int:pk>/decide/",
        views.registration_decide,
        name="registration_decide",
    ),
    path(
        "<slug:slug>/registrations/<int:pk>/certificate.pdf",
        views.certificate_for_organiser,
        name="certificate_organiser",
    ),
    path("<slug:slug>/certificates/", views.certificates_issue, name="certificates"),
    path("<slug:slug>/calls/<int:call>/", views.call_detail, name="call"),
    path("<slug:slug>/calls/<int:call>/submissions/", views.submission_list, name="submissions"),
]

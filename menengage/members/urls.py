from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    # Directory (public)
    path("members/export.csv", views.directory_export_csv, name="export_csv"),
    path("members/export.json", views.directory_export_json, name="export_json"),
    path("members/", views.organisation_directory, name="directory"),
    path("members/<slug:slug>/", views.organisation_detail, name="organisation"),
    # Accountability Framework (public)
    path("accountability/", views.framework_index, name="framework"),
    path(
        "accountability/<slug:kind>/<str:version>/",
        views.framework_version,
        name="framework_version",
    ),
    # Joining
    path("join/", views.join, name="join"),
    path("join/sent/", views.join_sent, name="join_sent"),
    path("join/confirm/<str:token>/", views.join_confirm, name="join_confirm"),
    # Member portal
    path("portal/", views.portal, name="portal"),
    path("portal/<slug:slug>/edit/", views.portal_edit, name="portal_edit"),
    path("portal/<slug:slug>/people/", views.portal_people, name="portal_people"),
    path(
        "portal/<slug:slug>/people/<int:person_pk>/remove/",
        views.portal_remove_person,
        name="portal_remove_person",
    ),
    path(
        "portal/<slug:slug>/endorse/<int:document_pk>/",
        views.portal_endorse,
        name="portal_endorse",
    ),
    path(
        "portal/<slug:slug>/withdraw/<int:membership_pk>/",
        views.portal_withdraw,
        name="portal_withdraw",
    ),
    # Reviewing (coordinators)
    path("membership/review/", views.review_queue, name="review_queue"),
    path("membership/members/", views.review_members, name="review_members"),
    path(
        "membership/members/<int:pk>/status/",
        views.review_membership_status,
        name="review_membership_status",
    ),
    path("membership/review/<int:pk>/", views.review_detail, name="review_detail"),
]

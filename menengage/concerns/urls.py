from django.urls import path

from . import views

app_name = "concerns"

urlpatterns = [
    path("", views.concern_index, name="index"),
    path("received/", views.concern_received, name="received"),
    path("follow-up/", views.followup, name="followup"),
    path("follow-up/case/", views.followup_case, name="followup_case"),
    path("follow-up/appeal/", views.followup_appeal, name="followup_appeal"),
    path("follow-up/leave/", views.followup_leave, name="followup_leave"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path(
        "cases/<int:pk>/<slug:action>/",
        views.case_action,
        name="case_action",
    ),
    path(
        "cases/<int:pk>/files/<int:attachment_pk>/",
        views.case_attachment,
        name="case_attachment",
    ),
    path("statistics/", views.statistics_latest, name="statistics_latest"),
    path("statistics/<int:year>/", views.statistics, name="statistics"),
]

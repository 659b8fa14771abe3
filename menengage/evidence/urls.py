from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("", views.evidence_index, name="index"),
    path("evaluations.csv", views.evaluation_list_csv, name="evaluations_csv"),
    path("evaluations/new/", views.evaluation_create, name="create"),
    path("evaluations/mine/", views.evaluation_mine, name="mine"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation"),
    path("evaluations/<int:pk>/upload/", views.evaluation_upload, name="upload"),
    path("evaluations/<int:pk>/enter/", views.evaluation_enter, name="enter"),
    path("evaluations/<int:pk>/publish/", views.evaluation_publish, name="publish"),
    path("evaluations/<int:pk>/scores.csv", views.evaluation_scores_csv, name="scores_csv"),
    path("instruments/", views.instrument_list, name="instruments"),
    path(
        "instruments/<slug:family>/<int:version>/",
        views.instrument_detail,
        name="instrument",
    ),
    path(
        "instruments/<slug:family>/<int:version>/xlsform-<str:language>.xlsx",
        views.instrument_xlsform_download,
        name="xlsform",
    ),
]

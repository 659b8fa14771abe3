from django.urls import path

from . import views

app_name = "transparency"

urlpatterns = [
    path("", views.year_index, name="index"),
    path("<int:year>/", views.year_detail, name="year"),
    path("<int:year>/data.csv", views.year_csv, name="year_csv"),
    path("<int:year>/data.json", views.year_json, name="year_json"),
    path(
        "<int:year>/annual-report-<slug:language>.pdf",
        views.annual_report_file,
        name="annual_report",
    ),
]

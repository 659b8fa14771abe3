from django.urls import path

from . import feeds, views

app_name = "library"

urlpatterns = [
    path("", views.resource_list, name="index"),
    path("feed/", feeds.NewResourcesFeed(), name="feed"),
    path("cite.<str:fmt>", views.resource_list_cite, name="cite_list"),
    path("submit/", views.resource_submit, name="submit"),
    path("submissions/", views.resource_submissions, name="submissions"),
    path("<int:pk>/", views.resource_detail, name="detail_short"),
    path("<int:pk>-<slug:slug>/", views.resource_detail, name="detail"),
    path("<int:pk>/cite.<str:fmt>", views.resource_cite, name="cite"),
    path(
        "<int:pk>/files/<int:file_pk>/download/",
        views.resource_download,
        name="download",
    ),
    path("<int:pk>/review/<slug:decision>/", views.resource_review, name="review"),
]

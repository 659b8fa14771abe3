from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("map/", views.activity_map, name="map"),
    path("new/", views.activity_create, name="create"),
    path("mine/", views.activity_mine, name="mine"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("working-groups/", views.working_group_list, name="working_groups"),
    path("working-groups/<slug:slug>/", views.working_group_detail, name="working_group"),
]

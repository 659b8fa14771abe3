from django.urls import path

from . import views

app_name = "declarations"

urlpatterns = [
    path("", views.declaration_index, name="index"),
    path("confirm/<str:token>/", views.endorsement_confirm, name="confirm"),
    path("withdraw/<str:token>/", views.endorsement_withdraw, name="withdraw"),
    path("<slug:slug>/", views.declaration_detail, name="detail"),
    path("<slug:slug>/endorse/", views.endorse, name="endorse"),
    path("<slug:slug>/endorse/member/", views.endorse_member, name="endorse_member"),
    path("<slug:slug>/endorse/sent/", views.endorse_sent, name="endorse_sent"),
    path("<slug:slug>/signatories/", views.signatory_list, name="signatories"),
    path("<slug:slug>/signatories.csv", views.signatory_export, name="export_csv"),
    path("<slug:slug>/comments/", views.comment_list, name="comments"),
    path("<slug:slug>/comments/<int:pk>/answer/", views.comment_answer, name="comment_answer"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/manage/open/", views.manage_open_comments, name="manage_open"),
    path("<slug:slug>/manage/adopt/", views.manage_adopt, name="manage_adopt"),
    path("<slug:slug>/actions/", views.action_report, name="action_report"),
]

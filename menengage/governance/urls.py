from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("", views.body_index, name="index"),
    path("decisions/", views.decision_register, name="decisions"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/position/", views.proposal_position, name="proposal_position"),
    path("proposals/<int:pk>/proxy/", views.proposal_proxy, name="proposal_proxy"),
    path("proposals/<int:pk>/conflict/", views.proposal_conflict, name="proposal_conflict"),
    path("proposals/<int:pk>/close/", views.proposal_close, name="proposal_close"),
    path("proposals/<int:pk>/vote/call/", views.proposal_vote_call, name="proposal_vote_call"),
    path("proposals/<int:pk>/vote/", views.proposal_vote, name="proposal_vote"),
    path("proposals/<int:pk>/attachment/", views.proposal_attachment, name="proposal_attachment"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/agenda/", views.meeting_agenda, name="meeting_agenda"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/approve/", views.meeting_approve, name="meeting_approve"),
    path("elections/<int:pk>/", views.election_detail, name="election"),
    path("elections/<int:pk>/nominate/", views.election_nominate, name="election_nominate"),
    path("elections/<int:pk>/ballot/", views.election_ballot, name="election_ballot"),
    path("elections/<int:pk>/voting/", views.election_voting, name="election_voting"),
    path("elections/<int:pk>/publish/", views.election_publish, name="election_publish"),
    path("terms/<int:pk>/end/", views.term_end, name="term_end"),
    path("<slug:slug>/", views.body_detail, name="body"),
    path("<slug:slug>/proposals/", views.proposal_list, name="proposals"),
    path("<slug:slug>/proposals/new/", views.proposal_new, name="proposal_new"),
    path("<slug:slug>/meetings/", views.meeting_list, name="meetings"),
    path("<slug:slug>/seats/<int:seat_pk>/seat/", views.seat_fill, name="seat_fill"),
    path("<slug:slug>/seats/<int:seat_pk>/election/", views.election_new, name="election_new"),
]

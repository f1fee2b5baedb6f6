"""The public notices on the public site /vuon-hoa/cong-khai/: no login."""

from django.urls import path

from guongsang.council import public_views

app_name = "public_notices"
urlpatterns = [
    path("", public_views.notice_board, name="board"),
    path("<uuid:uuid>/phan-anh/", public_views.objection_form, name="object"),
    path("da-gui/", public_views.objection_thanks, name="thanks"),
    path("kiem-tra-phieu/", public_views.ballot_check, name="ballot_check"),
    path("kiem-tra-phieu/<str:code>/ho-so.json", public_views.ballot_record, name="ballot_record"),
]

from django.urls import path

from guongsang.council import views, xlsx_views

app_name = "council"
urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("phien-hop/xuat-excel/", xlsx_views.session_list_xlsx, name="session_list_xlsx"),
    path("cong-khai/xuat-excel/", xlsx_views.notice_list_xlsx, name="notice_list_xlsx"),
    path("phien-hop/tao/", views.session_create, name="session_create"),
    path("phien-hop/<uuid:uuid>/", views.session_detail, name="session_detail"),
    path("phien-hop/<uuid:uuid>/diem-danh/", views.session_attendance, name="session_attendance"),
    path("phien-hop/<uuid:uuid>/mo-bo-phieu/", views.session_open, name="session_open"),
    path("phien-hop/<uuid:uuid>/kiem-phieu/", views.session_close, name="session_close"),
    path("phien-hop/<uuid:uuid>/y-kien-van-ban/", views.written_opinion, name="written_opinion"),
    path("phien-hop/<uuid:uuid>/ket-qua/", views.tally, name="tally"),
    path("phien-hop/<uuid:uuid>/phan-khoa/", views.key_share_create, name="key_share_create"),
    path("phien-hop/<uuid:uuid>/giai-ma/", views.decryption_publish, name="decryption_publish"),
    path("phien-hop/<uuid:uuid>/cong-bo-ket-qua/", views.tally_finish, name="tally_finish"),
    path("phien-hop/<uuid:uuid>/bang-tin/", views.bulletin_board, name="bulletin_board"),
    path(
        "phien-hop/<uuid:uuid>/ho-so-kiem-phieu.json",
        views.election_record,
        name="election_record",
    ),
    path("phien-hop/<uuid:uuid>/bien-ban.docx", views.minutes_docx, name="minutes_docx"),
    path("phien-hop/<uuid:uuid>/bien-ban.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("bo-phieu/", views.my_ballots, name="my_ballots"),
    path("bo-phieu/<uuid:uuid>/", views.vote, name="vote"),
    path("cong-khai/", views.notice_list, name="notice_list"),
    path("cong-khai/tao/", views.notice_create, name="notice_create"),
    path("cong-khai/<uuid:uuid>/", views.notice_detail, name="notice_detail"),
    path("cong-khai/<uuid:uuid>/phan-anh/", views.objection_create, name="objection_create"),
    path("phan-anh/<uuid:uuid>/tra-loi/", views.objection_answer, name="objection_answer"),
]

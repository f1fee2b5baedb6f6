from django.urls import path

from guongsang.showcase import views, xlsx_views

app_name = "showcase"

urlpatterns = [
    path("", views.home, name="home"),
    path("duyet/", views.browse, name="browse"),
    path("tim-kiem/", views.search, name="search"),
    path("bao-tin/", views.tip_create, name="tip_create"),
    path("bao-tin/da-gui/", views.tip_thanks, name="tip_thanks"),
    path("xac-minh/", views.certificate_check, name="certificate_check"),
    path("xac-minh/<str:code>/", views.certificate, name="certificate"),
    path("anh/<uuid:uuid>/", views.photo, name="photo"),
    path("<int:year>/", views.browse, name="year"),
    path("<int:year>/<slug:slug>/", views.story_detail, name="story"),
    # The secretariat's pages (login, role and unit scope checked in each view).
    path("quan-ly/cau-chuyen/", views.manage_stories, name="manage_stories"),
    path("quan-ly/cau-chuyen/xuat-excel/", xlsx_views.story_list_xlsx, name="stories_xlsx"),
    path("quan-ly/cau-chuyen/tao/", views.story_create, name="story_create"),
    path("quan-ly/cau-chuyen/<uuid:uuid>/", views.story_edit, name="story_edit"),
    path("quan-ly/cau-chuyen/<uuid:uuid>/dong-y/", views.story_consent, name="story_consent"),
    path("quan-ly/cau-chuyen/<uuid:uuid>/dang/", views.story_publish, name="story_publish"),
    path("quan-ly/cau-chuyen/<uuid:uuid>/go/", views.story_withdraw, name="story_withdraw"),
    path("quan-ly/chon-don-vi/", views.pick_unit, name="pick_unit"),
    path("quan-ly/chon-ca-nhan/", views.pick_person, name="pick_person"),
    path("quan-ly/tin-bao/", views.tips, name="tips"),
    path("quan-ly/tin-bao/xuat-excel/", xlsx_views.tip_list_xlsx, name="tips_xlsx"),
    path("quan-ly/tin-bao/<uuid:uuid>/", views.tip_detail, name="tip_detail"),
    path("quan-ly/tin-bao/<uuid:uuid>/anh/<uuid:photo>/", views.tip_photo, name="tip_photo"),
    path("quan-ly/tin-bao/<uuid:uuid>/lien-he/", views.tip_contact, name="tip_contact"),
    path("quan-ly/tin-bao/<uuid:uuid>/tiep-nhan/", views.tip_accept, name="tip_accept"),
    path("quan-ly/tin-bao/<uuid:uuid>/tu-choi/", views.tip_reject, name="tip_reject"),
    path("quan-ly/tin-bao/<uuid:uuid>/gop/", views.tip_merge, name="tip_merge"),
    path("quan-ly/tin-bao/<uuid:uuid>/lap-ho-so/", views.tip_dossier, name="tip_dossier"),
]

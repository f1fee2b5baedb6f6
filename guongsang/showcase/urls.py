from django.urls import path

from guongsang.showcase import xlsx_views
from guongsang.showcase.views import public, stories, tips

app_name = "showcase"

urlpatterns = [
    path("", public.home, name="home"),
    path("duyet/", public.browse, name="browse"),
    path("tim-kiem/", public.search, name="search"),
    path("bao-tin/", public.tip_create, name="tip_create"),
    path("bao-tin/da-gui/", public.tip_thanks, name="tip_thanks"),
    path("xac-minh/", public.certificate_check, name="certificate_check"),
    path("xac-minh/<str:code>/", public.certificate, name="certificate"),
    path("anh/<uuid:uuid>/", public.photo, name="photo"),
    path("<int:year>/", public.browse, name="year"),
    path("<int:year>/<slug:slug>/", public.story_detail, name="story"),
    # The secretariat's pages (login, role and unit scope checked in each view).
    path("quan-ly/cau-chuyen/", stories.manage_stories, name="manage_stories"),
    path("quan-ly/cau-chuyen/xuat-excel/", xlsx_views.story_list_xlsx, name="stories_xlsx"),
    path("quan-ly/cau-chuyen/tao/", stories.story_create, name="story_create"),
    path("quan-ly/cau-chuyen/<uuid:uuid>/", stories.story_edit, name="story_edit"),
    path("quan-ly/cau-chuyen/<uuid:uuid>/dong-y/", stories.story_consent, name="story_consent"),
    path("quan-ly/cau-chuyen/<uuid:uuid>/dang/", stories.story_publish, name="story_publish"),
    path("quan-ly/cau-chuyen/<uuid:uuid>/go/", stories.story_withdraw, name="story_withdraw"),
    path("quan-ly/chon-don-vi/", stories.pick_unit, name="pick_unit"),
    path("quan-ly/chon-ca-nhan/", stories.pick_person, name="pick_person"),
    path("quan-ly/tin-bao/", tips.tips, name="tips"),
    path("quan-ly/tin-bao/xuat-excel/", xlsx_views.tip_list_xlsx, name="tips_xlsx"),
    path("quan-ly/tin-bao/<uuid:uuid>/", tips.tip_detail, name="tip_detail"),
    path("quan-ly/tin-bao/<uuid:uuid>/anh/<uuid:photo>/", tips.tip_photo, name="tip_photo"),
    path("quan-ly/tin-bao/<uuid:uuid>/lien-he/", tips.tip_contact, name="tip_contact"),
    path("quan-ly/tin-bao/<uuid:uuid>/tiep-nhan/", tips.tip_accept, name="tip_accept"),
    path("quan-ly/tin-bao/<uuid:uuid>/tu-choi/", tips.tip_reject, name="tip_reject"),
    path("quan-ly/tin-bao/<uuid:uuid>/gop/", tips.tip_merge, name="tip_merge"),
    path("quan-ly/tin-bao/<uuid:uuid>/lap-ho-so/", tips.tip_dossier, name="tip_dossier"),
]

from django.urls import path

from guongsang.initiatives import views

app_name = "initiatives"
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("dang-ky/", views.initiative_create, name="create"),
    path("chon-tac-gia/", views.pick_person, name="pick_person"),
    path("chon-don-vi/", views.pick_unit, name="pick_unit"),
    path("<uuid:uuid>/", views.initiative_detail, name="detail"),
    path("tep/<uuid:uuid>/", views.evidence_download, name="evidence"),
]

from django.urls import include, path

from guongsang.nominations import file_views, picker_views, views

app_name = "nominations"
urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("tao/", views.dossier_create, name="create"),
    path("chon-ca-nhan/", picker_views.pick_person, name="pick_person"),
    path("chon-tap-the/", picker_views.pick_unit, name="pick_unit"),
    path("chon-don-vi-loc/", picker_views.pick_filter_unit, name="pick_filter_unit"),
    path("<uuid:uuid>/", views.dossier_detail, name="detail"),
    path("<uuid:uuid>/sua/", views.dossier_edit, name="edit"),
    path("<uuid:uuid>/chuyen/<slug:action>/", views.dossier_transition, name="transition"),
    path("<uuid:uuid>/cho-phep/", views.dossier_override, name="override"),
    path("tep/<uuid:uuid>/", views.file_download, name="file_download"),
    path("tep/<uuid:uuid>/thay/", file_views.file_replace, name="file_replace"),
    path("tep/<uuid:uuid>/xoa/", file_views.file_delete, name="file_delete"),
    path("xuat-excel/", views.dossier_export, name="export"),
    path("xu-ly-hang-loat/", views.dossier_bulk, name="bulk"),
    path("thong-bao/", views.notification_list, name="notifications"),
    path("nhap-excel/", include("guongsang.nominations.import_urls")),
]

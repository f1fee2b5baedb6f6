from django.urls import path

from guongsang.conference import views, xlsx_views

app_name = "conference"

urlpatterns = [
    path("", views.conference_list, name="list"),
    path("xuat-excel/", xlsx_views.conference_list_xlsx, name="list_xlsx"),
    path("tao-moi/", views.conference_create, name="create"),
    path("<uuid:uuid>/", views.conference_detail, name="detail"),
    path("<uuid:uuid>/sua/", views.conference_edit, name="edit"),
    path("<uuid:uuid>/xoa/", views.conference_delete, name="delete"),
    path("<uuid:uuid>/dai-bieu/", views.part_add, {"part": "guest"}, name="guest_add"),
    path(
        "<uuid:uuid>/dai-bieu/<int:pk>/xoa/",
        views.part_remove,
        {"part": "guest"},
        name="guest_remove",
    ),
    path("<uuid:uuid>/chuong-trinh/", views.part_add, {"part": "item"}, name="item_add"),
    path(
        "<uuid:uuid>/chuong-trinh/<int:pk>/xoa/",
        views.part_remove,
        {"part": "item"},
        name="item_remove",
    ),
    path("<uuid:uuid>/bieu-duong/", views.honourees_pick, name="honourees_pick"),
    path("<uuid:uuid>/bieu-duong/bo/", views.honourees_remove, name="honourees_remove"),
    path("<uuid:uuid>/tham-luan/", views.part_add, {"part": "report"}, name="report_add"),
    path(
        "<uuid:uuid>/tham-luan/<int:pk>/xoa/",
        views.part_remove,
        {"part": "report"},
        name="report_remove",
    ),
    path("<uuid:uuid>/tai-lieu/<slug:kind>.<str:fmt>", views.document, name="document"),
    path("<uuid:uuid>/ngay-hoi-nghi/", views.day, name="day"),
]

from django.urls import path

from guongsang.conference import views, xlsx_views

app_name = "conference"

urlpatterns = [
    path("", views.conference_list, name="list"),
    path("xuat-excel/", xlsx_views.conference_list_xlsx, name="list_xlsx"),
    path("tao-moi/", views.conference_create, name="create"),
    path("chon-don-vi/", views.pick_organiser, name="pick_organiser"),
    path("<uuid:uuid>/", views.conference_detail, name="detail"),
    path("<uuid:uuid>/sua/", views.conference_edit, name="edit"),
    path("<uuid:uuid>/xoa/", views.conference_delete, name="delete"),
    path("<uuid:uuid>/bieu-duong/", views.honourees_pick, name="honourees_pick"),
    path("<uuid:uuid>/bieu-duong/bo/", views.honourees_remove, name="honourees_remove"),
    path("<uuid:uuid>/tai-lieu/<slug:kind>.<str:fmt>", views.document, name="document"),
    path("<uuid:uuid>/ngay-hoi-nghi/", views.day, name="day"),
]

# A conference's guests, programme items and reports (views.PARTS), each added and removed
# from the detail page at its own address.
PART_SEGMENTS = {"guest": "dai-bieu", "item": "chuong-trinh", "report": "tham-luan"}
for part, segment in PART_SEGMENTS.items():
    urlpatterns += [
        path(f"<uuid:uuid>/{segment}/", views.part_add, {"part": part}, name=f"{part}_add"),
        path(
            f"<uuid:uuid>/{segment}/<int:pk>/xoa/",
            views.part_remove,
            {"part": part},
            name=f"{part}_remove",
        ),
    ]

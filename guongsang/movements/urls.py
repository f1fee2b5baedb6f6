from django.urls import path

from guongsang.movements import views, xlsx_views

app_name = "movements"
urlpatterns = [
    path("", views.movement_list, name="list"),
    path("xuat-excel/", xlsx_views.movement_list_xlsx, name="list_xlsx"),
    path("<uuid:uuid>/dang-ky/xuat-excel/", xlsx_views.pledge_list_xlsx, name="pledges_xlsx"),
    path("them/", views.movement_create, name="create"),
    path("chon-cap-phat-dong/", views.pick_organiser, name="pick_organiser"),
    path("<uuid:uuid>/", views.movement_detail, name="detail"),
    path("<uuid:uuid>/sua/", views.movement_edit, name="edit"),
    path("<uuid:uuid>/dang-ky/", views.pledge_create, name="pledge_create"),
    path("<uuid:uuid>/dang-ky/ca-nhan/", views.pledge_people, name="pledge_people"),
    path("<uuid:uuid>/dang-ky/don-vi/", views.pledge_units, name="pledge_units"),
    path("<uuid:uuid>/tinh-hinh-dang-ky/", views.pledge_status, name="status"),
    path("<uuid:uuid>/tinh-hinh-dang-ky/xuat-excel/", views.status_export, name="status_export"),
    path("dang-ky/<uuid:uuid>/sua/", views.pledge_edit, name="pledge_edit"),
]

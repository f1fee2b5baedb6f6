from django.urls import path

from guongsang.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("mo/", views.report_create, name="create"),
    path("chon-don-vi/", views.pick_unit, name="pick_unit"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/mo-dau/", views.save_introduction, name="introduction"),
    path("<uuid:uuid>/so-ngay/", views.set_issue, name="issue"),
    path("<uuid:uuid>/kiem-tra/", views.check, name="check"),
    path("<uuid:uuid>/xuat/<str:fmt>/", views.build, name="build"),
]

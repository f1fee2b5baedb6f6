from django.urls import path

from guongsang.targets import views

app_name = "targets"

urlpatterns = [
    path("", views.index, name="index"),
    path("xuat-excel/", views.export, name="export"),
    path("chon-don-vi/", views.pick_unit, name="pick_unit"),
    path("don-vi/<uuid:uuid>/", views.unit_page, name="unit"),
    path("chi-tieu/", views.indicators, name="indicators"),
    path("chi-tieu/<uuid:uuid>/sua/", views.indicator_edit, name="indicator_edit"),
    path("ke-hoach/", views.plan_form, name="plan"),
    path("ket-qua/", views.result_form, name="result"),
    path("nhap-excel/", views.import_upload, name="import_upload"),
    path("nhap-excel/mau/", views.import_template, name="import_template"),
    path("nhap-excel/<uuid:token>/", views.import_preview, name="import_preview"),
]

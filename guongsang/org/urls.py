from django.urls import path

from guongsang.org import views, xlsx_views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("xuat-excel/", xlsx_views.tree_xlsx, name="tree_xlsx"),
    path("don-vi/<uuid:uuid>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<uuid:uuid>/thanh-lap/", views.unit_create, name="unit_create"),
    path("don-vi/<uuid:uuid>/doi-ten/", views.unit_rename, name="unit_rename"),
    path("don-vi/<uuid:uuid>/sap-nhap/", views.unit_merge, name="unit_merge"),
    path("don-vi/<uuid:uuid>/giai-the/", views.unit_dissolve, name="unit_dissolve"),
]

from django.urls import path

from guongsang.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("them/", views.person_create, name="create"),
    path("chon-don-vi/", views.pick_unit, name="pick_unit"),
    path("<uuid:uuid>/sua/", views.person_edit, name="edit"),
    path("<uuid:uuid>/", views.person_detail, name="detail"),
    path("<uuid:uuid>/du-lieu-ca-nhan/", views.personal_data, name="personal_data"),
    path("xuat-excel/", views.export, name="export"),
]

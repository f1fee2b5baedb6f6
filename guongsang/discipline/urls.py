from django.urls import path

from guongsang.discipline import views

app_name = "discipline"
urlpatterns = [
    path("", views.discipline_list, name="list"),
    path("ghi/", views.discipline_new, name="new"),
    path("chon-ca-nhan/", views.pick_person, name="pick_person"),
    path("chon-tap-the/", views.pick_unit, name="pick_unit"),
]

from django.urls import path

from guongsang.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("<uuid:uuid>/", views.person_detail, name="detail"),
    path("<uuid:uuid>/du-lieu-ca-nhan/", views.personal_data, name="personal_data"),
]

from django.urls import path

from guongsang.nominations import views

app_name = "nominations"
urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("tao/", views.dossier_create, name="create"),
    path("<uuid:uuid>/", views.dossier_detail, name="detail"),
    path("<uuid:uuid>/sua/", views.dossier_edit, name="edit"),
    path("<uuid:uuid>/chuyen/<slug:action>/", views.dossier_transition, name="transition"),
    path("<uuid:uuid>/cho-phep/", views.dossier_override, name="override"),
    path("tep/<uuid:uuid>/", views.file_download, name="file_download"),
]

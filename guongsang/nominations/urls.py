from django.urls import path

from guongsang.nominations import views

app_name = "nominations"
urlpatterns = [
    path("tep/<uuid:uuid>/", views.file_download, name="file_download"),
]

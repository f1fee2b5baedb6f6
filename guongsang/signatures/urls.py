from django.urls import path

from guongsang.signatures import views

app_name = "signatures"

urlpatterns = [
    path("<uuid:uuid>/ky-so/", views.sign, name="sign"),
    path("<uuid:uuid>/ky-so/ban-de-ky.pdf", views.prepared, name="prepared"),
    path("<uuid:uuid>/ky-so/tai-len/", views.upload, name="upload"),
    path("<uuid:uuid>/ky-so/ban-ky-so.pdf", views.signed, name="signed"),
]

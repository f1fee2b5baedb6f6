"""Excel import routes, included under nominations/nhap-excel/."""

from django.urls import path

from guongsang.nominations import import_views

urlpatterns = [
    path("<slug:kind>/", import_views.import_upload, name="import_upload"),
    path("<slug:kind>/mau/", import_views.import_template, name="import_template"),
    path("<slug:kind>/<uuid:token>/", import_views.import_preview, name="import_preview"),
    path("<slug:kind>/<uuid:token>/ghi/", import_views.import_commit, name="import_commit"),
]

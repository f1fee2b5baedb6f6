from django.urls import path

from guongsang.clusters import views

app_name = "clusters"
urlpatterns = [
    path("", views.cluster_list, name="list"),
    path("<uuid:uuid>/lap-bang-diem/", views.round_create, name="round_create"),
    path("bang-diem/<uuid:uuid>/", views.round_detail, name="round"),
    path(
        "bang-diem/<uuid:uuid>/cham/<uuid:scorer>/<uuid:scored>/",
        views.score_entry,
        name="score",
    ),
    path("bang-diem/<uuid:uuid>/tong-hop/", views.round_close, name="close"),
    path("bang-diem/<uuid:uuid>/de-nghi/", views.proposal_create, name="propose"),
    path("bang-diem/<uuid:uuid>/excel/", views.round_export, name="export"),
    path("bang-diem/<uuid:uuid>/nhap-excel/", views.round_import, name="import"),
]

from django.urls import path

from guongsang.stats import views

app_name = "stats"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("du-lieu.json", views.dashboard_data, name="dashboard_data"),
    path("bang-dieu-khien.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("bang/", views.table, name="table"),
    path("chon-don-vi/", views.pick_unit, name="pick_unit"),
    path("bang.xlsx", views.table_xlsx, name="table_xlsx"),
]

from django.urls import path

from guongsang.core import views, xlsx_views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.healthz_live, name="healthz_live"),
    path("nhat-ky/", views.audit_list, name="audit_list"),
    path("nhat-ky/xuat-excel/", xlsx_views.audit_list_xlsx, name="audit_list_xlsx"),
    path("tac-vu/<uuid:uuid>/", views.task_progress, name="task_progress"),
    path("tac-vu/<uuid:uuid>/tai-ve/", views.task_download, name="task_download"),
    path("tac-vu/<uuid:uuid>/chay-lai/", views.task_retry, name="task_retry"),
]

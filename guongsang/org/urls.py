from django.urls import path

from guongsang.org import views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("don-vi/<uuid:uuid>/", views.unit_detail, name="unit_detail"),
]

from django.urls import path

from guongsang.discipline import views

app_name = "discipline"
urlpatterns = [
    path("", views.discipline_list, name="list"),
    path("ghi/", views.discipline_new, name="new"),
]

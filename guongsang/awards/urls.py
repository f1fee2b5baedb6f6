from django.urls import path

from guongsang.awards import views

app_name = "awards"
urlpatterns = [
    path("ca-nhan/<uuid:uuid>.xlsx", views.person_awards_xlsx, name="person_xlsx"),
    path("don-vi/<uuid:uuid>.xlsx", views.unit_awards_xlsx, name="unit_xlsx"),
]

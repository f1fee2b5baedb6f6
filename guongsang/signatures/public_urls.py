from django.urls import path

from guongsang.signatures import views

app_name = "document_check"

urlpatterns = [path("", views.public_check, name="check")]

from django.urls import path

from guongsang.books import views

app_name = "books"

urlpatterns = [
    path("", views.book_list, name="list"),
    path("tao-moi/", views.book_create, name="create"),
    path("chon-don-vi/", views.pick_organiser, name="pick_organiser"),
    path("<uuid:uuid>/", views.book_detail, name="detail"),
    path("<uuid:uuid>/sua/", views.book_edit, name="edit"),
    path("<uuid:uuid>/xoa/", views.book_delete, name="delete"),
    path("<uuid:uuid>/them/", views.book_add, name="add"),
    path("<uuid:uuid>/chuong/<int:pk>/bo/", views.book_remove, name="remove"),
    path("<uuid:uuid>/chuong/<int:pk>/<slug:direction>/", views.book_move, name="move"),
    path("<uuid:uuid>/sap-xep/", views.book_reorder, name="reorder"),
    path("<uuid:uuid>/dung-sach/", views.book_build, name="build"),
    path("<uuid:uuid>/tai/<slug:fmt>/", views.book_download, name="download"),
]

from django.contrib.auth import views as auth_views
from django.urls import path

from guongsang.accounts import views, xlsx_views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("xac-thuc-hai-buoc/", views.two_factor, name="two_factor"),
    path("ma-du-phong/", views.backup_codes, name="backup_codes"),
    path(
        "dat-lai/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("nguoi-dung/", views.user_list, name="user_list"),
    path("nguoi-dung/xuat-excel/", xlsx_views.user_list_xlsx, name="user_list_xlsx"),
    path(
        "nguoi-dung/<uuid:uuid>/dat-lai-mat-khau/",
        views.user_reset_password,
        name="user_reset_password",
    ),
]

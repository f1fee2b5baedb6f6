from django.contrib.auth import views as auth_views
from django.urls import path

from guongsang.accounts import user_admin_views, views, xlsx_views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("xac-thuc-hai-buoc/", views.two_factor, name="two_factor"),
    path("cua-toi/", views.profile, name="profile"),
    path("ma-du-phong/", views.backup_codes, name="backup_codes"),
    path(
        "dat-lai/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("nguoi-dung/", views.user_list, name="user_list"),
    path("nguoi-dung/xuat-excel/", xlsx_views.user_list_xlsx, name="user_list_xlsx"),
    path("nguoi-dung/tao/", user_admin_views.user_create, name="user_create"),
    path("nguoi-dung/chon-don-vi/", user_admin_views.pick_unit, name="pick_unit"),
    path("nguoi-dung/<uuid:uuid>/", user_admin_views.user_detail, name="user_detail"),
    path("nguoi-dung/<uuid:uuid>/cap-quyen/", user_admin_views.user_grant, name="user_grant"),
    path(
        "nguoi-dung/<uuid:uuid>/bo-quyen/<int:grant_id>/",
        user_admin_views.user_grant_remove,
        name="user_grant_remove",
    ),
    path("nguoi-dung/<uuid:uuid>/khoa/", user_admin_views.user_lock, name="user_lock"),
    path(
        "nguoi-dung/<uuid:uuid>/xoa-xac-thuc-hai-buoc/",
        user_admin_views.user_two_factor_reset,
        name="user_two_factor_reset",
    ),
    path(
        "nguoi-dung/<uuid:uuid>/dat-lai-mat-khau/",
        views.user_reset_password,
        name="user_reset_password",
    ),
]

from django.urls import path

from guongsang.contests import judging_views, views, xlsx_views

app_name = "contests"

urlpatterns = [
    path("", views.contest_list, name="list"),
    path("thong-ke/xuat-excel/", xlsx_views.stats_xlsx, name="stats_xlsx"),
    path(
        "thong-ke/<uuid:uuid>/theo-vong/xuat-excel/",
        xlsx_views.stats_rounds_xlsx,
        name="stats_rounds_xlsx",
    ),
    path(
        "thong-ke/<uuid:uuid>/theo-don-vi/xuat-excel/",
        xlsx_views.stats_units_xlsx,
        name="stats_units_xlsx",
    ),
    path("<uuid:uuid>/bai-du-thi.xlsx", xlsx_views.entry_list_xlsx, name="entries_xlsx"),
    path("tao/", views.contest_create, name="create"),
    path("chon-don-vi/", views.pick_unit, name="pick_unit"),
    path("thong-ke/", views.stats, name="stats"),
    path("<uuid:uuid>/", views.contest_detail, name="detail"),
    path("<uuid:uuid>/giam-khao/", views.panel_add, name="panel_add"),
    path("<uuid:uuid>/nop-bai/", views.entry_create, name="entry_create"),
    path("<uuid:uuid>/thay-giam-khao/", judging_views.judge_replace, name="judge_replace"),
    path("<uuid:uuid>/xung-dot/", judging_views.conflict_declare, name="conflict_declare"),
    path("<uuid:uuid>/cong-bo/", judging_views.contest_publish, name="publish"),
    path("<uuid:uuid>/khen-thuong/", judging_views.commend, name="commend"),
    path("<uuid:uuid>/vong/<int:number>/", judging_views.round_detail, name="round"),
    path("<uuid:uuid>/vong/<int:number>/phan-cong/", judging_views.assign_auto, name="assign_auto"),
    path("<uuid:uuid>/vong/<int:number>/ket-thuc/", judging_views.round_close, name="round_close"),
    path(
        "<uuid:uuid>/vong/<int:number>/bai-du-thi.<str:fmt>",
        judging_views.export_blind,
        name="export_blind",
    ),
    path(
        "<uuid:uuid>/vong/<int:number>/diem.xlsx", judging_views.export_scores, name="export_scores"
    ),
    path("bai/<uuid:uuid>/", views.entry_detail, name="entry_detail"),
    path("bai/<uuid:uuid>/sua/", views.entry_edit, name="entry_edit"),
    path("bai/<uuid:uuid>/nop/", views.entry_submit, name="entry_submit"),
    path("bai/<uuid:uuid>/anh/<int:pk>/", views.entry_photo, name="entry_photo"),
    path("bai/<uuid:uuid>/trung-lap/", views.entry_duplicates, name="entry_duplicates"),
    path("phan-cong/<uuid:uuid>/chuyen/", judging_views.assignment_move, name="assignment_move"),
    path("cham-diem/", judging_views.judge_home, name="judge_home"),
    path("cham-diem/<uuid:uuid>/", judging_views.judge_sheet, name="judge_sheet"),
]

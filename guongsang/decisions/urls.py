from django.urls import path

from guongsang.decisions import outcome_views, submission_views, views, xlsx_views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("xuat-excel/", xlsx_views.decision_list_xlsx, name="list_xlsx"),
    path("to-trinh/xuat-excel/", xlsx_views.submission_list_xlsx, name="submissions_xlsx"),
    path("soan/", views.decision_draft, name="draft"),
    path("<uuid:uuid>/", views.decision_detail, name="detail"),
    path("<uuid:uuid>/sua/", views.decision_edit, name="edit"),
    path("<uuid:uuid>/ky/", views.decision_sign, name="sign"),
    path("<uuid:uuid>/docx/", views.decision_file, {"fmt": "docx"}, name="docx"),
    path("<uuid:uuid>/pdf/", views.decision_file, {"fmt": "pdf"}, name="pdf"),
    path("<uuid:uuid>/danh-sach.xlsx", views.decision_file, {"fmt": "xlsx"}, name="xlsx"),
    path("<uuid:uuid>/giay-khen/", views.decision_certificates, name="certificates"),
    path("<uuid:uuid>/thu-hoi/", views.decision_revoke, name="revoke"),
    path("giay-khen/<uuid:uuid>/", views.certificate_download, name="certificate"),
    path("to-trinh/", submission_views.submission_list, name="submissions"),
    path("to-trinh/soan/", submission_views.submission_create, name="submission_create"),
    path("to-trinh/<uuid:uuid>/", submission_views.submission_detail, name="submission_detail"),
    path("to-trinh/<uuid:uuid>/trinh/", submission_views.submission_send, name="submission_send"),
    path(
        "to-trinh/<uuid:uuid>/docx/",
        submission_views.submission_file,
        {"fmt": "docx"},
        name="submission_docx",
    ),
    path(
        "to-trinh/<uuid:uuid>/pdf/",
        submission_views.submission_file,
        {"fmt": "pdf"},
        name="submission_pdf",
    ),
    path("to-trinh/<uuid:uuid>/goi-ho-so.zip", outcome_views.submission_zip, name="submission_zip"),
    path("ket-qua-cap-tren/", outcome_views.outcome_list, name="outcomes"),
    path("ket-qua-cap-tren/ghi-nhan/", outcome_views.outcome_create, name="outcome_create"),
    path("ket-qua-cap-tren/<uuid:uuid>/", outcome_views.outcome_detail, name="outcome_detail"),
    path(
        "ket-qua-cap-tren/dong/<uuid:uuid>/gan/",
        outcome_views.outcome_resolve,
        name="outcome_resolve",
    ),
]

from django.contrib import admin
from django.urls import include, path

from guongsang.api.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", api.urls),
    path("tai-khoan/", include("guongsang.accounts.urls")),
    path("to-chuc/", include("guongsang.org.urls")),
    path("ca-nhan/", include("guongsang.people.urls")),
    path("khen-thuong/", include("guongsang.awards.urls")),
    path("phong-trao/", include("guongsang.movements.urls")),
    path("ho-so/", include("guongsang.nominations.urls")),
    path("sang-kien/", include("guongsang.initiatives.urls")),
    path("cum-thi-dua/", include("guongsang.clusters.urls")),
    path("ky-luat/", include("guongsang.discipline.urls")),
    path("hoi-dong/", include("guongsang.council.urls")),
    path("quyet-dinh/", include("guongsang.decisions.urls")),
    path("quyet-dinh/", include("guongsang.signatures.urls")),
    path("cuoc-thi/", include("guongsang.contests.urls")),
    path("chi-tieu/", include("guongsang.targets.urls")),
    path("thong-ke/", include("guongsang.stats.urls")),
    path("vuon-hoa/cong-khai/", include("guongsang.council.public_urls")),
    path("vuon-hoa/xac-minh-van-ban/", include("guongsang.signatures.public_urls")),
    path("vuon-hoa/", include("guongsang.showcase.urls")),
    path("bao-cao/", include("guongsang.reports.urls")),
    path("sach/", include("guongsang.books.urls")),
    path("hoi-nghi/", include("guongsang.conference.urls")),
    path("", include("guongsang.core.urls")),
]

handler403 = "guongsang.core.views.error_403"
handler404 = "guongsang.core.views.error_404"
handler500 = "guongsang.core.views.error_500"

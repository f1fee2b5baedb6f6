"""Search over 1,000,000 stories on PostgreSQL, and the public story page's throughput.

    uv run python bench/search_benchmark.py [count] [--search-only]   # default 1,000,000

Creates (once) the database gs_search_bench on 127.0.0.1 (override with BENCH_DATABASE_URL),
migrates it, loads `count` generated published stories with COPY (the GIN index is dropped
and the words side table's trigger disabled during the load; both are rebuilt after, the side
table in publication order), then reports:

- search: p50 / p95 / max of ``search_stories(q)[:10]`` over a varied set of queries
  (names, places, deeds, phrases, without diacritics, upper case, prefixes; each run 15 times,
  after one warm-up run) — target p95 ≤ 30 ms — beside the anchor, search.py as it was where
  this branch left main (loaded from git; SEARCH_ANCHOR=<commit> to choose another), the two
  run in turn under the same load; the statements each issues; then a query matching nothing;
- the public story page against a bare Django view, both through Django's test client
  in-process (same middleware, same settings, DEBUG off), over 2,000 requests on varied
  stories — target ≥ 60 %.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gs_search_bench")
os.environ["DATABASE_URL"] = DB_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import psycopg  # noqa: E402


def ensure_database() -> None:
    name = DB_URL.rsplit("/", 1)[-1]
    admin = DB_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not found:
            conn.execute(f'CREATE DATABASE "{name}"')


ensure_database()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import include, path  # noqa: E402

from guongsang.showcase.text import normalise  # noqa: E402

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Mai",
    "Tô",
]
MIDDLE = [
    "Thị",
    "Văn",
    "Đức",
    "Thu",
    "Minh",
    "Bích",
    "Hồng",
    "Quang",
    "Hữu",
    "Ngọc",
    "Thanh",
    "Xuân",
    "Kim",
    "Công",
    "Gia",
]
GIVEN = [
    "Liên",
    "Thủy",
    "Hương",
    "Nam",
    "Sơn",
    "Bằng",
    "Thuận",
    "Hà",
    "Lan",
    "Dũng",
    "Hùng",
    "Tuấn",
    "Hoa",
    "Mai",
    "Phúc",
    "Khải",
    "Tâm",
    "Hòa",
    "Quỳnh",
    "Trang",
    "Yến",
    "Long",
    "Đạt",
    "Khánh",
    "Nhung",
    "Oanh",
    "Thảo",
    "Vy",
    "Hiếu",
    "Trung",
]
PLACES = [
    "Ba Đình",
    "Hoàn Kiếm",
    "Tây Hồ",
    "Long Biên",
    "Cầu Giấy",
    "Đống Đa",
    "Hai Bà Trưng",
    "Hoàng Mai",
    "Thanh Xuân",
    "Sóc Sơn",
    "Đông Anh",
    "Gia Lâm",
    "Nam Từ Liêm",
    "Thanh Trì",
    "Bắc Từ Liêm",
    "Mê Linh",
    "Hà Đông",
    "Sơn Tây",
    "Ba Vì",
    "Phúc Thọ",
    "Đan Phượng",
    "Hoài Đức",
    "Quốc Oai",
    "Thạch Thất",
    "Chương Mỹ",
    "Thanh Oai",
    "Thường Tín",
    "Phú Xuyên",
    "Ứng Hòa",
    "Mỹ Đức",
]
ROLES = [
    "cô giáo",
    "bác sĩ",
    "điều dưỡng",
    "nhân viên công tác xã hội",
    "cán bộ phường",
    "thầy giáo dạy nghề",
    "tài xế",
    "công nhân",
    "học sinh",
    "cựu chiến binh",
    "tình nguyện viên",
    "kế toán",
    "bảo vệ",
    "y tá",
    "chiến sĩ công an",
]
DEEDS = [
    "nhặt được của rơi trả lại người mất",
    "cứu người đuối nước",
    "hiến máu nhân đạo",
    "chăm sóc nạn nhân chất độc da cam",
    "dạy nghề miễn phí cho thanh niên khó khăn",
    "giúp đỡ người già neo đơn",
    "quyên góp ủng hộ đồng bào vùng lũ",
    "sửa nhà cho hộ nghèo",
    "đưa người bị nạn đi cấp cứu",
    "phát hiện và dập tắt đám cháy",
    "tặng học bổng cho học sinh nghèo",
    "tìm việc làm cho người khuyết tật",
    "nuôi dưỡng trẻ mồ côi",
    "hướng dẫn người dân làm thủ tục",
    "bắt kẻ cướp giật",
]
EXTRA = [
    "Việc làm của anh chị được mọi người quý mến.",
    "Người tốt, việc tốt được lan tỏa.",
    "Tấm gương sáng trong phong trào thi đua.",
    "Đồng nghiệp và người dân đều cảm phục.",
    "Một nghĩa cử đẹp giữa đời thường.",
    "Câu chuyện được kể lại tại hội nghị biểu dương.",
]

# Queries people type: names, places, deeds, phrases; no diacritics, upper case, prefixes.
QUERIES = [
    "nguyen thi lien",
    "Đặng Văn Hòa",
    "dang",
    "TRAN QUOC",
    "le minh tuan",
    "vo gia yen",
    "ba vi",
    "hoan kiem",
    "soc son",
    "cau giay nhat duoc",
    "my duc",
    "cuu nguoi duoi nuoc",
    "hien mau",
    "chat doc da cam",
    "day nghe mien phi",
    "don chay",
    "nguoi tot viec tot",
    "người tốt, việc tốt",
    "nghia cu dep",
    "tam guong sang",
    "co giao",
    "bac si",
    "dieu duong ba dinh",
    "chien si cong an bat ke cuop",
    "hoc bong",
    "nguoi khuyet tat",
    "tre mo coi",
    "vung lu",
    "ho ngheo",
    "thu tuc",
    "nguyen van",
    "phan thi ho",
    "quynh",
    "khai",
    "cuu chien binh dong anh",
    "tinh nguyen vien hien mau",
    "hoai duc nuoi duong",
    "zzzz khong co",
    "2023 ba vi",
]


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bare/", bare), path("", include("config.urls"))]


def generate(count: int, units: list[int]):
    """Rows for COPY: accented text and its normalised form are built side by side."""
    rng = random.Random(1992)
    now = "2024-01-01 00:00:00+07"
    for i in range(1, count + 1):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        place = rng.choice(PLACES)
        role = rng.choice(ROLES)
        deed = rng.choice(DEEDS)
        year = rng.randint(2009, 2024)
        title = f"{name}: {deed} ở {place}"
        summary = f"{role.capitalize()} {name} {deed}."
        body = (
            f"Năm {year}, {role} {name} ở {place} {deed}. "
            f"{rng.choice(EXTRA)} {rng.choice(EXTRA)} "
            f"Câu chuyện số {i} của Vườn hoa."
        )
        unit = units[i % len(units)]
        text = normalise(f"{title} {summary} {body} {name}")
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 09:00:00+07"
        yield (
            f"00000000-0000-4000-8000-{i:012d}",
            now,
            now,
            title,
            f"bench-{i}",
            summary,
            body,
            "",
            "",
            unit,
            None,
            name,
            year,
            None,
            "published",
            now,
            "Phiếu đồng ý",
            i % 500 == 0,
            published,
            normalise(title),
            text,
            None,
        )


COLUMNS = (
    "uuid, created_at, updated_at, title, slug, summary, body, photo, photo_alt, unit_id, "
    "person_id, collective_name, year, award_id, status, consent_recorded_at, consent_note, "
    "featured, published_at, search_title, search_text, created_by_id"
)


def load(count: int) -> None:
    from guongsang.org.models import Unit, UnitType
    from guongsang.showcase.models import Story
    from guongsang.showcase.search import rebuild_pg_words

    have = Story.objects.count()
    if have >= count:
        print(f"{have:,} stories already loaded")
        return
    Story.objects.all().delete()
    units = list(Unit.objects.values_list("pk", flat=True)[:200])
    if not units:
        from guongsang.org.tests.factories import make_unit

        city = make_unit("Thành phố Hà Nội", unit_type=UnitType.CITY)
        for n in range(100):
            make_unit(f"Trung tâm Bảo trợ xã hội {n + 1}", parent=city)
        units = list(Unit.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS showcase_story_search_gin")
        # The words side table (migration 0004) is refilled once after the load, in
        # publication order, as it would be had the stories been published one by one.
        cursor.execute("ALTER TABLE showcase_story DISABLE TRIGGER showcase_story_words_sync")
        raw = cursor.connection
        with raw.cursor().copy(f"COPY showcase_story ({COLUMNS}) FROM STDIN") as copy:
            for row in generate(count, units):
                copy.write_row(row)
        loaded = time.perf_counter()
        cursor.execute("ALTER TABLE showcase_story ENABLE TRIGGER showcase_story_words_sync")
        cursor.execute(
            "CREATE INDEX showcase_story_search_gin ON showcase_story USING GIN (search_vector)"
        )
        cursor.execute("ANALYZE showcase_story")
    rebuild_pg_words()
    print(
        f"loaded {count:,} stories in {loaded - started:.0f} s (COPY), "
        f"GIN index + ANALYZE {time.perf_counter() - loaded:.0f} s"
    )


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _anchor_search():  # type: ignore[no-untyped-def]
    """search_stories as it was where this branch left main (the anchor), loaded from git."""
    import shutil
    import subprocess
    import types

    git = shutil.which("git") or "git"
    base = (
        os.environ.get("SEARCH_ANCHOR")
        or subprocess.check_output([git, "merge-base", "HEAD", "main"], cwd=ROOT, text=True).strip()  # noqa: S603
    )
    source = subprocess.check_output(  # noqa: S603
        [git, "show", f"{base}:guongsang/showcase/search.py"], cwd=ROOT, text=True
    )
    module = types.ModuleType("anchor_search")
    exec(compile(source, "anchor_search.py", "exec"), module.__dict__)  # noqa: S102
    return base[:7], module.search_stories


def bench_search(runs: int = 15) -> None:
    from django.test.utils import CaptureQueriesContext

    from guongsang.showcase import selectors
    from guongsang.showcase.search import search_stories

    anchor_ref, anchor = _anchor_search()
    versions = {"anchor": anchor, "now": search_stories}

    def page(fn, query: str) -> list:  # type: ignore[no-untyped-def]
        return list(fn(query).select_related(*selectors.PUBLIC_RELATED)[:10])

    every: dict[str, list[float]] = {"anchor": [], "now": []}
    print(f"load average {os.getloadavg()[0]:.1f}; anchor: search.py at {anchor_ref}")
    print(
        f"\n{'query':32} {'hits':>5} {'stmts':>9} {'anchor p50':>11} {'p95':>7}"
        f" {'now p50':>8} {'p95':>7}"
    )
    for query in QUERIES:
        statements = {}
        for name, fn in versions.items():
            with CaptureQueriesContext(connection) as queries:
                first = page(fn, query)  # warm-up
            statements[name] = len(queries.captured_queries)
        times: dict[str, list[float]] = {"anchor": [], "now": []}
        for _ in range(runs):  # the two versions in turn, under the same load
            for name, fn in versions.items():
                t0 = time.perf_counter()
                page(fn, query)
                times[name].append((time.perf_counter() - t0) * 1000)
        cells = []
        for name in versions:
            every[name] += times[name]
            cells.append(
                f"{statistics.median(times[name]):8.1f} {percentile(times[name], 95):7.1f}"
            )
        print(
            f"{query:32} {len(first):>5} {statements['anchor']:>4}→{statements['now']:<4}"
            f" {cells[0]:>19}  {cells[1]}"
        )
    for name in versions:
        values = every[name]
        print(
            f"\n{name}: search over {len(QUERIES)} queries × {runs}: p50 "
            f"{statistics.median(values):.1f} ms, p95 {percentile(values, 95):.1f} ms, "
            f"max {max(values):.1f} ms (target p95 ≤ 30 ms)"
        )
    nothing = "zzzz khong co"
    for name, fn in versions.items():
        values = []
        for _ in range(4 * runs):
            t0 = time.perf_counter()
            page(fn, nothing)
            values.append((time.perf_counter() - t0) * 1000)
        print(
            f"{name}: no match ({nothing!r}) × {4 * runs}: p50 {statistics.median(values):.1f} ms,"
            f" p95 {percentile(values, 95):.1f} ms"
        )
    print(f"load average {os.getloadavg()[0]:.1f}")


def bench_pages(requests: int = 2000) -> None:
    from django.core.cache import cache
    from django.urls import clear_url_caches

    from guongsang.showcase.models import Story

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.ROOT_URLCONF = __name__
    clear_url_caches()
    rng = random.Random(7)
    ids = rng.sample(range(1, Story.objects.count() + 1), requests + 200)
    slugs = [f"bench-{i}" for i in ids]
    found = dict(Story.objects.filter(slug__in=slugs).values_list("slug", "year"))
    urls = [f"/vuon-hoa/{found[s]}/{s}/" for s in slugs if s in found]
    hot, cold = urls[:200], urls[200:]
    client = Client()
    assert client.get(hot[0]).status_code == 200
    assert client.get("/bare/").status_code == 200

    def run(paths: list[str]) -> float:
        t0 = time.perf_counter()
        for n in range(requests):
            response = client.get(paths[n % len(paths)])
            assert response.status_code == 200
        return requests / (time.perf_counter() - t0)

    cache.clear()
    cold_rps = run(cold)  # every page rendered (2,000 different stories)
    run(hot)  # warm the page cache with 200 popular stories
    bare_rps = run(["/bare/"])
    hot_rps = run(hot)
    print(
        f"\nthroughput (Django test client, in-process, {requests} requests each, one thread):\n"
        f"  bare view                  {bare_rps:8.0f} req/s\n"
        f"  story page, 200 popular    {hot_rps:8.0f} req/s  = {hot_rps / bare_rps:.0%} of bare "
        f"(target ≥ 60 %)\n"
        f"  story page, all different  {cold_rps:8.0f} req/s  = {cold_rps / bare_rps:.0%} of bare "
        f"(rendered every time)"
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 1_000_000
    call_command("migrate", verbosity=0)
    load(count)
    bench_search()
    if "--search-only" not in sys.argv:
        bench_pages()


if __name__ == "__main__":
    main()

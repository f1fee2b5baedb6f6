"""Compile a book of N stories (default 60) to PDF (A5) and EPUB, and render the conference
papers for N honourees; print the times.

    uv run python bench/books_benchmark.py [stories]

Needs no database: the book, its chapters and the conference are built in memory.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from pypdf import PdfReader  # noqa: E402

from guongsang.books.compile import Chapter, Picture, book_epub, book_pdf, flower_svg  # noqa: E402
from guongsang.books.models import Book  # noqa: E402
from guongsang.org.models import Unit, UnitType  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Bùi", "Đỗ", "Vũ", "Ngô"]
GIVEN = ["Thị Bích Liên", "Văn Nam", "Thị Thu Hà", "Đức Thuận", "Hồng Sơn", "Thị Lan Anh"]
PARAGRAPH = (
    "Hơn mười năm gắn bó với đơn vị, chị chăm sóc từng bữa ăn, giấc ngủ cho các nạn nhân chất "
    "độc da cam/dioxin như người thân trong gia đình, lặng lẽ làm những việc nhỏ mà ý nghĩa."
)


def chapters(count: int) -> list[Chapter]:
    found = []
    for i in range(1, count + 1):
        name = f"{FAMILY[i % 10]} {GIVEN[i % 6]}"
        found.append(
            Chapter(
                number=i,
                anchor=f"chuong-{i}",
                title=f"{name}: bàn tay ấm của những mảnh đời khó khăn",
                honouree=name,
                unit="Trung tâm Chăm sóc, nuôi dưỡng và điều trị nạn nhân bị nhiễm chất độc da cam",
                award="“Người tốt, việc tốt” cấp Thành phố",
                summary="Một tấm gương sáng về tinh thần tận tụy, sẻ chia.",
                paragraphs=[PARAGRAPH] * 12,
                picture=Picture(flower_svg("NL", i * 47 % 360), "image/svg+xml", name, True),
            )
        )
    return found


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    city = Unit(name="Thành phố Hà Nội", unit_type=UnitType.CITY)
    dept = Unit(name="Sở Lao động - Thương binh và Xã hội Hà Nội", parent=city)
    book = Book(title="Những bông hoa đẹp", year=2023, organiser=dept, page_size="A5")
    book.foreword = PARAGRAPH
    found = chapters(count)
    started = time.perf_counter()
    pdf = book_pdf(book, found)
    pdf_s = time.perf_counter() - started
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    started = time.perf_counter()
    epub = book_epub(book, found)
    epub_s = time.perf_counter() - started
    print(f"book: {count} stories, {pages} A5 pages, PDF {len(pdf) / 1e6:.1f} MB in {pdf_s:.1f} s")
    print(f"book: EPUB {len(epub) / 1e3:.0f} kB in {epub_s:.2f} s")
    print(f"(started {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()

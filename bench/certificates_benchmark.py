"""Render 1,000 certificates to one PDF and print the time (target: ≤ 20 s on 2 cores).

    uv run python bench/certificates_benchmark.py [count]

Needs no database: the certificates are built in memory with Vietnamese names and a unique
verification code each, exactly as a signed decision's would be.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from guongsang.decisions import certificates, codes  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Bùi", "Đỗ", "Vũ", "Ngô"]
MIDDLE = ["Thị", "Văn", "Đức", "Thu", "Minh", "Bích", "Hồng", "Quang"]
GIVEN = ["Liên", "Thủy", "Hương", "Nam", "Sơn", "Bằng", "Thuận", "Hà", "Lan Anh", "Dũng"]


def make(count: int) -> list[certificates.Certificate]:
    out = []
    for i in range(count):
        name = f"{FAMILY[i % 10]} {MIDDLE[i % 8]} {GIVEN[(i // 3) % 10]}"
        out.append(
            certificates.Certificate(
                kind="GIẤY KHEN",
                parent_name="UBND THÀNH PHỐ HÀ NỘI",
                issuer_heading="GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
                recipient=name,
                unit="Khoa Cơ khí, Trường Trung cấp nghề Cơ khí I Hà Nội",
                collective=False,
                title="“Người tốt, việc tốt” cấp cơ sở",
                achievement="Dũng cảm cứu người bị đuối nước ở hồ Tây, nêu gương sáng về "
                "tinh thần tương thân tương ái trong cộng đồng.",
                decision_number=f"{125 + i // 500}/QĐ-SLĐTBXH",
                decision_date=dt.date(2024, 2, 5),
                place="Hà Nội",
                sign_prefix="KT. GIÁM ĐỐC",
                sign_title="PHÓ GIÁM ĐỐC",
                signer_name="Nguyễn Tây Nam",
                code=codes.new_code(),
            )
        )
    return out


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    items = make(count)
    started = time.perf_counter()
    pdf = certificates.render(items, total=count)
    elapsed = time.perf_counter() - started
    out = Path("var/bench-certificates.pdf")
    out.parent.mkdir(exist_ok=True)
    out.write_bytes(pdf)
    print(
        f"{count} certificates → {len(pdf) / 1_048_576:.1f} MB PDF in {elapsed:.2f} s "
        f"({elapsed / count * 1000:.1f} ms each); cpus={os.cpu_count()}; file {out}"
    )


if __name__ == "__main__":
    main()

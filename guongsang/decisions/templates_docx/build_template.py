"""Build quyet_dinh.docx, the docxtpl template of a decision (Decree 30/2020 layout).

Run `uv run python -m guongsang.decisions.templates_docx.build_template` to regenerate it after
changing this script. Officers may open the result in Word, adjust fonts, spacing or wording
around the {{ … }} tags, and upload it per authority in the admin (AuthorityProfile).
The tags are docxtpl (Jinja2): {%p for %} repeats a paragraph, {%tr for %} a table row.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "quyet_dinh.docx"


def _setup_django() -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()


def build(path: Path = TEMPLATE) -> Path:
    """Build the Word template of a decision (Decree 30/2020, Annex I): the page from its header
    to the signature block, in reading order, on one document object."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm, Pt

    from guongsang.core.documents import SERIF, Letterhead, docx_document, docx_letterhead

    @dataclass(frozen=True)
    class TagHead(Letterhead):
        @property
        def place_date(self) -> str:
            return "{{ place_date }}"

    document = docx_document()
    docx_letterhead(
        document,
        TagHead(
            parent="{{ parent_name }}",
            issuer="{{ issuer_name }}",
            number="Số: {{ number }}",
            place="",
            date=None,
        ),
    )

    def para(
        text: str = "", *, bold=False, italic=False, center=False, size=14, indent=True, after=6
    ) -> Any:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.space_after = Pt(after)
        if indent and not center:
            p.paragraph_format.first_line_indent = Mm(10)
        if text:
            run = p.add_run(text)
            run.bold, run.italic = bold, italic
            run.font.size = Pt(size)
            run.font.name = SERIF
        return p

    para(after=0)
    para("QUYẾT ĐỊNH", bold=True, center=True, after=0)
    para("{{ summary }}", bold=True, center=True, after=12)
    para("{{ signer_heading }}", bold=True, center=True, after=12)
    para("{%p for basis in bases %}", indent=False, after=0)
    para("{{ basis }}", italic=True)
    para("{%p endfor %}", indent=False, after=0)
    para("QUYẾT ĐỊNH:", bold=True, center=True, after=12)
    para("{%p for article in articles %}", indent=False, after=0)
    p = para()
    head = p.add_run("Điều {{ loop.index }}.")
    head.bold = True
    p.add_run(" {{ article }}")
    para("{%p endfor %}", indent=False, after=0)

    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells

    def cell_line(
        cell: Any, text: str, *, bold=False, italic=False, size=12, first=False, center=False
    ) -> None:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.size = Pt(size)
        run.font.name = SERIF

    cell_line(left, "Nơi nhận:", bold=True, italic=True, first=True)
    cell_line(left, "{%p for place in recipients_list %}", size=11)
    cell_line(left, "- {{ place }}{% if loop.last %}.{% else %};{% endif %}", size=11)
    cell_line(left, "{%p endfor %}", size=11)
    cell_line(right, "{{ sign_prefix }}", bold=True, size=14, first=True, center=True)
    cell_line(right, "{{ sign_title }}", bold=True, size=14, center=True)
    for _ in range(4):
        cell_line(right, "", center=True)
    cell_line(right, "{{ signer_name }}", bold=True, size=14, center=True)

    # The annex (phụ lục): the list of recipients with unit and amount, and the total.
    brk = document.add_paragraph().add_run()
    brk.add_break(WD_BREAK.PAGE)
    para("DANH SÁCH {{ annex_heading }}", bold=True, center=True, after=0)
    para(
        "(Kèm theo Quyết định số {{ number }} ngày {{ date_short }} của {{ issuer_title }})",
        italic=True,
        center=True,
        after=12,
        size=13,
    )
    grid = document.add_table(rows=5, cols=5)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Mm(12), Mm(55), Mm(50), Mm(20), Mm(28))
    headers = ("STT", "Họ và tên / Tập thể", "Đơn vị", "{{ award_head }}", "Số tiền (đồng)")
    body = ("{{ r.index }}", "{{ r.name }}", "{{ r.unit }}", "{{ r.title }}", "{{ r.amount }}")
    for i, (width, header, value) in enumerate(zip(widths, headers, body, strict=True)):
        for row in grid.rows:
            row.cells[i].width = width
        cell_line(grid.rows[0].cells[i], header, bold=True, first=True, center=True)
        cell_line(grid.rows[2].cells[i], value, first=True, center=i in (0, 3))
    cell_line(grid.rows[1].cells[0], "{%tr for r in rows %}", first=True)
    cell_line(grid.rows[3].cells[0], "{%tr endfor %}", first=True)
    total = grid.rows[4].cells
    merged = total[0].merge(total[3])
    cell_line(merged, "Tổng cộng: {{ count_text }}", bold=True, first=True)
    cell_line(total[4], "{{ total }}", bold=True, first=True)
    document.save(path)
    return path


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[2]))
    _setup_django()
    print(build())

# ruff: noqa: E501  (OOXML namespace strings are kept whole to stay greppable)
"""Hostile Office files built byte by byte: bombs, entity tricks and broken zips.

Each builder returns the bytes of a file a user could upload. The workbooks are real
workbooks (openpyxl opens the harmless ones); the bombs are written by hand so that a few
kilobytes stand for what a parser would expand to megabytes.
"""

from __future__ import annotations

import functools
import io
import zipfile

from openpyxl import Workbook

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _zip(parts: dict[str, bytes | str], *, skip: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            if name not in skip:
                archive.writestr(name, data)
    return out.getvalue()


def _inline(value: str) -> str:
    return f'<c t="inlineStr"><is><t>{value}</t></is></c>'


def sheet_xml(rows: list[list[str]], *, prolog: str = "") -> str:
    body = "".join(f"<row>{''.join(_inline(v) for v in row)}</row>" for row in rows)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<worksheet xmlns="{SHEET_NS}"><sheetData>{body}</sheetData></worksheet>'
    )


def workbook(sheet: str, *, skip: tuple[str, ...] = ()) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
            "xl/worksheets/sheet1.xml": sheet,
        },
        skip=skip,
    )


HEADER = ["Họ và tên", "Ngày sinh", "Đơn vị", "Danh hiệu", "Năm", "Tóm tắt"]


@functools.cache
def xxe_workbook(target: str = "file:///etc/passwd") -> bytes:
    prolog = f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{target}">]>'
    return workbook(sheet_xml([HEADER, ["&xxe;", "", "", "", "2024", ""]], prolog=prolog))


@functools.cache
def billion_laughs_workbook(levels: int = 9) -> bytes:
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)]
    prolog = f"<!DOCTYPE worksheet [{''.join(entities)}]>"
    return workbook(sheet_xml([HEADER, [f"&lol{levels};", "", "", "", "2024", ""]], prolog=prolog))


@functools.cache
def entity_in_content_types() -> bytes:
    """The entity sits in a part the parser reads first, not in the sheet."""
    bomb = CONTENT_TYPES.replace(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">]>',
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", bomb)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml([HEADER]))
    return out.getvalue()


@functools.cache
def many_rows_workbook(rows: int) -> bytes:
    """A tiny file declaring very many rows: the decompression bomb of a spreadsheet."""
    body = "<row><c><v>1</v></c></row>" * rows
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SHEET_NS}">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )
    return workbook(sheet)


@functools.cache
def many_cells_workbook(cells: int) -> bytes:
    row = "<row>" + "<c><v>1</v></c>" * cells + "</row>"
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SHEET_NS}">'
        f"<sheetData>{row}</sheetData></worksheet>"
    )
    return workbook(sheet)


@functools.cache
def huge_part_workbook(megabytes: int) -> bytes:
    """One XML part that expands to many megabytes (padding in a comment)."""
    pad = "<!--" + "x" * (megabytes * 1024 * 1024) + "-->"
    sheet = f'<?xml version="1.0"?><worksheet xmlns="{SHEET_NS}">{pad}<sheetData/></worksheet>'
    return workbook(sheet)


@functools.cache
def lying_size_workbook() -> bytes:
    """A zip whose directory claims a small size for a large member."""
    data = bytearray(huge_part_workbook(25))
    # The central directory's uncompressed-size field of the sheet: set to 1 KB.
    marker = b"xl/worksheets/sheet1.xml"
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(marker))
    data[at + 24 : at + 28] = (1024).to_bytes(4, "little")
    return bytes(data)


def broken_zip() -> bytes:
    good = workbook(sheet_xml([HEADER]))
    return good[: len(good) // 2]


def not_a_zip() -> bytes:
    return b"PK\x03\x04" + b"\x00" * 200


def zip_without_content_types() -> bytes:
    return workbook(sheet_xml([HEADER]), skip=("[Content_Types].xml",))


def zip_without_workbook() -> bytes:
    return workbook(sheet_xml([HEADER]), skip=("xl/workbook.xml",))


def malformed_sheet() -> bytes:
    return workbook('<?xml version="1.0"?><worksheet><sheetData><row></sheetData>')


def real_workbook(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# DOCX ---------------------------------------------------------------------------------------

DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def document_xml(paragraphs: list[str], *, prolog: str = "") -> str:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )


def docx(document: str, *, skip: tuple[str, ...] = ()) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": DOCX_TYPES,
            "_rels/.rels": DOCX_RELS,
            "word/document.xml": document,
        },
        skip=skip,
    )


@functools.cache
def words_docx(words: int) -> bytes:
    """A bomb of words: one short paragraph repeated (compresses to almost nothing)."""
    paragraph = "Người tốt việc tốt " * 5
    return docx(document_xml([paragraph] * (words // 20 + 1)))


@functools.cache
def xxe_docx() -> bytes:
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return docx(document_xml(["&xxe;"], prolog=prolog))


@functools.cache
def billion_laughs_docx(levels: int = 9) -> bytes:
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)]
    prolog = f"<!DOCTYPE w:document [{''.join(entities)}]>"
    return docx(document_xml([f"&lol{levels};"], prolog=prolog))


@functools.cache
def docx_huge_part(megabytes: int) -> bytes:
    pad = "<!--" + "x" * (megabytes * 1024 * 1024) + "-->"
    return docx(document_xml(["Xin chào"]).replace("<w:body>", f"<w:body>{pad}"))

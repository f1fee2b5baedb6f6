"""Bounded reading of uploaded Office files (XLSX, DOCX) before any parser sees them.

An Office file is a zip of XML parts. A few kilobytes can expand to gigabytes (a
decompression bomb), declare entities that expand exponentially (billion laughs) or point
at local files (XXE). `check_xlsx` and `check_docx` open the zip, add up the declared
sizes, stream every XML part through defusedxml with a byte cap, and count rows and cells
(or words) until a limit is passed; they raise one `ValidationError` in Vietnamese. They
touch no database: call them before a transaction opens.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_number

MB = 1024 * 1024
DEFAULTS = {
    "GS_OOXML_MAX_UNCOMPRESSED": 20 * MB,
    "GS_OOXML_MAX_RATIO": 200,
    "GS_OOXML_MAX_PARTS": 2_000,
    "GS_IMPORT_MAX_ROWS": 50_000,
    "GS_IMPORT_MAX_CELLS": 1_000_000,
    "GS_ENTRY_MAX_WORDS": 5_000,
}
# A part this small cannot be a bomb whatever its ratio (an empty sheet compresses 1:50).
RATIO_FLOOR = 1 * MB
_WORD = re.compile(r"\w+")


def limit(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


@dataclass(frozen=True)
class SheetSize:
    rows: int
    cells: int


class _Capped(io.RawIOBase):
    """A zip member read through a byte cap: the header's size field can lie."""

    def __init__(self, raw: IO[bytes], cap: int) -> None:
        self.raw, self.left = raw, cap

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(min(len(buffer), self.left + 1))
        if len(data) > self.left:
            raise _TooBig
        self.left -= len(data)
        buffer[: len(data)] = data
        return len(data)


class _TooBig(Exception):
    pass


def _open(source: Any, what: str) -> zipfile.ZipFile:
    if hasattr(source, "seek"):
        source.seek(0)  # a stream is read from its start, and left there for the parser
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(
            _("Tệp bị hỏng hoặc không phải tệp %(what)s.") % {"what": what}
        ) from exc
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names:
        archive.close()
        raise ValidationError(
            _("Tệp không phải tệp %(what)s hợp lệ (thiếu [Content_Types].xml).") % {"what": what}
        )
    return archive


def _too_big() -> ValidationError:
    return ValidationError(
        _("Tệp giải nén quá lớn (tối đa %(mb)s MB): hãy chia nhỏ tệp.")
        % {"mb": limit("GS_OOXML_MAX_UNCOMPRESSED") // MB}
    )


def _check_sizes(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if len(infos) > limit("GS_OOXML_MAX_PARTS"):
        raise _too_big()
    if sum(i.file_size for i in infos) > limit("GS_OOXML_MAX_UNCOMPRESSED"):
        raise _too_big()
    ratio = limit("GS_OOXML_MAX_RATIO")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > ratio * max(info.compress_size, 1):
            raise ValidationError(
                _("Tệp có phần nén bất thường (tỉ lệ nén quá %(r)s lần), không đọc.") % {"r": ratio}
            )


class _Forbidden(Exception):
    """A declared, unparsed or external entity met by the expat scan."""


@contextmanager
def _reading_part() -> Iterator[None]:
    """What reading one XML part may raise, as the Vietnamese refusal a user is shown (the same
    for the tree parse of documents and the expat scan of workbooks)."""
    try:
        yield
    except _TooBig as exc:
        raise _too_big() from exc
    except (DefusedXmlException, _Forbidden) as exc:
        raise ValidationError(
            _(
                "Tệp chứa khai báo thực thể XML (DTD/ENTITY), không được phép: hãy mở rồi lưu "
                "lại tệp bằng Excel hoặc Word."
            )
        ) from exc
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise ValidationError(_("Tệp bị hỏng, không đọc được.")) from exc
    except (SyntaxError, expat.ExpatError) as exc:  # a malformed part (ParseError, expat)
        raise ValidationError(_("Tệp bị hỏng: một phần XML không đọc được.")) from exc


def _stream(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int], on_end: Any
) -> None:
    """Parse one XML part with DTDs and entities forbidden, within the byte budget left."""
    with _reading_part(), archive.open(info) as member:
        capped = _Capped(member, budget[0])
        for _event, element in iterparse(io.BufferedReader(capped), events=("end",)):
            on_end(element)
            element.clear()
        budget[0] = capped.left


def _xml_parts(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return [i for i in archive.infolist() if i.filename.lower().endswith((".xml", ".rels"))]


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _checked(archive: zipfile.ZipFile, counter: Any) -> None:
    """Sizes first (cheap, from the directory), then every XML part streamed once."""
    _check_sizes(archive)
    budget = [limit("GS_OOXML_MAX_UNCOMPRESSED")]
    for info in _xml_parts(archive):
        _stream(archive, info, budget, counter(info.filename))


def _column_number(letters: str) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27, 'XFD' → 16384; 0 for no letters."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + (ord(ch) - 64)
    return number


def _forbidden(*_args: Any) -> None:
    raise _Forbidden


def _scan(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int], on_start: Any
) -> None:
    """Parse one XML part with expat, entities forbidden as defusedxml forbids them (a
    declared entity, an unparsed or an external one stops the parse), within the byte budget
    left; `on_start(name, attributes)` for each element when given. Builds no tree: a
    100,000-row sheet costs a third of the CPU time of the element-by-element parse."""
    parser = expat.ParserCreate()
    parser.EntityDeclHandler = _forbidden
    parser.UnparsedEntityDeclHandler = _forbidden
    parser.ExternalEntityRefHandler = _forbidden  # type: ignore[assignment]
    if on_start is not None:
        parser.StartElementHandler = on_start
    with _reading_part(), archive.open(info) as member:
        capped = _Capped(member, budget[0])
        while chunk := capped.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
        budget[0] = capped.left


def _scanned(archive: zipfile.ZipFile, on_start_for: Any) -> None:
    """Sizes first (cheap, from the directory), then every XML part scanned once."""
    _check_sizes(archive)
    budget = [limit("GS_OOXML_MAX_UNCOMPRESSED")]
    for info in _xml_parts(archive):
        _scan(archive, info, budget, on_start_for(info.filename))


def check_xlsx(source: Any, *, max_rows: int | None = None) -> SheetSize:
    """Refuse an unsafe or oversized workbook; the rows and cells of its largest sheet.

    Long on purpose: the checks of a workbook's parts come in the order the file is read (the
    package, the parts' sizes, the sheets, the cells), each refusing with its own message,
    inside one read of the archive."""
    what = _("Excel (.xlsx)")
    max_rows = max_rows or limit("GS_IMPORT_MAX_ROWS")
    max_cells = limit("GS_IMPORT_MAX_CELLS")
    largest = SheetSize(0, 0)
    with _open(source, what) as archive:
        if "xl/workbook.xml" not in set(archive.namelist()):
            raise ValidationError(
                _("Tệp không phải tệp %(what)s hợp lệ (thiếu xl/workbook.xml).") % {"what": what}
            )
        sheets: list[dict[str, int]] = []

        def counter(filename: str) -> Any:
            if not filename.startswith("xl/worksheets/"):
                return None
            counts = {"row": 0, "c": 0, "last_row": 0, "last_column": 0}
            sheets.append(counts)
            columns: dict[str, int] = {}

            def reach(ref: str) -> None:
                """The farthest row and column a reference ("XFD1048576") names."""
                letters = ref.rstrip("0123456789")
                column = columns.get(letters)
                if column is None:
                    column = columns[letters] = _column_number(letters)
                if column > counts["last_column"]:
                    counts["last_column"] = column
                digits = ref[len(letters) :]
                if digits and int(digits) > counts["last_row"]:
                    counts["last_row"] = int(digits)

            def count(name: str, attributes: Any) -> None:
                local = name.rpartition(":")[2]  # "c", or "x:c" with a prefix
                if local == "dimension":
                    reach(attributes.get("ref", "").rpartition(":")[2])
                    return
                if local not in counts:
                    return
                counts[local] += 1
                if local == "c":
                    if "r" in attributes:
                        reach(attributes["r"])
                elif (
                    attributes.get("r", "").isdigit() and int(attributes["r"]) > counts["last_row"]
                ):
                    counts["last_row"] = int(attributes["r"])
                if counts["row"] > max_rows:
                    raise ValidationError(
                        _("Tệp có quá nhiều dòng (tối đa %(n)s dòng): hãy chia nhỏ tệp.")
                        % {"n": _n(max_rows)}
                    )
                if counts["c"] > max_cells:
                    raise ValidationError(
                        _("Tệp có quá nhiều ô (tối đa %(n)s ô): hãy chia nhỏ tệp.")
                        % {"n": _n(max_cells)}
                    )

            return count

        _scanned(archive, counter)
    _rewind(source)
    for counts in sheets:
        # A reader lays the sheet out as a grid from A1 to its farthest cell: a few cells far
        # apart (A1 and XFD1048576) are within the counts above but not within memory.
        if counts["last_row"] * counts["last_column"] > 4 * max_cells:
            raise ValidationError(
                _(
                    "Tệp có dữ liệu ở ô quá xa (dòng %(r)s, cột %(c)s): hãy xoá các ô thừa "
                    "ngoài bảng rồi tải lên lại."
                )
                % {"r": _n(counts["last_row"]), "c": _n(counts["last_column"])}
            )
    for counts in sheets:
        if counts["row"] > largest.rows:
            largest = SheetSize(counts["row"], counts["c"])
    return largest


def check_docx(source: Any, *, max_words: int | None = None) -> int:
    """Refuse an unsafe or oversized DOCX; the number of words in its body."""
    what = _("Word (.docx)")
    max_words = max_words or limit("GS_ENTRY_MAX_WORDS")
    words = 0
    with _open(source, what) as archive:
        if "word/document.xml" not in set(archive.namelist()):
            raise ValidationError(
                _("Tệp không phải tệp %(what)s hợp lệ (thiếu word/document.xml).") % {"what": what}
            )
        paragraph: list[str] = []

        def counter(filename: str) -> Any:
            if filename != "word/document.xml":
                return lambda element: None

            def count(element: Any) -> None:
                # Runs split words ("Ng" + "ười"): count per paragraph, not per run.
                nonlocal words
                name = _local(element.tag)
                if name == "t" and element.text:
                    paragraph.append(element.text)
                elif name == "p":
                    words += len(_WORD.findall("".join(paragraph)))
                    paragraph.clear()
                    if words > max_words:
                        raise ValidationError(
                            _("Bài viết dài quá %(n)s chữ: hãy rút gọn rồi tải lên lại.")
                            % {"n": _n(max_words)}
                        )

            return count

        _checked(archive, counter)
    _rewind(source)
    return words


def _rewind(source: Any) -> None:
    if hasattr(source, "seek"):
        source.seek(0)


def _n(value: int) -> str:
    return vn_number(value)

"""Office files are checked for bombs and entity tricks before any parser reads them."""

import pytest
from django.core.exceptions import ValidationError

from guongsang.core import ooxml
from tests.bad_inputs import crafted


def _refused(check, data: bytes, **kwargs) -> str:
    with pytest.raises(ValidationError) as info:
        check(data, **kwargs)
    assert len(info.value.messages) == 1
    return info.value.messages[0]


def test_a_real_workbook_passes_with_its_size():
    size = ooxml.check_xlsx(crafted.real_workbook([["Họ và tên", "Năm"]] + [["An", 2024]] * 99))
    assert (size.rows, size.cells) == (100, 200)


@pytest.mark.parametrize(
    "data",
    [crafted.xxe_workbook(), crafted.billion_laughs_workbook(), crafted.entity_in_content_types()],
    ids=["xxe", "billion-laughs", "entity-in-content-types"],
)
def test_entity_declarations_are_refused(data):
    assert "thực thể XML" in _refused(ooxml.check_xlsx, data)


def test_a_row_bomb_is_refused_by_its_ratio():
    data = crafted.many_rows_workbook(300_000)
    assert len(data) < 40_000
    assert "tỉ lệ nén" in _refused(ooxml.check_xlsx, data)


def test_rows_are_counted_in_the_xml_and_stop_at_the_limit(settings):
    settings.GS_OOXML_MAX_RATIO = 10_000
    settings.GS_IMPORT_MAX_ROWS = 1_000
    assert "tối đa 1.000 dòng" in _refused(ooxml.check_xlsx, crafted.many_rows_workbook(1_001))
    assert ooxml.check_xlsx(crafted.many_rows_workbook(1_000)).rows == 1_000


def test_cells_are_counted(settings):
    settings.GS_OOXML_MAX_RATIO = 10_000
    settings.GS_IMPORT_MAX_CELLS = 500
    assert "tối đa 500 ô" in _refused(ooxml.check_xlsx, crafted.many_cells_workbook(501))


def test_uncompressed_size_is_bounded_even_when_the_directory_lies():
    assert "giải nén quá lớn" in _refused(ooxml.check_xlsx, crafted.huge_part_workbook(25))
    assert _refused(ooxml.check_xlsx, crafted.lying_size_workbook())


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (crafted.broken_zip(), "bị hỏng"),
        (crafted.not_a_zip(), "bị hỏng"),
        (crafted.zip_without_content_types(), "[Content_Types].xml"),
        (crafted.zip_without_workbook(), "xl/workbook.xml"),
        (crafted.malformed_sheet(), "bị hỏng"),
    ],
    ids=["truncated", "not-a-zip", "no-content-types", "no-workbook", "malformed-xml"],
)
def test_broken_files_get_one_line(data, words):
    assert words in _refused(ooxml.check_xlsx, data)


def test_a_docx_over_the_word_limit_is_refused_before_parsing(settings):
    settings.GS_OOXML_MAX_RATIO = 10_000
    assert ooxml.check_docx(crafted.words_docx(1_000)) >= 1_000
    assert "5.000 chữ" in _refused(ooxml.check_docx, crafted.words_docx(800_000))


@pytest.mark.parametrize("data", [crafted.xxe_docx(), crafted.billion_laughs_docx()])
def test_docx_entities_are_refused(data):
    assert "thực thể XML" in _refused(ooxml.check_docx, data)

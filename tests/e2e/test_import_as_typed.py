"""A unit officer uploads the list as officers type it (an STT column, columns in another
order, a date of birth as an Excel serial number, short names of titles), sees no false
error and how many people will be created, and imports exactly that."""

import pytest
from openpyxl import Workbook

from guongsang.nominations.models import Dossier
from guongsang.people.models import Person

from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e


def _workbook(path, centre: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2024"])
    ws.append(["STT", "Đơn vị công tác", "Họ tên", "Ngày sinh", "Năm", "Danh hiệu", "Thành tích"])
    ws.append([1, centre, "Nguyễn Văn Mới", 33000, 2024, "LĐTT", "Hoàn thành tốt nhiệm vụ"])
    ws.append([2, centre, "Lê Thị Bích Liên", "12/04/1985", 2024, "CSTĐ cơ sở", "Có sáng kiến"])
    ws.append([3, centre, "Trần Thị Hà", "18/02/1982", 2024, "NTVT cơ sở", "Cứu người"])
    wb.save(path)


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_an_officers_workbook_imports_what_the_preview_says(
    live_server, world, titles, page_for, shot, size, tmp_path
):
    from guongsang.nominations.tests.test_imports_as_typed import _eligible_for_chien_si

    _eligible_for_chien_si(world, titles)  # her initiative and the unit's quota: a true row
    path = tmp_path / "danh-sach.xlsx"
    _workbook(path, world.centre.name)
    people = Person.objects.count()
    page = page_for(*size)
    login(page, live_server.url, "canbo")
    page.goto(f"{live_server.url}/ho-so/nhap-excel/de-nghi/")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.get_by_role("heading", name="Xem trước trước khi nhập").wait_for()
    summary = page.get_by_role("list", name="Tổng hợp").inner_text()
    assert "0 dòng có lỗi" in summary
    # Lê Thị Bích Liên is on record: Nguyễn Văn Mới and Trần Thị Hà are the new people.
    assert "2 cá nhân sẽ được tạo mới" in summary
    assert page.get_by_text("07/05/1990").first.is_visible()  # serial 33000
    assert page.get_by_text("Chiến sĩ thi đua cơ sở").first.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size[0] + 1, "the page must not scroll sideways"
    shot(page, f"import-as-typed-preview-{size[0]}x{size[1]}")
    page.get_by_role("button", name="Nhập 3 dòng").click()
    page.get_by_text("Đã nhập 3 dòng (tạo mới 2 cá nhân).").wait_for()
    assert Person.objects.count() - people == 2
    assert Dossier.objects.count() == 3

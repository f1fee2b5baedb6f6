"""The main pages, loaded in Chromium under the Content-Security-Policy: no violation is
reported and the console shows no error; the behaviours moved out of inline handlers work."""

import pytest

from guongsang.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""
STAFF_PAGES = [
    "/",
    "/ho-so/",
    "/ca-nhan/",
    "/to-chuc/",
    "/phong-trao/",
    "/hoi-dong/",
    "/quyet-dinh/",
    "/cuoc-thi/",
    "/chi-tieu/",
    "/thong-ke/",
    "/bao-cao/",
    "/sach/",
    "/hoi-nghi/",
    "/nhat-ky/",
    "/tai-khoan/nguoi-dung/",
    "/tai-khoan/xac-thuc-hai-buoc/",
    "/tai-khoan/ma-du-phong/",
]
PUBLIC_PAGES = ["/tai-khoan/dang-nhap/", "/vuon-hoa/", "/vuon-hoa/tim-kiem/?q=nguoi+tot"]


def _watched(page_for):
    page = page_for()
    page.add_init_script(LISTEN)
    errors: list[str] = []
    # A missing file is reported by its address below, not by the console's bare message.
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and "favicon" not in r.url
            else None
        ),
    )
    return page, errors


def _visit(page, errors, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status < 400, url
    page.wait_for_load_state("load")
    violations = page.evaluate("window.__cspViolations")
    assert violations == [], f"{url}: {violations}"
    assert errors == [], f"{url}: {errors}"


def test_the_main_pages_run_without_a_policy_violation(live_server, world, page_for):
    page, errors = _watched(page_for)
    for path in PUBLIC_PAGES:
        _visit(page, errors, live_server.url + path)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    for path in STAFF_PAGES:
        _visit(page, errors, live_server.url + path)
    # The dashboard's charts were drawn by its script file.
    page.goto(f"{live_server.url}/thong-ke/")
    assert page.locator("canvas").count() >= 1


def test_the_language_switch_and_confirmations_work_without_inline_handlers(
    live_server, world, page_for
):
    page, errors = _watched(page_for)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    with page.expect_navigation():
        page.select_option("#language-select", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    # A form that asks before it submits: dismissing the question keeps the page.
    page.evaluate(
        """() => {
        const form = document.createElement("form");
        form.method = "post"; form.action = "/nowhere/"; form.dataset.confirm = "Chắc chưa?";
        form.innerHTML = '<button id="go" type="submit">Gửi</button>';
        document.body.appendChild(form);
    }"""
    )
    asked: list[str] = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", answer)
    url = page.url
    page.click("#go")
    assert asked == ["Chắc chưa?"] and page.url == url
    assert page.evaluate("window.__cspViolations") == []

"""Content-Security-Policy: every page sends it, it allows scripts from this site only, and no
template carries an inline script, an on… event handler or a javascript: link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]
# Templates that become PDF or DOCX files, never pages a browser runs.
DOCUMENT_TEMPLATES = ("templates/documents/", "templates/books/print/")
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"<[a-zA-Z][^>]*?\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)
INLINE_STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)


def _templates() -> list[Path]:
    found = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("guongsang/**/templates/**/*.html")]
    return [p for p in found if not str(p.relative_to(ROOT)).startswith(DOCUMENT_TEMPLATES)]


def test_no_template_has_an_inline_script_or_event_handler():
    templates = _templates()
    assert len(templates) > 100
    offenders = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, HANDLER, JS_URL, INLINE_STYLE_ELEMENT):
            for match in pattern.finditer(text):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group()[:60]}")
    assert offenders == []


def test_the_checks_above_would_catch_each_kind():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/gs.js" defer></script>')
    assert HANDLER.search('<select class="x"\n  onchange="this.form.submit()">')
    assert not HANDLER.search('<select data-autosubmit class="online">')
    assert JS_URL.search('<a href="javascript:void(0)">')


def _policy(response) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/tai-khoan/dang-nhap/", "/vuon-hoa/", "/", "/ho-so/", "/thong-ke/", "/healthz"]
)
def test_every_page_sends_a_policy_allowing_only_this_sites_scripts(client, world, url):
    if not url.startswith(("/tai-khoan/", "/vuon-hoa/")):
        client.force_login(world.secretariat)
    response = client.get(url)
    assert response.status_code == 200, url
    policy = _policy(response)
    assert policy["script-src"] == "script-src 'self'"
    assert policy["default-src"] == "default-src 'self'"
    assert policy["object-src"] == "object-src 'none'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval" not in str(policy)


@pytest.mark.django_db
def test_error_pages_carry_the_policy_too(client, world):
    client.force_login(world.officer)
    response = client.get(reverse("accounts:user_list"))
    assert response.status_code == 403
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]

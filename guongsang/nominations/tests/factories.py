import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from guongsang.catalogue.models import Title
from guongsang.nominations import services
from guongsang.nominations.models import Dossier, FileKind

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def docx_bytes() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # A fixed date in the entries: the same bytes on every call, whatever the clock says.
        for name, text in (
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", "<w:document/>"),
        ):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def make_dossier(
    world,
    *,
    code: str = "nguoi-tot-viec-tot-co-so",
    person=None,
    year=2024,
    complete: bool = True,
    **extra,
) -> Dossier:
    dossier = services.dossier_create(
        actor=world.officer,
        unit=world.centre,
        title=Title.objects.get(code=code),
        year=year,
        person=person or world.person,
        summary="Cứu người đuối nước ở hồ Tây." if complete else "",
        report="Báo cáo thành tích chi tiết." if complete else "",
        **extra,
    )
    if complete:
        services.dossier_update(actor=world.officer, dossier=dossier, votes_yes=20, votes_total=22)
        services.dossier_attach(
            actor=world.officer, dossier=dossier, kind=FileKind.MINUTES, upload=pdf_upload()
        )
    return dossier


def dossier_form_data(world: Any, titles: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """What an officer types into the new dossier form for the world's person (a complete
    yearly proposal of the base-level title), with `extra` fields added or replaced."""
    return {
        "unit": str(world.centre.uuid),
        "title": titles["nguoi-tot-viec-tot-co-so"].pk,
        "year": 2024,
        "track": "yearly",
        "nominee_kind": "person",
        "person": str(world.person.uuid),
        "summary": "Cứu người đuối nước ở hồ Tây.",
        "report": "Báo cáo thành tích chi tiết.",
        "votes_yes": 20,
        "votes_total": 22,
        **extra,
    }

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from guongsang.awards.services import award_record
from guongsang.catalogue.models import Title
from guongsang.nominations import services
from guongsang.nominations.eligibility import blocking, check_dossier
from guongsang.nominations.models import DossierFile
from guongsang.nominations.tests.factories import docx_bytes, make_dossier
from guongsang.people.tests.factories import letters, make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def _messages(dossier) -> str:
    return " | ".join(f.message for f in check_dossier(dossier))


def test_a_complete_dossier_without_history_problems_passes(world):
    assert blocking(check_dossier(make_dossier(world))) == []


def test_a_duplicate_nomination_for_the_same_person_title_and_year_is_explained(world):
    make_dossier(world)
    second = make_dossier(world)
    assert "Đã có hồ sơ đề nghị “Người tốt, việc tốt” cấp cơ sở năm 2024" in _messages(second)
    with pytest.raises(ValidationError, match="Đã có hồ sơ"):
        services.dossier_transition(actor=world.officer, dossier=second, action="submit")


def test_the_same_person_proposed_for_another_title_the_same_year_is_a_warning(world):
    make_dossier(world)
    other = make_dossier(world, code="lao-dong-tien-tien")
    findings = check_dossier(other)
    warning = next(f for f in findings if f.code == "double_award")
    assert not warning.blocking and "khen trùng" in warning.message


def test_prerequisites_are_read_from_the_award_history(world):
    titles = {t.code: t for t in Title.objects.all()}
    dossier = make_dossier(world, code="chien-si-thi-dua-cap-thanh-pho")
    assert (
        "cần 3 năm liên tục đạt “Chiến sĩ thi đua cơ sở” (2022–2024); còn thiếu năm "
        "2022, 2023, 2024"
    ) in _messages(dossier)
    for year in (2022, 2023):
        award_record(
            actor=None,
            title=titles["chien-si-thi-dua-co-so"],
            year=year,
            unit=world.centre,
            person=world.person,
        )
    assert "còn thiếu năm 2024." in _messages(dossier)
    award_record(
        actor=None,
        title=titles["chien-si-thi-dua-co-so"],
        year=2024,
        unit=world.centre,
        person=world.person,
    )
    assert not [f for f in check_dossier(dossier) if f.code == "prerequisite"]


def test_a_base_title_proposed_the_same_year_satisfies_a_same_year_prerequisite(world):
    dossier = make_dossier(world, code="chien-si-thi-dua-co-so")
    assert "cần có “Lao động tiên tiến” năm 2024" in _messages(dossier)
    make_dossier(world, code="lao-dong-tien-tien")
    assert "Lao động tiên tiến" not in " ".join(
        f.message for f in check_dossier(dossier) if f.code == "prerequisite"
    )


def test_the_quota_of_chien_si_thi_dua_co_so_is_checked_against_lao_dong_tien_tien(world):
    people = [make_person(f"Cán bộ {letters(i)}", unit=world.centre) for i in range(7)]
    for person in people:
        make_dossier(world, code="lao-dong-tien-tien", person=person)
    dossier = make_dossier(world, code="chien-si-thi-dua-co-so", person=people[0])
    # 7 × 15% = 1.05: one is allowed, this is the first.
    assert not [f for f in check_dossier(dossier) if f.code == "quota"]
    second = make_dossier(world, code="chien-si-thi-dua-co-so", person=people[1])
    quota = next(f for f in check_dossier(second) if f.code == "quota")
    assert quota.message.startswith(
        "Vượt tỷ lệ: đơn vị có 7 “Lao động tiên tiến” năm 2024 (0 đã được tặng, 7 hồ sơ đang "
        "đề nghị) nên được tối đa 1 “Chiến sĩ thi đua cơ sở” (15%); hiện có 2 (0 đã được tặng, "
        "2 hồ sơ đang đề nghị, kể cả hồ sơ này)."
    )


def test_the_secretariat_overrides_a_check_with_a_recorded_reason(world):
    make_dossier(world)
    second = make_dossier(world)
    with pytest.raises(PermissionDenied):
        services.check_override(
            actor=world.officer, dossier=second, check_code="duplicate", reason="x"
        )
    services.check_override(
        actor=world.secretariat,
        dossier=second,
        check_code="duplicate",
        reason="Hai thành tích khác nhau trong năm",
    )
    finding = next(f for f in check_dossier(second) if f.code == "duplicate")
    assert not finding.blocking and finding.overridden == "Hai thành tích khác nhau trong năm"


def test_an_executable_renamed_to_pdf_is_refused_and_nothing_is_stored(world):
    dossier = make_dossier(world, complete=False)
    fake = SimpleUploadedFile(
        "bao-cao.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, content_type="application/pdf"
    )
    with pytest.raises(ValidationError, match="không phải PDF, DOCX"):
        services.dossier_attach(actor=world.officer, dossier=dossier, kind="report", upload=fake)
    assert not DossierFile.objects.filter(dossier=dossier).exists()


def test_a_real_docx_is_accepted_whatever_its_name(world):
    dossier = make_dossier(world, complete=False)
    upload = SimpleUploadedFile("bao-cao", docx_bytes(), content_type="application/octet-stream")
    stored = services.dossier_attach(
        actor=world.officer, dossier=dossier, kind="report", upload=upload
    )
    assert stored.content_type.endswith("wordprocessingml.document")
    assert stored.stored_path.open("rb").read() == docx_bytes()


def test_an_upload_over_the_size_limit_is_refused(world, settings):
    settings.GS_UPLOAD_MAX_BYTES = 1024
    dossier = make_dossier(world, complete=False)
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4" + b"0" * 2048)
    with pytest.raises(ValidationError, match="quá lớn"):
        services.dossier_attach(actor=world.officer, dossier=dossier, kind="report", upload=big)


def test_a_unit_cannot_nominate_someone_of_another_unit(world):
    with pytest.raises(ValidationError, match="không thuộc"):
        services.dossier_create(
            actor=world.officer,
            unit=world.centre,
            title=Title.objects.get(code="nguoi-tot-viec-tot-co-so"),
            year=2024,
            person=world.other_person,
        )

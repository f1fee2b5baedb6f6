import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from guongsang.core.files import file_read
from guongsang.core.models import AuditEntry
from guongsang.initiatives import services
from guongsang.initiatives.models import Initiative, Scope, Status
from guongsang.initiatives.tests.factories import make_initiative, recognise

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_registering_keeps_the_authors_shares_and_the_evidence(world):
    initiative = make_initiative(
        world, authors=[(world.person, Decimal("60")), (world.other_person, Decimal("40"))]
    )
    services.initiative_attach(
        actor=world.officer,
        initiative=initiative,
        upload=SimpleUploadedFile("minh-chung.pdf", PDF, content_type="application/pdf"),
    )
    shares = dict(initiative.authors.values_list("person__full_name", "share"))
    assert shares == {"Lê Thị Bích Liên": Decimal("60"), "Trần Văn Bình": Decimal("40")}
    evidence = initiative.evidence.get()
    assert evidence.content_type == "application/pdf"
    assert file_read(evidence.stored_path) == PDF
    assert initiative.status == Status.REGISTERED
    assert AuditEntry.objects.filter(object_type="initiatives.initiative").count() == 1


def test_shares_that_do_not_add_up_to_100_are_refused_and_nothing_is_written(world):
    with pytest.raises(ValidationError, match=r"phải bằng 100% \(đang là 90%\)"):
        make_initiative(
            world, authors=[(world.person, Decimal("50")), (world.other_person, Decimal("40"))]
        )
    assert not Initiative.objects.exists()


def test_an_evidence_file_is_judged_by_its_content_not_its_name(world):
    initiative = make_initiative(world)
    fake = SimpleUploadedFile(
        "minh-chung.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError, match="không phải PDF"):
        services.initiative_attach(actor=world.officer, initiative=initiative, upload=fake)
    assert not initiative.evidence.exists()


def test_the_register_keeps_the_widest_scope_recognised(world):
    initiative = make_initiative(world)
    recognise(world, initiative, scope=Scope.BASE, on=dt.date(2024, 3, 1), number="1/QĐ")
    recognise(world, initiative, scope=Scope.CITY, on=dt.date(2024, 9, 1), number="2/QĐ")
    initiative.refresh_from_db()
    assert (initiative.status, initiative.scope) == (Status.RECOGNISED, Scope.CITY)


def test_a_recognition_needs_a_scope_and_a_date_after_registration(world):
    initiative = make_initiative(world)
    with pytest.raises(ValidationError, match="cần có phạm vi"):
        recognise(world, initiative, scope="")
    with pytest.raises(ValidationError, match="từ ngày đăng ký"):
        recognise(world, initiative, scope=Scope.BASE, on=dt.date(2024, 1, 2))
    assert not initiative.assessments.exists()


def test_a_refusal_marks_the_initiative_refused(world):
    initiative = make_initiative(world)
    services.initiative_assess(
        actor=world.secretariat,
        initiative=initiative,
        council="Hội đồng sáng kiến cơ sở",
        score=Decimal("40"),
        recognised=False,
        scope=Scope.CITY,  # ignored: a refusal has no scope
        decision_number="3/QĐ",
        decision_date=dt.date(2024, 5, 1),
    )
    initiative.refresh_from_db()
    assert (initiative.status, initiative.scope) == (Status.REFUSED, "")

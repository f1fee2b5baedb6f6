"""What a judge reads carries no name of the author, the subject or the unit: in any case,
with or without diacritics, any spacing; and the check before showing fails closed."""

import pytest
from django.urls import reverse

from guongsang.contests import blind, exports, services
from guongsang.contests.models import Assignment, Entry, RoundEntry
from guongsang.contests.tests.factories import make_contest, make_entry, make_judge
from guongsang.org.models import Unit, UnitName

AUTHOR = "Nguyễn Văn Bảo"
SUBJECT = "Lê Thị Bích Liên"
UNIT = "Trung tâm Bảo trợ xã hội 1"

FORMS_OF_THE_AUTHOR = [
    "Nguyễn Văn Bảo",
    "NGUYỄN VĂN BẢO",
    "nguyễn văn bảo",
    "Nguyen Van Bao",
    "NGUYEN VAN BAO",
    "nguyen  van\tbao",
    "Nguyễn\nVăn Bảo",
    "Nguyễn\u00a0Văn\u00a0Bảo",
    "Nguy\u200bễn Văn Bảo",
    "NguyenVanBao",
    "Nguyễn Văn Bảo".replace("ễ", "e\u0302\u0303"),  # typed decomposed
]


def _names():
    return blind.names_of(authors=f"{AUTHOR}, Trần Minh Châu", subject=SUBJECT, units=[UNIT])


@pytest.mark.parametrize("form", FORMS_OF_THE_AUTHOR)
def test_the_authors_name_is_hidden_in_every_form(form):
    text = f"Bài dự thi.\nTôi là {form}, làm việc ở đây đã mười năm. Anh {form} kể lại."
    shown = blind.blind(text, _names())
    assert "bao" not in blind.fold(shown).replace("bảo", "")
    assert shown.count(blind.HIDDEN) == 2
    assert "làm việc ở đây đã mười năm" in shown


@pytest.mark.parametrize(
    "form",
    ["Trung tâm Bảo trợ xã hội 1", "TRUNG TAM BAO TRO XA HOI 1", "trung tam bao tro xa hoi 1"],
)
def test_the_units_name_and_the_subjects_are_hidden(form):
    text = f"Chị LÊ THỊ BÍCH LIÊN công tác tại {form} từ năm 2005; le thi bich lien kể."
    shown = blind.blind(text, _names())
    folded = blind.fold(shown)
    assert "bich lien" not in folded and "bao tro xa hoi 1" not in folded
    assert "công tác tại" in shown and "từ năm 2005" in shown


def test_a_byline_on_top_is_removed_whole():
    text = "Tác giả: NGUYEN VAN BAO\nTRẦN MINH CHÂU\n\nNgười mẹ của những đứa trẻ."
    assert blind.blind(text, _names()) == "Người mẹ của những đứa trẻ."


def test_ordinary_words_that_share_a_name_are_kept():
    text = "Trung tâm làm công tác bảo trợ; anh Bảo và chị Liên đều tốt."
    assert blind.blind(text, _names()) == text


def test_the_check_fails_closed_when_a_name_survives(monkeypatch):
    monkeypatch.setattr(blind, "hide_names", lambda text, names: text)
    with pytest.raises(blind.BlindLeak):
        blind.blind(f"Tôi là {AUTHOR}.", _names())


@pytest.fixture
def sheet(world):
    Unit.objects.filter(pk=world.other_centre.pk).update(name=UNIT)
    UnitName.objects.filter(unit=world.other_centre).update(name=UNIT)
    world.other_centre.refresh_from_db()
    contest = make_contest(world.dept)
    entry = make_entry(
        contest,
        world.other_centre,
        title=f"Chị {SUBJECT.upper()}, người mẹ của {UNIT.lower()}",
        authors=AUTHOR,
        subject_name=SUBJECT,
        text=(
            f"TÁC GIẢ: {AUTHOR.upper()}\n{UNIT}\n\n"
            f"Chị {blind.fold(SUBJECT)} đến {UNIT.upper()} năm 2005. "
            f"Tôi, nguyen  van bao, viết bài này. " * 3
        ),
    )
    rnd = contest.rounds.get(number=1)
    RoundEntry.objects.create(round=rnd, entry=entry)
    judge = make_judge("giamkhaoan", world.dept)
    services.panel_add(actor=None, contest=contest, judge=judge)
    return Assignment.objects.create(round=rnd, entry=entry, judge=judge)


def _leaked(body: str) -> list[str]:
    folded = blind.fold(" ".join(body.split()))
    return [n for n in ("nguyen van bao", "bich lien", "bao tro xa hoi 1") if n in folded]


@pytest.mark.django_db
def test_the_judges_pages_show_no_name(client, sheet):
    client.force_login(sheet.judge)
    page = client.get(reverse("contests:judge_sheet", args=[sheet.uuid]))
    assert page.status_code == 200
    body = page.content.decode()
    assert _leaked(body) == []
    assert "viết bài này" in body
    home = client.get(reverse("contests:judge_home")).content.decode()
    assert _leaked(home) == [] and sheet.entry.code in home


@pytest.mark.django_db
def test_the_blind_documents_show_no_name(sheet):
    rnd = sheet.round
    entries = list(Entry.objects.filter(pk=sheet.entry_id))
    shown = exports.blind_entries(entries)
    assert _leaked(str(shown)) == []
    import io

    from docx import Document

    document = Document(io.BytesIO(exports.blind_docx(rnd, entries)))
    assert _leaked("\n".join(p.text for p in document.paragraphs)) == []


@pytest.mark.django_db
def test_a_judge_sees_no_text_when_the_check_fails(client, sheet, monkeypatch):
    monkeypatch.setattr(blind, "hide_names", lambda text, names: text)
    client.force_login(sheet.judge)
    body = client.get(reverse("contests:judge_sheet", args=[sheet.uuid])).content.decode()
    assert _leaked(body) == []
    assert "bị giữ lại" in body
    assert "bị giữ lại" in str(exports.blind_entries([sheet.entry]))


@pytest.mark.django_db
def test_a_former_name_of_the_unit_is_hidden_too(sheet):
    entry = sheet.entry
    UnitName.objects.create(
        unit=entry.unit, name="Trung tâm Nuôi dưỡng Ba Vì", valid_from="2001-01-01"
    )
    entry.text = "Trung tâm nuôi dưỡng Ba Vì, nay đã đổi tên. " * 5
    shown = blind.blind_entry(entry)
    assert "ba vi" not in blind.fold(shown["text"])

"""Entries against the rules, closing rounds, replacing a judge, commending authors."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from guongsang.contests import services
from guongsang.contests.models import (
    Assignment,
    AssignmentStatus,
    EntryStatus,
    Level,
    RoundEntry,
)
from guongsang.contests.tests.factories import judged_contest, make_contest, make_entry

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _docx(text: str) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in text.split("\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_count_is_checked_against_the_rules_before_submission(world):
    contest = make_contest(world.dept, min_words=50, max_words=60)
    entry = services.entry_create(
        actor=world.officer,
        contest=contest,
        unit=world.centre,
        title="Bài ngắn",
        authors="Nguyễn An",
        subject_name="Lê Thị Bích Liên",
        text="Quá ngắn.",
    )
    with pytest.raises(ValidationError, match="ít hơn mức tối thiểu 50 chữ"):
        services.entry_submit(actor=world.officer, entry=entry)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DRAFT and entry.code == ""


def test_docx_upload_is_read_and_a_renamed_file_is_refused(world):
    contest = make_contest(world.dept, min_words=5)
    upload = SimpleUploadedFile(
        "bai.docx", _docx("Tác giả: Nguyễn An\nNgười mẹ của làng trẻ mồ côi")
    )
    entry = services.entry_create(
        actor=world.officer,
        contest=contest,
        unit=world.centre,
        title="Bài Word",
        authors="Nguyễn An",
        subject_name="Chị Liên",
        upload=upload,
    )
    assert "Người mẹ của làng trẻ mồ côi" in entry.text and entry.word_count == 11
    assert entry.source_file.endswith(".docx")
    fake = SimpleUploadedFile("bai.docx", b"MZ\x90\x00 not a word file")
    with pytest.raises(ValidationError, match="không phải PDF, DOCX"):
        services.entry_update(actor=world.officer, entry=entry, upload=fake)


def test_strip_byline_removes_the_author_line_and_name():
    text = "Tác giả: Nguyễn Văn An\n\nChị Liên kể: Nguyễn Văn An đã giúp tôi.\nĐoạn hai."
    cleaned = services.strip_byline(text, "Nguyễn Văn An")
    assert cleaned.startswith("Chị Liên kể") and "Nguyễn Văn An" not in cleaned
    assert services.strip_byline("NGUYEN VAN AN\nNội dung", "Nguyễn Văn An") == "Nội dung"


@override_settings(TASKS=IMMEDIATE)
def test_submission_gives_a_code_enters_round_one_and_runs_the_duplicate_check(
    world, django_capture_on_commit_callbacks
):
    contest = make_contest(world.dept)
    entry = make_entry(contest, world.centre, status=EntryStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_submit(actor=world.officer, entry=entry)
    entry.refresh_from_db()
    assert entry.code == f"{contest.year % 100:02d}-001" and entry.status == EntryStatus.SUBMITTED
    assert RoundEntry.objects.filter(entry=entry, round__number=1).exists()
    assert entry.duplicate_checked_at is not None


def _scored_round(world, totals: dict[str, tuple[int, int]], *, advance: int = 2):
    """Entries scored by two judges: {title: (judge0 score, judge1 score)} on criterion 1."""
    contest, judges = judged_contest(world)
    services.round_add(actor=None, contest=contest, name="Chung khảo", level=Level.CITY)
    rnd = contest.rounds.get(number=1)
    rnd.advance_count = advance
    rnd.save()
    c1, c2 = contest.criteria.all()
    entries = {}
    for title, (s1, s2) in totals.items():
        entry = make_entry(contest, world.other_centre, title=title, code=title)
        RoundEntry.objects.create(round=rnd, entry=entry)
        entries[title] = entry
        for judge, score in zip(judges[1:], (s1, s2), strict=True):
            sheet = Assignment.objects.create(round=rnd, entry=entry, judge=judge)
            services.score_save(
                actor=judge, assignment=sheet, values={c1.pk: score, c2.pk: score}, submit=True
            )
    return contest, rnd, entries, judges


def test_closing_a_round_sends_the_best_n_to_the_next_round(world):
    contest, rnd, entries, _ = _scored_round(
        world, {"A": (9, 9), "B": (8, 7), "C": (6, 6), "D": (5, 4)}
    )
    chosen = services.round_close(actor=world.secretariat, round=rnd)
    assert {e.title for e in chosen} == {"A", "B"}
    ranks = dict(RoundEntry.objects.filter(round=rnd).values_list("entry__title", "rank"))
    assert ranks == {"A": 1, "B": 2, "C": 3, "D": 4}
    final = contest.rounds.get(number=2)
    assert set(final.round_entries.values_list("entry__title", flat=True)) == {"A", "B"}
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.round_close(actor=world.secretariat, round=rnd)


def test_a_tie_at_the_cut_needs_the_secretariats_choice_with_a_reason(world):
    _, rnd, entries, _ = _scored_round(world, {"A": (9, 9), "B": (7, 7), "C": (7, 7), "D": (5, 4)})
    with pytest.raises(ValidationError, match="đồng hạng"):
        services.round_close(actor=world.secretariat, round=rnd)
    with pytest.raises(ValidationError, match="lý do"):
        services.round_close(
            actor=world.secretariat, round=rnd, chosen=[entries["A"], entries["C"]]
        )
    services.round_close(
        actor=world.secretariat,
        round=rnd,
        chosen=[entries["A"], entries["C"]],
        reason="Bài C có nhân vật tiêu biểu hơn",
    )
    advanced = RoundEntry.objects.get(round=rnd, entry=entries["C"])
    assert advanced.advanced and advanced.choice_reason == "Bài C có nhân vật tiêu biểu hơn"
    assert not RoundEntry.objects.get(round=rnd, entry=entries["B"]).advanced


def test_replacing_a_judge_keeps_their_scores_and_reassigns_the_rest(world):
    contest, judges = judged_contest(world)
    from guongsang.contests.tests.factories import make_judge

    leaving, other = judges[1], judges[2]
    rnd = contest.rounds.get(number=1)
    c1, c2 = contest.criteria.all()
    done, half = (make_entry(contest, world.other_centre, code=c) for c in ("24-001", "24-002"))
    for entry in (done, half):
        RoundEntry.objects.create(round=rnd, entry=entry)
    s_done = Assignment.objects.create(round=rnd, entry=done, judge=leaving)
    s_half = Assignment.objects.create(round=rnd, entry=half, judge=leaving)
    services.score_save(actor=leaving, assignment=s_done, values={c1.pk: 8, c2.pk: 6}, submit=True)
    services.score_save(actor=leaving, assignment=s_half, values={c1.pk: 5})
    newcomer = make_judge("gkmoi", world.dept)
    moved = services.judge_replace(
        actor=world.secretariat,
        contest=contest,
        judge=leaving,
        replacement=newcomer,
        reason="Ốm dài ngày",
    )
    assert moved == 1
    s_done.refresh_from_db()
    s_half.refresh_from_db()
    assert s_done.status == AssignmentStatus.SUBMITTED  # still counts
    assert s_half.status == AssignmentStatus.WITHDRAWN and s_half.scores.get().value == Decimal("5")
    assert Assignment.objects.get(entry=half, judge=newcomer).status == AssignmentStatus.PENDING
    rows = services.round_rows(rnd)
    assert rows == [(done.pk, leaving.pk, pytest.approx(7.2))]
    assert not contest.panel.get(judge=leaving).active and other.pk != newcomer.pk


def test_commending_authors_drafts_one_decision_whose_signing_records_the_awards(world, titles):
    import datetime as dt

    from django.core.exceptions import PermissionDenied

    from guongsang.accounts.tests.factories import make_user
    from guongsang.awards.models import Award
    from guongsang.contests.models import Commendation
    from guongsang.core.roles import Role
    from guongsang.decisions.services import decision_sign
    from guongsang.nominations.models import State, Track

    contest = make_contest(world.dept, year=2023)
    first = make_entry(contest, world.centre, code="23-001", author_person=world.person)
    second = make_entry(
        contest, world.other_centre, code="23-002", author_person=world.other_person
    )
    rnd = contest.rounds.get(number=1)
    RoundEntry.objects.create(round=rnd, entry=first, rank=1, advanced=True)
    RoundEntry.objects.create(round=rnd, entry=second, rank=2, advanced=True)
    rnd.closed_at = dt.datetime(2023, 10, 1, tzinfo=dt.UTC)
    rnd.save(update_fields=["closed_at"])
    with pytest.raises(PermissionDenied):  # only the organiser's secretariat proposes
        services.authors_commend(actor=world.officer, entries=[first], note="x")

    draft = services.authors_commend(
        actor=world.secretariat,
        entries=[first, second],
        note="Giải Nhất cuộc thi viết 2023",
        decision_date=dt.date(2023, 12, 20),
    )
    assert not draft.is_signed and draft.authority == world.dept and draft.year == 2023
    assert draft.recipients.count() == 2 and not Award.objects.exists()
    made = list(Commendation.objects.select_related("dossier", "recipient").order_by("pk"))
    assert [c.entry for c in made] == [first, second]
    for c in made:
        assert c.recipient.decision_id == draft.pk and c.recipient.dossier_id == c.dossier_id
        assert c.dossier.state == State.RECOMMENDED and c.dossier.track == Track.AD_HOC
        assert c.dossier.level_unit == world.dept and c.award is None
        assert "xếp thứ" in c.dossier.summary and contest.name in c.dossier.summary
    events = dict(made[0].dossier.events.values_list("action", "reason"))
    assert "Ban Giám khảo" in events["to_council"] and "23-001" in events["recommend"]
    with pytest.raises(ValidationError, match="đã được đề nghị khen"):
        services.authors_commend(actor=world.secretariat, entries=[first], note="x")

    director = make_user("giamdoc", role=Role.SIGNER, unit=world.dept)
    signed = decision_sign(
        actor=director, decision=draft, on=dt.date(2023, 12, 20), signer_name="Bạch Liên Hương"
    )
    assert signed.full_number == f"{signed.number}/QĐ-SLĐTBXH"
    awards = Award.objects.order_by("person__full_name")
    assert awards.count() == 2
    for award in awards:
        assert award.title.code == "giay-khen-giam-doc-so" and award.year == 2023
        assert award.decision_number == signed.full_number
        assert award.decision_date == dt.date(2023, 12, 20)
    for c in Commendation.objects.all():
        assert c.award.decision_number == signed.full_number and c.decision == signed
        assert c.dossier.state == State.DECIDED
    orphan = make_entry(contest, world.centre, code="23-003")
    with pytest.raises(ValidationError, match="chưa liên kết tác giả"):
        services.authors_commend(actor=world.secretariat, entries=[orphan], note="x")


def test_a_declared_conflict_withdraws_the_sheets_and_blocks_assignment(world):
    contest, judges = judged_contest(world)
    judge = judges[1]
    rnd = contest.rounds.get(number=1)
    entry = make_entry(contest, world.other_centre)
    RoundEntry.objects.create(round=rnd, entry=entry)
    sheet = services.assignment_add(actor=None, round=rnd, entry=entry, judge=judge)
    services.conflict_declare(
        actor=world.secretariat,
        contest=contest,
        judge=judge,
        unit=world.other_centre,
        reason="Vợ công tác tại đơn vị",
    )
    sheet.refresh_from_db()
    assert sheet.status == AssignmentStatus.WITHDRAWN
    with pytest.raises(ValidationError, match="xung đột lợi ích"):
        services.assignment_add(actor=None, round=rnd, entry=entry, judge=judge)
    services.assign_auto(actor=None, round=rnd, per_entry=2)
    assert (
        not Assignment.objects.filter(entry=entry, judge=judge)
        .exclude(status=AssignmentStatus.WITHDRAWN)
        .exists()
    )


def test_auto_assignment_fills_every_entry_and_brings_a_withdrawn_judge_back(world):
    contest, judges = judged_contest(world)
    rnd = contest.rounds.get(number=1)
    entries = [make_entry(contest, world.other_centre, code=f"24-00{n}") for n in (1, 2, 3)]
    for entry in entries:
        RoundEntry.objects.create(round=rnd, entry=entry)
    live = services.assignment_add(actor=None, round=rnd, entry=entries[1], judge=judges[0])
    moved = services.assignment_add(actor=None, round=rnd, entry=entries[0], judge=judges[2])
    Assignment.objects.filter(pk=moved.pk).update(status=AssignmentStatus.WITHDRAWN)

    made = services.assign_auto(actor=None, round=rnd, per_entry=3)

    # 3 entries x 3 judges, no conflict (other_centre): 9 live sheets, one of which was live
    # already; the withdrawn one comes back as it is, not as a second row.
    assert made == 3 * 3 - 1
    rows = Assignment.objects.filter(round=rnd)
    assert rows.count() == 9
    assert set(rows.values_list("status", flat=True)) == {AssignmentStatus.PENDING}
    assert {(a.entry_id, a.judge_id) for a in rows} == {
        (e.pk, j.pk) for e in entries for j in judges
    }
    moved.refresh_from_db()
    live.refresh_from_db()
    assert moved.status == AssignmentStatus.PENDING and live.status == AssignmentStatus.PENDING

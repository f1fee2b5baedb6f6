"""The checks of a dossier that need no database: what is missing, the wrong target, the
deadline, the nominee's filter. Each dossier is built in the test, unsaved, with only the fields
the check reads, and each expected finding is written out by hand."""

import datetime as dt

from django.utils import timezone

from guongsang.catalogue.models import Target, Title
from guongsang.movements.models import Movement
from guongsang.nominations.eligibility import (
    Finding,
    _deadline,
    _missing,
    _submitted_on,
    blocking,
)
from guongsang.nominations.models import Dossier, FileKind, State, Track

MINUTES_AND_REPORT = {FileKind.MINUTES, FileKind.REPORT}


def _dossier(target=Target.INDIVIDUAL, collective=False, **fields) -> Dossier:
    title = Title(name="Lao động tiên tiến", target=target)
    values = {
        "summary": "Tóm tắt",
        "report": "Báo cáo",
        "track": Track.YEARLY,
        "votes_yes": 9,
        "votes_total": 10,
        "person_id": None if collective else 7,
        "nominee_unit_id": 3 if collective else None,
        **fields,
    }
    return Dossier(title=title, **values)


def _codes_and_messages(found: list[Finding]) -> list[tuple[str, str, bool]]:
    return [(f.code, f.message, f.blocking) for f in found]


def test_a_complete_dossier_misses_nothing():
    assert _missing(_dossier(), MINUTES_AND_REPORT) == []
    assert _missing(_dossier(report=""), MINUTES_AND_REPORT) == []  # the report is a file


def test_each_missing_part_is_named():
    found = _missing(_dossier(summary="  ", report=" ", votes_yes=None), {FileKind.EVIDENCE})
    assert _codes_and_messages(found) == [
        ("missing", "Chưa có tóm tắt thành tích.", True),
        ("missing", "Chưa có báo cáo thành tích (nhập nội dung hoặc tải tệp DOCX/PDF).", True),
        ("missing", "Chưa có biên bản họp xét của đơn vị.", True),
        ("missing", "Chưa ghi kết quả bỏ phiếu của cuộc họp xét.", True),
    ]
    found = _missing(_dossier(votes_total=None), MINUTES_AND_REPORT)
    assert _codes_and_messages(found) == [
        ("missing", "Chưa ghi kết quả bỏ phiếu của cuộc họp xét.", True)
    ]


def test_an_ad_hoc_dossier_needs_no_meeting():
    dossier = _dossier(track=Track.AD_HOC, votes_yes=None, votes_total=None)
    assert _missing(dossier, {FileKind.REPORT}) == []


def test_a_title_for_the_other_target_is_refused():
    found = _missing(_dossier(target=Target.COLLECTIVE), MINUTES_AND_REPORT)
    assert _codes_and_messages(found) == [
        ("target", "“Lao động tiên tiến” là tập thể, không đúng đối tượng.", True)
    ]
    found = _missing(_dossier(target=Target.INDIVIDUAL, collective=True), MINUTES_AND_REPORT)
    assert _codes_and_messages(found) == [
        ("target", "“Lao động tiên tiến” là cá nhân, không đúng đối tượng.", True)
    ]
    assert _missing(_dossier(target=Target.COLLECTIVE, collective=True), MINUTES_AND_REPORT) == []
    for collective in (False, True):
        assert (
            _missing(_dossier(target=Target.BOTH, collective=collective), MINUTES_AND_REPORT) == []
        )


def _movement(deadline) -> Movement:
    return Movement(name="Người tốt, việc tốt 2024", nomination_deadline=deadline)


def test_a_draft_counts_as_sent_today_against_the_deadline():
    today = timezone.localdate()
    assert _submitted_on(_dossier(state=State.DRAFT)) == today
    assert _submitted_on(_dossier(state=State.RETURNED)) == today
    assert _submitted_on(_dossier(state=State.SUBMITTED)) == today  # unsaved: not sent yet
    # A saved draft or returned dossier is not looked up either (no database in this test).
    assert _submitted_on(_dossier(pk=5, state=State.DRAFT)) == today
    assert _submitted_on(_dossier(pk=5, state=State.RETURNED)) == today
    # Due today: still in time; due yesterday: late.
    assert _deadline(_dossier(movement=_movement(today))) == []
    late = _deadline(_dossier(movement=_movement(today - dt.timedelta(days=1))))
    yesterday = (today - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    assert _codes_and_messages(late) == [
        (
            "deadline",
            "Đã quá hạn nộp hồ sơ của phong trào “Người tốt, việc tốt 2024” "
            f"(hạn cuối: {yesterday}).",
            True,
        )
    ]


def test_no_deadline_no_finding():
    assert _deadline(_dossier()) == []
    assert _deadline(_dossier(movement=_movement(None))) == []


def test_only_blocking_findings_block():
    stop, note = Finding("quota", "a"), Finding("double_award", "b", blocking=False)
    assert blocking([note, stop, note]) == [stop]

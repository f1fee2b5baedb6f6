"""A cluster's year: criteria, self- and cross-scores, ranking, summary, proposal, Excel."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from guongsang.catalogue.models import Title
from guongsang.clusters import exports, services
from guongsang.clusters.models import Score
from guongsang.clusters.selectors import ranking
from guongsang.clusters.tests.factories import cluster_of_three
from guongsang.nominations.models import Dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]

# points[scorer][scored] = (criterion 1, criterion 2), each out of 50
POINTS = {
    "A": {"A": (45, 45), "B": (44, 41), "C": (35, 36)},
    "B": {"A": (40, 42), "B": (48, 47), "C": (37, 36)},
    "C": {"A": (38, 40), "B": (43, 44), "C": (50, 50)},
}


@pytest.fixture
def cluster_year(world):
    cluster, units = cluster_of_three(world)
    scoring = services.round_open(
        actor=world.admin,
        cluster=cluster,
        year=2024,
        criteria=[
            ("Thực hiện nhiệm vụ chính trị", Decimal(50)),
            ("Phong trào thi đua", Decimal(50)),
        ],
    )
    return scoring, units


def _enter_all(world, scoring, units):
    first, second = scoring.criteria.all()
    for scorer, row in POINTS.items():
        for scored, (p1, p2) in row.items():
            services.scores_enter(
                actor=world.admin,
                scoring=scoring,
                scorer=units[scorer],
                scored=units[scored],
                points={first.pk: Decimal(p1), second.pk: Decimal(p2)},
            )


def test_the_ranking_is_by_the_average_of_the_other_members_scores(world, cluster_year):
    scoring, units = cluster_year
    _enter_all(world, scoring, units)

    def cross_average(key):
        totals = [sum(POINTS[s][key]) for s in POINTS if s != key]
        return Decimal(sum(totals)) / len(totals)

    expected = sorted("ABC", key=cross_average, reverse=True)  # B 86, A 80, C 72
    rows = ranking(scoring)
    assert [r.unit for r in rows] == [units[k] for k in expected]
    assert [r.rank for r in rows] == [1, 2, 3]
    for row, key in zip(rows, expected, strict=True):
        assert row.average == cross_average(key)
        assert row.self_total == sum(POINTS[key][key])
        assert row.missing == 0
    # C gave itself the most points (100) and still ranks last: self-scores do not rank.
    assert rows[-1].self_total == max(r.self_total for r in rows)


def test_equal_averages_share_a_rank(world, cluster_year):
    scoring, units = cluster_year
    first, second = scoring.criteria.all()
    for scorer in "ABC":
        for scored in "ABC":
            services.scores_enter(
                actor=world.admin,
                scoring=scoring,
                scorer=units[scorer],
                scored=units[scored],
                points={first.pk: Decimal(40), second.pk: Decimal(30 if scored == "C" else 40)},
            )
    assert [r.rank for r in ranking(scoring)] == [1, 1, 3]


def test_a_score_above_the_criterions_maximum_is_refused_and_nothing_written(world, cluster_year):
    scoring, units = cluster_year
    first, second = scoring.criteria.all()
    with pytest.raises(ValidationError, match="phải từ 0 đến 50"):
        services.scores_enter(
            actor=world.admin,
            scoring=scoring,
            scorer=units["A"],
            scored=units["B"],
            points={first.pk: Decimal(30), second.pk: Decimal("50.5")},
        )
    assert not Score.objects.exists()


def test_a_unit_outside_the_cluster_cannot_score(world, cluster_year):
    scoring, units = cluster_year
    first, _second = scoring.criteria.all()
    with pytest.raises(ValidationError, match="không thuộc Cụm thi đua số 7"):
        services.scores_enter(
            actor=world.admin,
            scoring=scoring,
            scorer=world.centre,
            scored=units["B"],
            points={first.pk: Decimal(30)},
        )


def test_the_summary_waits_for_every_score_then_closes_the_year(world, cluster_year):
    scoring, units = cluster_year
    with pytest.raises(ValidationError, match=r"Chưa đủ điểm để tổng hợp \(0/18 ô điểm\)"):
        services.round_close(actor=world.admin, scoring=scoring, summary="Cụm hoàn thành tốt.")
    _enter_all(world, scoring, units)
    services.round_close(actor=world.admin, scoring=scoring, summary="Cụm hoàn thành tốt.")
    scoring.refresh_from_db()
    assert scoring.state == "closed"
    first, _second = scoring.criteria.all()
    with pytest.raises(ValidationError, match="đã tổng hợp"):
        services.scores_enter(
            actor=world.admin,
            scoring=scoring,
            scorer=units["A"],
            scored=units["B"],
            points={first.pk: Decimal(1)},
        )


def test_the_leading_unit_is_proposed_to_the_city_as_a_dossier(world, cluster_year):
    scoring, units = cluster_year
    _enter_all(world, scoring, units)
    services.round_close(actor=world.admin, scoring=scoring, summary="Cụm hoàn thành tốt.")
    titles = {t.code: t for t in Title.objects.filter(code__in=services.PROPOSABLE_TITLES)}
    flag, bang_khen = titles[services.FLAG], titles["bang-khen-chu-tich-ubnd-thanh-pho"]
    with pytest.raises(ValidationError, match="xếp thứ 2"):
        services.proposal_make(actor=world.admin, scoring=scoring, unit=units["A"], title=flag)
    proposal = services.proposal_make(
        actor=world.admin, scoring=scoring, unit=units["B"], title=flag
    )
    dossier = Dossier.objects.get(pk=proposal.dossier_id)
    assert (dossier.unit, dossier.nominee_unit, dossier.title, dossier.year) == (
        world.city,
        units["B"],
        flag,
        2024,
    )
    assert "Xếp thứ 1 trong Cụm thi đua số 7 năm 2024 với 86,00 điểm" in dossier.summary
    second = services.proposal_make(
        actor=world.admin, scoring=scoring, unit=units["A"], title=bang_khen
    )
    assert second.rank == 2


def test_the_workbook_carries_the_scores_out_and_back_in(world, cluster_year):
    scoring, units = cluster_year
    _enter_all(world, scoring, units)
    data = exports.round_xlsx(scoring)
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    ranked = list(workbook["Xếp hạng"].iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[2]) for r in ranked] == [
        (1, "Sở Y tế"),
        (2, units["A"].name),
        (3, "Sở Giáo dục và Đào tạo"),
    ]
    rows = exports.read_scores(data)
    assert len(rows) == 18
    # Edit one score in the workbook (C gives A 10 + 10 instead of 38 + 40) and bring it back.
    sheet = workbook[exports.SCORE_SHEET]
    for line in sheet.iter_rows(min_row=2):
        if line[0].value == units["C"].code and line[1].value == units["A"].code:
            line[3].value = 10
    out = io.BytesIO()
    workbook.save(out)
    services.scores_import(
        actor=world.admin, scoring=scoring, rows=exports.read_scores(out.getvalue())
    )
    row_a = next(r for r in ranking(scoring) if r.unit == units["A"])
    assert row_a.average == Decimal(sum(POINTS["B"]["A"]) + 20) / 2


def test_a_workbook_without_the_score_sheet_is_refused(world, cluster_year):
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    with pytest.raises(ValidationError, match="Không có trang “Bảng điểm”"):
        exports.read_scores(out.getvalue())

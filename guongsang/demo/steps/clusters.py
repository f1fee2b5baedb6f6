"""Cluster no. 7's scoring of last year: criteria, self- and cross-scores, the leader's
summary, and the proposal of the leading unit to the city (a Cờ thi đua dossier)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from guongsang.catalogue.models import Title
from guongsang.clusters import services
from guongsang.clusters.selectors import ranking
from guongsang.demo import facts
from guongsang.demo.context import DemoContext
from guongsang.org.models import Cluster

CRITERIA = (
    ("Thực hiện nhiệm vụ chính trị, chỉ tiêu kinh tế - xã hội được giao", Decimal(40)),
    ("Tổ chức phong trào thi đua, nhân rộng điển hình tiên tiến", Decimal(20)),
    ("Công tác khen thưởng và tuyên truyền", Decimal(15)),
    ("Cải cách hành chính, chuyển đổi số", Decimal(15)),
    ("Xây dựng tổ chức Đảng, đoàn thể vững mạnh", Decimal(10)),
)
# Points a member gives, as a share (‰) of each criterion's maximum, by the scored unit.
# The department leads on every card; each member rates itself a little higher.
LEVEL = {facts.DEPARTMENT: 950, "so-y-te": 920, "so-gd-dt": 900, "so-vh-tt": 870}
SELF_BONUS = 20  # ‰
NUDGE = (0, 10, -10, 5, -5)  # ‰ by criterion, so the cards differ a little
SUMMARY = (
    "Năm {year}, các thành viên Cụm thi đua số 7 hoàn thành và vượt các chỉ tiêu được giao; "
    "tổ chức ký kết giao ước thi đua đầu năm, kiểm tra chéo giữa năm và chấm điểm cuối năm. "
    "Kết quả chấm chéo: {leader} dẫn đầu cụm, được đề nghị UBND Thành phố tặng Cờ thi đua."
)


def _points(criterion_max: Decimal, scored: str, own: bool, index: int) -> Decimal:
    share = LEVEL[scored] + (SELF_BONUS if own else 0) + NUDGE[index % len(NUDGE)]
    share = min(share, 1000)
    return (criterion_max * share / 1000).quantize(Decimal("0.25"))


def seed() -> dict[str, int]:
    year = timezone.localdate().year - 1
    cluster = Cluster.objects.get(number=facts.CLUSTER_NUMBER, organiser__code=facts.CITY)
    scoring = services.round_open(actor=None, cluster=cluster, year=year, criteria=CRITERIA)
    criteria = list(scoring.criteria.all())
    members = [m.unit for m in cluster.memberships.select_related("unit")]
    for scorer in members:
        for scored in members:
            services.scores_enter(
                actor=None,
                scoring=scoring,
                scorer=scorer,
                scored=scored,
                points={
                    c.pk: _points(c.max_points, scored.code, scorer == scored, i + scorer.pk)
                    for i, c in enumerate(criteria)
                },
            )
    leader = ranking(scoring)[0].unit
    services.round_close(
        actor=None, scoring=scoring, summary=SUMMARY.format(year=year, leader=leader.name)
    )
    flag = Title.objects.get(code=services.FLAG)
    services.proposal_make(actor=None, scoring=scoring, unit=leader, title=flag)
    return {"cluster_scores": len(members) ** 2 * len(criteria)}


def step(ctx: DemoContext) -> None:
    ctx.made.update(seed())

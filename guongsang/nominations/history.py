"""A nominee's history, read once per check: awards on record and the other dossiers."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q

from guongsang.awards.models import Award
from guongsang.catalogue.models import Prerequisite
from guongsang.nominations.models import LIVE_STATES, Dossier, State


def same_proposal_ids(dossier: Dossier) -> set[int]:
    """The dossier and the ones it was forwarded from or to: one proposal at several levels."""
    if not dossier.pk:
        return set()
    ids = {dossier.pk}
    below = dossier.forwarded_from_id
    while below is not None and below not in ids:
        ids.add(below)
        below = Dossier.objects.filter(pk=below).values_list("forwarded_from_id", flat=True)[0]
    # Only a forwarded dossier has a copy at the level above.
    frontier = {dossier.pk} if dossier.state == State.FORWARDED else set()
    while frontier:
        above = set(
            Dossier.objects.filter(forwarded_from__in=frontier).values_list("pk", flat=True)
        )
        frontier = above - ids
        ids |= frontier
    return ids


@dataclass
class History:
    dossier: Dossier
    own: set[int] = field(init=False)

    def __post_init__(self) -> None:
        self.own = same_proposal_ids(self.dossier)

    @cached_property
    def awards(self) -> list[Award]:
        """Awards on record (not revoked) of the nominee, less the award this very proposal
        produced once decided: a decided dossier is not its own duplicate."""
        awards = Award.objects.filter(revoked_on=None).select_related("title")
        if self.own:
            awards = awards.exclude(decision_line__dossier__in=self.own)
        if self.dossier.person_id:
            awards = awards.filter(person_id=self.dossier.person_id)
        else:
            awards = awards.filter(unit=self.dossier.nominee_unit_id, person=None)
        return list(awards.order_by("year", "pk"))

    @cached_property
    def dossiers(self) -> list[Dossier]:
        """The nominee's other dossiers, every state, oldest first."""
        d = self.dossier
        qs = Dossier.objects.select_related("title", "unit").exclude(pk__in=self.own or {0})
        if d.person_id:
            qs = qs.filter(person_id=d.person_id)
        else:
            qs = qs.filter(nominee_unit_id=d.nominee_unit_id)
        return list(qs.order_by("created_at", "pk"))

    @cached_property
    def _links(self) -> list[Prerequisite]:
        """The catalogue's prerequisites that name this title, either way (one query)."""
        title_id = self.dossier.title_id
        return list(
            Prerequisite.objects.filter(Q(title_id=title_id) | Q(required_id=title_id))
            .select_related("required")
            .order_by("pk")
        )

    @property
    def prerequisites(self) -> list[Prerequisite]:
        return [p for p in self._links if p.title_id == self.dossier.title_id]

    @property
    def linked_titles(self) -> set[int]:
        """Titles that go with this one by a prerequisite (Lao động tiên tiến and Chiến sĩ thi
        đua cơ sở of one year): holding both is the rule, not a repeated award."""
        return {p.required_id for p in self._links} | {p.title_id for p in self._links}

    def live(self) -> list[Dossier]:
        return [o for o in self.dossiers if o.state in LIVE_STATES]

    def award_years(self, title_id: int) -> set[int]:
        return {a.year for a in self.awards if a.title_id == title_id}

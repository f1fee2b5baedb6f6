"""How a decision and a submission name what they confer, as officers write them (Decree
30/2020 and the usage of the emulation law): a title (danh hiệu thi đua) is recognised —
"Công nhận danh hiệu “Lao động tiên tiến”" — and a form (hình thức khen thưởng) is given —
"Tặng Giấy khen của Giám đốc Sở", with no quotes around a form."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from guongsang.catalogue.models import AwardKind, Title


def quoted(name: str) -> str:
    """A title's name in quotes ("“Người tốt, việc tốt” cấp cơ sở" already has them)."""
    return name if "“" in name else f"“{name}”"


def _names(titles: Iterable[Title], kind: str) -> list[str]:
    chosen = sorted({t for t in titles if t.kind == kind}, key=lambda t: (t.order, t.name))
    if kind == AwardKind.TITLE:
        return [quoted(t.name) for t in chosen]
    return [t.name.replace("“", "").replace("”", "") for t in chosen]


def conferring(titles: Iterable[Title], *, verb_title: str = "", verb_form: str = "") -> str:
    """ "công nhận danh hiệu “Lao động tiên tiến” và tặng Giấy khen của Giám đốc Sở"."""
    titles = list(titles)
    parts = []
    names = _names(titles, AwardKind.TITLE)
    if names:
        parts.append(f"{verb_title or _('công nhận danh hiệu')} {', '.join(names)}")
    names = _names(titles, AwardKind.FORM)
    if names:
        parts.append(f"{verb_form or _('tặng')} {', '.join(names)}")
    return str(_(" và ")).join(parts)


def who(count_people: int, count_units: int) -> str:
    parts = []
    if count_units:
        parts.append(_("%(n)s tập thể") % {"n": count_units})
    if count_people:
        parts.append(_("%(n)s cá nhân") % {"n": count_people})
    return str(_(" và ")).join(parts)


def summary(titles: Iterable[Title], year: int) -> str:
    """ "Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2024"."""
    return _("Về việc %(what)s năm %(year)s") % {"what": conferring(titles), "year": year}


def first_article(rows: Sequence[Any]) -> str:
    """Điều 1: one clause for the titles, one for the forms, each with its own count."""
    clauses = []
    for kind in (AwardKind.TITLE, AwardKind.FORM):
        mine = [d for d in rows if d.title.kind == kind]
        if not mine:
            continue
        people = sum(1 for d in mine if d.person_id)
        whom = who(people, len(mine) - people)
        what = conferring([d.title for d in mine])
        clauses.append(_("%(what)s cho %(who)s") % {"what": what, "who": whom})
    text = "; ".join(clauses)
    return _("%(text)s đã có thành tích tiêu biểu (có danh sách kèm theo).") % {
        "text": text[:1].upper() + text[1:]
    }


def proposing(titles: Iterable[Title]) -> str:
    """ "đề nghị công nhận danh hiệu “Chiến sĩ thi đua cấp Thành phố” và tặng Bằng khen …"."""
    return _("đề nghị %(what)s") % {"what": conferring(titles)}

"""The independent check of an encrypted council vote: from the election record alone (the JSON
the bulletin board publishes), recompute every proof, the sums and the decryption, and compare
with the published result and the legal threshold.

It reads nothing from the database: `manage.py verify_tally --record file.json` runs it on a
downloaded file, `manage.py verify_tally SESSION` on the record built from the database, the
bulletin board's “Kiểm tra” on the record of the page. The arithmetic is council/crypto.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from guongsang.council import crypto
from guongsang.council.services.tally import passes

RECORD_FORMAT = "guongsang/council-election-record/1"
CHOICES = ("yes", "no", "abstain")
GROUPS = ("in_person", "written")
HOLDERS = ("chair", "secretariat")


def ballot_context(session: str, item: str, code: str) -> str:
    return f"{session}|{item}|{code}"


def key_context(session: str, holder: str) -> str:
    return f"{session}|{holder}"


def decrypt_context(session: str, item: str, group: str, index: int, holder: str) -> str:
    return f"{session}|{item}|{group}|{index}|{holder}"


@dataclass
class Report:
    """What the verifier found: `ok` only if nothing failed."""

    problems: list[str] = field(default_factory=list)
    ballots: int = 0
    items: int = 0
    decrypted: bool = False
    counts: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if not self.ok:
            return _("Kiểm tra KHÔNG đạt: %(n)s lỗi. %(first)s") % {
                "n": len(self.problems),
                "first": self.problems[0],
            }
        if self.decrypted:
            return _(
                "Kiểm tra đạt: %(b)s phiếu mã hóa của %(i)s hồ sơ có chứng minh hợp lệ; tổng "
                "các phiếu, phần giải mã của Chủ tịch và Thường trực và kết quả công bố khớp "
                "nhau."
            ) % {"b": self.ballots, "i": self.items}
        return _(
            "Kiểm tra đạt: %(b)s phiếu mã hóa của %(i)s hồ sơ có chứng minh hợp lệ; kết quả "
            "chưa được giải mã."
        ) % {"b": self.ballots, "i": self.items}


def _decimal(text: Any) -> Decimal:
    try:
        return Decimal(str(text))
    except (InvalidOperation, ValueError):
        return Decimal(-1)


def verify_record(record: dict[str, Any], *, require_result: bool = True) -> Report:
    """Check the whole record; with require_result, also that the published counts and
    outcome are those the decryption gives. Never raises on bad input: the problems say."""
    report = Report()
    try:
        _verify(record, report, require_result)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        report.problems.append(_("Hồ sơ kiểm phiếu sai cấu trúc: %(e)s") % {"e": exc})
    return report


def _verify(record: dict[str, Any], report: Report, require_result: bool) -> None:
    """Check an election record step by step in the order of the record's specification (the
    group, the key, each ballot's proofs, the sums, the decryptions, the counts), each
    failure named where it occurs, so that a reader can follow the check against the
    specification line by line."""
    problems = report.problems
    if record.get("format") != RECORD_FORMAT:
        problems.append(_("Không phải hồ sơ kiểm phiếu của hệ thống (định dạng lạ)."))
        return
    group = record["group"]
    if (
        crypto.int_of(group["p"]) != crypto.P
        or crypto.int_of(group["q"]) != crypto.Q
        or crypto.int_of(group["g"]) != crypto.G
    ):
        problems.append(_("Tham số nhóm không phải tham số chuẩn ElectionGuard 2.0."))
        return
    session = record["session"]["uuid"]
    members_total = int(record["session"]["members_total"])
    present_total = int(record["session"]["present_total"])

    # Key shares: one for the chair, one for the secretariat, each with its proof.
    publics: dict[str, int] = {}
    holders_users = []
    for guardian in record["guardians"]:
        holder = guardian["holder"]
        public = crypto.int_of(guardian["public_key"])
        try:
            crypto.verify_knowledge(
                public, crypto.schnorr_from(guardian["proof"]), key_context(session, holder)
            )
        except crypto.ProofError:
            problems.append(_("Chứng minh phần khóa của %(h)s không hợp lệ.") % {"h": holder})
        publics[holder] = public
        holders_users.append(guardian.get("user"))
    if sorted(publics) != sorted(HOLDERS) or len(record["guardians"]) != len(HOLDERS):
        problems.append(_("Khóa phiên họp phải gồm đúng hai phần: Chủ tịch và Thường trực."))
        return
    if len(set(holders_users)) != len(holders_users):
        problems.append(_("Hai phần khóa do cùng một người giữ."))
    key = crypto.joint_key(list(publics.values()))
    if crypto.int_of(record["joint_public_key"]) != key:
        problems.append(_("Khóa công khai của phiên họp không bằng tích các phần khóa."))
        return

    seen: set[str] = set()
    for item in record["items"]:
        report.items += 1
        item_id = item["uuid"]
        label = item.get("dossier", item_id)
        groups: dict[str, list[crypto.Ciphertext]] = {g: [] for g in GROUPS}
        sizes = dict.fromkeys(GROUPS, 0)
        for ballot in item["ballots"]:
            code = ballot["code"]
            if code in seen:
                problems.append(_("Mã phiếu %(c)s xuất hiện hai lần.") % {"c": code})
            seen.add(code)
            report.ballots += 1
            try:
                selection = crypto.selection_from(ballot["selection"])
                crypto.verify_selection(
                    selection, len(CHOICES), key, ballot_context(session, item_id, code)
                )
            except crypto.ProofError:
                problems.append(
                    _(
                        "Phiếu %(c)s (hồ sơ %(d)s): chứng minh không hợp lệ — phiếu bị sửa "
                        "hoặc không phải một lựa chọn hợp lệ."
                    )
                    % {"c": code, "d": label}
                )
                continue
            grp = "written" if ballot["written"] else "in_person"
            sizes[grp] += 1
            for index in range(len(CHOICES)):
                groups[grp].append(selection.ciphertexts[index])
        participants = item.get("participants")
        if participants is not None and [sizes[g] for g in GROUPS] != [
            int(participants[g]) for g in GROUPS
        ]:
            problems.append(
                _("Hồ sơ %(d)s: số phiếu hợp lệ trên bảng tin khác số lượt thành viên đã bỏ phiếu.")
                % {"d": label}
            )
        if sizes["in_person"] > present_total or sum(sizes.values()) > members_total:
            problems.append(_("Hồ sơ %(d)s có nhiều phiếu hơn số thành viên.") % {"d": label})
        report.codes |= {b["code"] for b in item["ballots"]}
        sums = item.get("sums")
        if sums is None:
            continue
        computed: dict[str, dict[str, int]] = {}
        failed_before = len(problems)
        for grp in GROUPS:
            expected = [
                crypto.add(groups[grp][index :: len(CHOICES)]) for index in range(len(CHOICES))
            ]
            published = [crypto.ciphertext_from(ct) for ct in sums[grp]]
            if expected != published:
                problems.append(
                    _("Hồ sơ %(d)s: tổng công bố không bằng tích các phiếu trên bảng tin.")
                    % {"d": label}
                )
                continue
            decryptions = item.get("decryptions") or {}
            if sorted(decryptions) != sorted(HOLDERS):
                continue
            computed[grp] = {}
            for index, choice in enumerate(CHOICES):
                shares = []
                for holder in HOLDERS:
                    part = decryptions[holder][grp][index]
                    share = crypto.int_of(part["share"])
                    try:
                        crypto.verify_partial(
                            published[index],
                            share,
                            crypto.equality_from(part["proof"]),
                            publics[holder],
                            decrypt_context(session, item_id, grp, index, holder),
                        )
                    except crypto.ProofError:
                        problems.append(
                            _("Hồ sơ %(d)s: phần giải mã của %(h)s không có chứng minh hợp lệ.")
                            % {"d": label, "h": holder}
                        )
                    shares.append(share)
                try:
                    computed[grp][choice] = crypto.combine(published[index], shares, sizes[grp])
                except crypto.ProofError:
                    problems.append(_("Hồ sơ %(d)s: giải mã không ra một số phiếu.") % {"d": label})
            if computed.get(grp) and sum(computed[grp].values()) != sizes[grp]:
                problems.append(
                    _("Hồ sơ %(d)s: tổng các lựa chọn không bằng số phiếu.") % {"d": label}
                )
        if len(computed) == len(GROUPS) and all(len(v) == len(CHOICES) for v in computed.values()):
            report.counts[item_id] = computed
            report.decrypted = True
            result = item.get("result")
            if result is not None:
                _check_result(item, computed, result, problems)
            elif require_result:
                problems.append(_("Hồ sơ %(d)s chưa có kết quả công bố.") % {"d": label})
        elif require_result and len(problems) == failed_before:
            problems.append(_("Hồ sơ %(d)s chưa được giải mã.") % {"d": label})


def _check_result(
    item: dict[str, Any],
    computed: dict[str, dict[str, int]],
    result: dict[str, Any],
    problems: list[str],
) -> None:
    label = item.get("dossier", item["uuid"])
    expected = {
        "yes": computed["in_person"]["yes"],
        "no": computed["in_person"]["no"],
        "abstain": computed["in_person"]["abstain"],
        "written_yes": computed["written"]["yes"],
        "written_no": computed["written"]["no"],
        "written_abstain": computed["written"]["abstain"],
    }
    for name, value in expected.items():
        if int(result[name]) != value:
            problems.append(
                _("Hồ sơ %(d)s: kết quả công bố “%(n)s” là %(p)s, giải mã được %(v)s.")
                % {"d": label, "n": name, "p": result[name], "v": value}
            )
    counted = expected["yes"] + (expected["written_yes"] if item["written_counts"] else 0)
    recommended = passes(
        yes=counted,
        base=int(result["base"]),
        threshold=_decimal(item["threshold"]),
        strictly_above=bool(item["strictly_above"]),
    )
    if bool(result["recommended"]) != recommended:
        problems.append(
            _("Hồ sơ %(d)s: kết luận công bố không đúng với ngưỡng %(r)s.")
            % {"d": label, "r": item.get("rule", "")}
        )

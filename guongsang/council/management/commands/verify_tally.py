"""manage.py verify_tally SESSION | --record FILE: the independent check of an encrypted council
vote. Recomputes every ballot's proofs, the sums, the partial decryptions and the published
result from the election record; exits non-zero with the reasons when anything fails."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guongsang.council import verifier
from guongsang.council.models import CouncilSession
from guongsang.council.services import build_record


class Command(BaseCommand):
    help = "Kiểm tra độc lập kết quả bỏ phiếu mã hóa của một phiên họp Hội đồng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("session", nargs="?", help="mã (UUID) của phiên họp")
        parser.add_argument("--record", help="tệp hồ sơ kiểm phiếu (JSON) đã tải về")

    def handle(self, *args: Any, **options: Any) -> None:
        if bool(options["session"]) == bool(options["record"]):
            raise CommandError("Cần đúng một trong hai: mã phiên họp hoặc --record tệp.json.")
        if options["record"]:
            try:
                record = json.loads(Path(options["record"]).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(f"Không đọc được hồ sơ kiểm phiếu: {exc}") from exc
            if not isinstance(record, dict):
                raise CommandError("Hồ sơ kiểm phiếu sai cấu trúc.")
        else:
            try:
                key = uuid.UUID(options["session"])
            except ValueError as exc:
                raise CommandError("Mã phiên họp không hợp lệ.") from exc
            session = CouncilSession.objects.filter(uuid=key).first()
            if session is None:
                raise CommandError("Không có phiên họp này.")
            if not session.encrypted:
                raise CommandError("Phiên họp này không dùng phiếu mã hóa.")
            record = build_record(session)
        report = verifier.verify_record(record)
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"- {problem}")
            raise CommandError(report.summary())
        self.stdout.write(report.summary())

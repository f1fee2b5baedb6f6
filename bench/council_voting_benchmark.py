"""Fifty council members vote at once on every dossier of an agenda; print the throughput of
ballot_cast and the time of the tally (voting_close, which rewrites the ballots).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gs_bench \
        uv run python bench/council_voting_benchmark.py [members] [dossiers]

Runs in a throwaway test database (created and destroyed here), each voter thread on its own
connection, as in production behind several app processes.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def world():
    from guongsang.accounts.tests.factories import make_user
    from guongsang.catalogue.models import BaseSalary, Prerequisite, Title
    from guongsang.catalogue.seed import seed_catalogue
    from guongsang.core.roles import Role
    from guongsang.org.models import UnitType
    from guongsang.org.tests.factories import make_unit

    seed_catalogue(Title, Prerequisite, BaseSalary)

    class W:
        pass

    w = W()
    w.city = make_unit("Thành phố Hà Nội", unit_type=UnitType.CITY)
    w.dept = make_unit("Sở LĐTBXH", parent=w.city, unit_type=UnitType.DEPARTMENT)
    w.centre = make_unit("Trung tâm 1", parent=w.dept)
    w.officer = make_user("canbo", role=Role.UNIT_OFFICER, unit=w.centre)
    w.secretariat = make_user("thuongtruc", role=Role.SECRETARIAT, unit=w.dept)
    return w


def main(members: int, dossiers: int) -> None:
    from guongsang.council import services
    from guongsang.council.models import Choice
    from guongsang.council.tests.factories import (
        accepted_dossier,
        make_council,
        members_of,
        open_session,
    )

    w = world()
    council = make_council(w, members, prefix="bench")
    agenda = [accepted_dossier(w, name=f"Nguyễn Văn Số {i}") for i in range(dossiers)]
    session = open_session(w, council, agenda)
    items = list(session.items.all())
    users = members_of(council)
    barrier = threading.Barrier(len(users))
    choices = [Choice.YES, Choice.YES, Choice.YES, Choice.NO, Choice.ABSTAIN]

    def vote(index: int, user) -> None:
        try:
            barrier.wait()
            for item in items:
                services.ballot_cast(voter=user, item=item, choice=choices[index % 5])
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(i, u)) for i, u in enumerate(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    voting = time.perf_counter() - started
    started = time.perf_counter()
    results = services.voting_close(actor=w.secretariat, session=session)
    closing = time.perf_counter() - started
    ballots = members * dossiers
    assert all(r.yes + r.no + r.abstain == members for r in results)
    print(
        f"{connection.vendor}: {members} members × {dossiers} dossiers = {ballots} ballots "
        f"in {voting:.2f} s ({ballots / voting:.0f} ballots/s); tally + rewrite {closing:.2f} s"
    )


if __name__ == "__main__":
    members = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    dossiers = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        main(members, dossiers)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

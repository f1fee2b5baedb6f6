"""The signatures app in the permission walk: the signing pages and the signed PDF belong to a
decision's authority (and its signer); the document check is public."""

from __future__ import annotations

PUBLIC_OR_OWN = {"document_check:check"}


def object_routes(world) -> dict[str, list]:
    from guongsang.decisions.tests.walk import _objects

    decision, _submission, _outside = _objects(world)
    return {
        "signatures:sign": [decision.uuid],
        "signatures:prepared": [decision.uuid],
        "signatures:upload": [decision.uuid],
        "signatures:signed": [decision.uuid],
    }

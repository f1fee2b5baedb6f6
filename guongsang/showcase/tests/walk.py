"""Routes of the showcase for the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

# The public site: no login, nothing of any unit beyond published stories.
PUBLIC_OR_OWN = {
    "showcase:home",
    "showcase:browse",
    "showcase:year",
    "showcase:search",
    "showcase:story",
    "showcase:photo",
    "showcase:tip_create",
    "showcase:tip_thanks",
    "showcase:certificate_check",
    "showcase:certificate",
}
# The secretariat's lists: a unit officer gets 403.
ADMIN_ONLY = {
    "showcase:manage_stories",
    "showcase:stories_xlsx",
    "showcase:tips_xlsx",
    "showcase:story_create",
    "showcase:tips",
    "showcase:pick_unit",
    "showcase:pick_person",
}
PUBLIC_API_PATHS = {
    "/showcase/stories",
    "/showcase/stories/{story_id}",
    "/showcase/search",
    "/showcase/certificates/{code}",
}


def _other_story(world):
    from guongsang.showcase.tests.factories import make_story

    return make_story("Câu chuyện của Trung tâm 2", unit=world.other_centre, published=False)


def _tip():
    from guongsang.showcase.tests.factories import make_tip

    return make_tip()


def _tip_photo(tip):
    from guongsang.core.files import file_save
    from guongsang.showcase.models import TipPhoto

    stored = file_save(folder="tips", extension=".jpg", content=b"\xff\xd8\xff")
    return TipPhoto.objects.create(
        tip=tip, file=stored, original_name="a.jpg", content_type="image/jpeg", size=3, sha256=""
    )


def object_routes(world) -> dict[str, list]:
    story = _other_story(world)
    tip = _tip()
    photo = _tip_photo(tip)
    return {
        "showcase:story_edit": [story.uuid],
        "showcase:story_consent": [story.uuid],
        "showcase:story_publish": [story.uuid],
        "showcase:story_withdraw": [story.uuid],
        "showcase:tip_detail": [tip.uuid],
        "showcase:tip_contact": [tip.uuid],
        "showcase:tip_photo": [tip.uuid, photo.uuid],
        "showcase:tip_accept": [tip.uuid],
        "showcase:tip_reject": [tip.uuid],
        "showcase:tip_merge": [tip.uuid],
        "showcase:tip_dossier": [tip.uuid],
    }

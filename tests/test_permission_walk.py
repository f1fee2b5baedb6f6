"""Walk every URL and API endpoint as a unit officer of another unit: nothing outside their
subtree may be seen, unmasked or changed."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from guongsang.api.api import api
from guongsang.core.models import AuditEntry, TaskProgress

pytestmark = pytest.mark.django_db

# Apps added later describe their own routes in guongsang/<app>/tests/walk.py, which may define
# PUBLIC_OR_OWN, SCOPED_LISTS, ADMIN_ONLY (sets of route names), PUBLIC_API_PATHS (API paths open
# to anonymous callers), object_routes(world) -> {route: args for an object of the other unit}
# and api_substitutions(world) -> {"{param}": value of the other unit}.
WALK_APPS = (
    "initiatives",
    "clusters",
    "council",
    "discipline",
    "accounts",
    "decisions",
    "contests",
    "targets",
    "stats",
    "reports",
    "showcase",
    "books",
    "conference",
    "signatures",
)


def _walk_modules():
    import importlib

    for app in WALK_APPS:
        try:
            yield importlib.import_module(f"guongsang.{app}.tests.walk")
        except ModuleNotFoundError:
            continue


def _walk_set(name: str) -> set:
    found: set = set()
    for module in _walk_modules():
        found |= set(getattr(module, name, ()))
    return found


# Routes that are public or belong to the user themself, not to any unit.
PUBLIC_OR_OWN = {
    "core:healthz",
    "core:healthz_live",
    "core:favicon",
    "accounts:login",
    "accounts:logout",
    "accounts:password_change",
    "accounts:two_factor",
    "accounts:backup_codes",
    "accounts:password_reset_confirm",
    "set_language",
    "core:home",
}
# Routes open to every role, whose content must still be cut to the user's scope.
SCOPED_LISTS = {
    "org:tree",
    "org:tree_xlsx",
    "people:list",
    "people:export",
    "people:create",
    "people:pick_unit",
    "movements:list",
    "movements:list_xlsx",
    "movements:create",
    "movements:pick_organiser",
    "nominations:list",
    "nominations:create",
    "nominations:pick_person",
    "nominations:pick_unit",
    "nominations:pick_filter_unit",
    "nominations:export",
    "nominations:bulk",
    "nominations:notifications",
    "nominations:import_upload",
    "nominations:import_template",
}


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns in {"admin", "api"}:
                continue  # the admin site and the API are walked separately below
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, entry


def _title():
    from guongsang.catalogue.models import Title
    from tests.world import seed_titles

    seed_titles()
    return Title.objects.filter(target="individual").first()


def _other_movement(world):
    """A movement the other centre runs for itself: nothing the officer may see."""
    from guongsang.movements.models import Movement
    from guongsang.movements.tests.factories import make_movement

    name = "Phong trào nội bộ Trung tâm 2"
    found = Movement.objects.filter(name=name).first()
    return found or make_movement(world.other_centre, name=name)


def _other_pledge(world):
    """The other centre's pledge to the department's movement (which the officer does see)."""
    from guongsang.movements.models import Pledge
    from guongsang.movements.tests.factories import make_movement

    movement = make_movement(world.dept, name="Phong trào của Sở")
    return Pledge.objects.create(movement=movement, unit=world.other_centre)


def _other_import(world) -> str:
    """A file the other unit's officer uploaded for import: kept in their session only."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from guongsang.nominations import imports

    content = imports.template_xlsx(imports.NOMINATIONS)
    return imports.store_upload(SimpleUploadedFile("ds.xlsx", content))


def _object_routes(world) -> dict[str, list]:
    """For each route that takes an object, an object of the *other* unit."""
    from guongsang.catalogue.models import Title
    from guongsang.nominations import services as nominations
    from guongsang.nominations.tests.factories import pdf_upload

    title = Title.objects.filter(target="individual").first() or _title()
    dossier = nominations.dossier_create(
        actor=None, unit=world.other_centre, title=title, year=2024, person=world.other_person
    )
    evidence = nominations.dossier_attach(
        actor=None, dossier=dossier, kind="evidence", upload=pdf_upload()
    )
    progress = TaskProgress.objects.create(
        owner=world.other_officer, label="Xuất danh sách", status="done", result_file="x.xlsx"
    )
    movement = _other_movement(world)
    extra: dict[str, list] = {}
    for module in _walk_modules():
        if hasattr(module, "object_routes"):
            extra.update(module.object_routes(world))
    return extra | {
        "org:unit_detail": [world.other_centre.uuid],
        "org:unit_create": [world.other_centre.uuid],
        "org:unit_rename": [world.other_centre.uuid],
        "org:unit_merge": [world.other_centre.uuid],
        "org:unit_dissolve": [world.other_centre.uuid],
        "people:detail": [world.other_person.uuid],
        "awards:person_xlsx": [world.other_person.uuid],
        "awards:unit_xlsx": [world.other_centre.uuid],
        "people:personal_data": [world.other_person.uuid],
        "people:edit": [world.other_person.uuid],
        "core:task_progress": [progress.uuid],
        "core:task_download": [progress.uuid],
        "core:task_retry": [progress.uuid],
        "accounts:user_reset_password": [world.other_officer.uuid],
        "nominations:file_download": [evidence.uuid],
        "nominations:file_replace": [evidence.uuid],
        "nominations:file_delete": [evidence.uuid],
        "nominations:detail": [dossier.uuid],
        "nominations:edit": [dossier.uuid],
        "nominations:transition": [dossier.uuid, "submit"],
        "nominations:override": [dossier.uuid],
        "nominations:import_preview": ["de-nghi", _other_import(world)],
        "nominations:import_commit": ["de-nghi", _other_import(world)],
        "movements:detail": [movement.uuid],
        "movements:pledges_xlsx": [movement.uuid],
        "movements:edit": [movement.uuid],
        "movements:pledge_create": [movement.uuid],
        "movements:pledge_people": [movement.uuid],
        "movements:pledge_units": [movement.uuid],
        "movements:status": [movement.uuid],
        "movements:status_export": [movement.uuid],
        "movements:pledge_edit": [_other_pledge(world).uuid],
    }


def test_every_route_is_covered_by_this_walk(world):
    known = (
        PUBLIC_OR_OWN
        | SCOPED_LISTS
        | _walk_set("PUBLIC_OR_OWN")
        | _walk_set("SCOPED_LISTS")
        | _walk_set("ADMIN_ONLY")
        | set(_object_routes(world))
        | {
            "accounts:user_list",
            "accounts:user_list_xlsx",
            "core:audit_list",
            "core:audit_list_xlsx",
        }
    )
    routes = {name for name, _ in _walk(get_resolver())}
    assert routes - known == set(), "new routes must be added to the permission walk"


def test_officer_of_another_unit_gets_403_or_404_for_every_object_route(client, world):
    client.force_login(world.officer)
    for name, args in _object_routes(world).items():
        url = reverse(name, args=args)
        for method in (client.get, client.post):
            status = method(url).status_code
            assert status in {403, 404, 405}, f"{name} {method.__name__} → {status}"
            if status == 405:
                continue


def test_officer_of_another_unit_never_sees_personal_data_in_clear(client, world):
    client.force_login(world.officer)
    before = AuditEntry.objects.filter(action="view_personal_data").count()
    url = reverse("people:personal_data", args=[world.other_person.uuid])
    assert client.post(url).status_code == 404
    assert AuditEntry.objects.filter(action="view_personal_data").count() == before


def test_admin_only_pages_are_forbidden_to_an_officer(client, world):
    client.force_login(world.officer)
    # ADMIN_ONLY of the apps' walks: routes without arguments that a unit officer may not open.
    admin_lists = ("accounts:user_list", "accounts:user_list_xlsx", "core:audit_list")
    for name in (*admin_lists, "core:audit_list_xlsx", *sorted(_walk_set("ADMIN_ONLY"))):
        assert client.get(reverse(name)).status_code == 403
    response = client.get("/quan-tri/")
    assert response.status_code == 302 and "login" in response.url


def test_scoped_lists_show_nothing_from_the_other_unit(client, world):
    client.force_login(world.officer)
    for name in ("org:tree", "people:list"):
        body = client.get(reverse(name)).content.decode()
        assert world.other_centre.name not in body, name
        assert world.other_person.full_name not in body, name
        assert world.centre.name in body, name


def test_the_movements_of_another_unit_are_not_listed_and_cannot_be_run(client, world):
    movement = _other_movement(world)
    client.force_login(world.officer)
    assert movement.name not in client.get(reverse("movements:list")).content.decode()
    assert client.get(reverse("movements:create")).status_code == 403


def _api_paths(include_public: bool = False):
    schema = api.get_openapi_schema()
    public = _walk_set("PUBLIC_API_PATHS")
    for path, methods in schema["paths"].items():
        if (path.removeprefix("/api/v1") in public or path in public) and not include_public:
            continue
        for method in methods:
            yield path, method


def _extra_substitutions(world) -> dict[str, str]:
    found: dict[str, str] = {}
    for module in _walk_modules():
        if hasattr(module, "api_substitutions"):
            found.update(module.api_substitutions(world))
    return found


def _api_write_body(world) -> dict:
    """What a POST sends: an attempt to write for the other unit."""
    from guongsang.catalogue.models import Title

    title = Title.objects.filter(target="individual").first() or _title()
    return {
        "title_code": title.code,
        "year": 2024,
        "unit_id": str(world.other_centre.uuid),
        "person_id": str(world.other_person.uuid),
        "reason": "Thử thao tác trên hồ sơ của đơn vị khác",
    }


def test_every_api_endpoint_refuses_or_hides_the_other_unit(client, world):
    from guongsang.nominations.models import Dossier

    dossier = _object_routes(world)  # creates the other unit's dossier
    other_dossier = Dossier.objects.get(uuid=dossier["nominations:detail"][0])
    client.force_login(world.officer)
    substitutions = {
        "{unit_id}": str(world.other_centre.uuid),
        "{person_id}": str(world.other_person.uuid),
        "{movement_id}": str(_other_movement(world).uuid),
        "{dossier_id}": str(other_dossier.uuid),
        "{action}": "withdraw",
        **_extra_substitutions(world),
    }
    dossiers_before = Dossier.objects.count()
    seen = 0
    for path, method in _api_paths():
        url = path
        for key, value in substitutions.items():
            url = url.replace(key, value)
        assert "{" not in url, f"add a substitution for {path}"
        if method == "post":
            response = client.post(url, _api_write_body(world), content_type="application/json")
            assert response.status_code in {400, 403, 404}, f"{method} {path}"
        else:
            response = getattr(client, method)(url)
        body = response.content.decode()
        if "{" in path:
            assert response.status_code in {403, 404}, f"{method} {path} → {response.status_code}"
        else:
            assert response.status_code in {200, 400, 403, 404}, path
            assert world.other_centre.name not in body and world.other_person.full_name not in body
        seen += 1
    assert seen >= 4
    other_dossier.refresh_from_db()
    assert other_dossier.state == "draft" and Dossier.objects.count() == dossiers_before


def test_the_api_refuses_anonymous_callers(client, world):
    extra = _extra_substitutions(world)
    for path, method in _api_paths():
        for key, value in extra.items():
            path = path.replace(key, value)
        url = (
            path.replace("{unit_id}", str(world.centre.uuid))
            .replace("{person_id}", str(world.person.uuid))
            .replace("{movement_id}", str(_other_movement(world).uuid))
            .replace("{dossier_id}", "00000000-0000-0000-0000-000000000000")
            .replace("{action}", "submit")
        )
        assert getattr(client, method)(url).status_code == 401, path


def test_only_the_admin_may_open_the_historic_awards_import(client, world):
    client.force_login(world.officer)
    for name in ("nominations:import_upload", "nominations:import_template"):
        assert client.get(reverse(name, args=["lich-su"])).status_code == 403

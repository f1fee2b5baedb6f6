from guongsang.targets.models import Indicator


def make_indicator(code: str = "viec-lam", name: str = "Giải quyết việc làm") -> Indicator:
    return Indicator.objects.get_or_create(code=code, defaults={"name": name, "measure": "người"})[
        0
    ]

"""Strict readers for settings taken from the environment.

A value that cannot be read stops the start with a message naming the variable: a typo such
as ``GS_REQUIRE_2FA=ture`` must never quietly turn a safeguard off. Parsing is done by
``environs`` (marshmallow fields); an unset or empty variable takes the default.

The messages are plain Vietnamese strings, not gettext: settings are read before Django's
translation machinery exists.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from environs import Env, EnvError

_env = Env(expand_vars=False)
_FILE_SCHEMES = {"sqlite", "unix"}


class SettingError(ImproperlyConfigured):
    """A variable that is missing or cannot be read; the message is one line for the operator."""


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None or not value.strip() else value.strip()


def _invalid(name: str, expected: str) -> SettingError:
    return SettingError(
        f"Biến môi trường {name}={os.environ.get(name, '')!r} không hợp lệ: cần {expected}."
    )


def env_str(name: str, default: str = "") -> str:
    value = _raw(name)
    return default if value is None else value


def env_required(name: str, why: str) -> str:
    """A variable that has no default; ``why`` says when it is needed."""
    value = _raw(name)
    if value is None:
        raise SettingError(f"Thiếu biến môi trường {name}: {why}.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    if _raw(name) is None:
        return default
    try:
        return bool(_env.bool(name))
    except EnvError:
        raise _invalid(name, "1/0, true/false, yes/no hoặc on/off") from None


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    if _raw(name) is None:
        return default
    try:
        value = int(_env.int(name))
    except EnvError:
        raise _invalid(name, "một số nguyên") from None
    if minimum is not None and value < minimum:
        raise _invalid(name, f"một số nguyên từ {minimum} trở lên")
    return value


def env_float(name: str, default: float) -> float:
    if _raw(name) is None:
        return default
    try:
        return float(_env.float(name))
    except EnvError:
        raise _invalid(name, "một số thập phân (dấu chấm), ví dụ 0.1") from None


def env_list(name: str, default: str = "") -> list[str]:
    value = _raw(name)
    return [item.strip() for item in (value or default).split(",") if item.strip()]


def env_url(name: str, default: str = "", *, schemes: tuple[str, ...]) -> str:
    """A URL whose scheme is one of ``schemes``; a host is needed unless the scheme names a
    file (``sqlite``, ``unix`` for a socket)."""
    value = _raw(name)
    if value is None:
        return default
    parts = urlsplit(value)
    if parts.scheme not in schemes or (parts.scheme not in _FILE_SCHEMES and not parts.hostname):
        raise _invalid(name, "một địa chỉ dạng " + " hoặc ".join(f"{s}://…" for s in schemes))
    try:
        parts.port  # noqa: B018 - reading it validates the port number
    except ValueError:
        raise _invalid(name, "một cổng (port) là số từ 0 đến 65535") from None
    return value

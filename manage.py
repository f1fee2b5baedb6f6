#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    from config.env import SettingError

    try:
        # Read the settings first: a missing or unreadable variable is one line for the
        # operator, not a traceback (Django would otherwise defer the error or print one).
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018
    except SettingError as exc:
        sys.stderr.write(f"Lỗi cấu hình: {exc}\n")
        sys.exit(2)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

import os
import sys

from django.core.wsgi import get_wsgi_application

from config.env import SettingError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
try:
    application = get_wsgi_application()
except SettingError as exc:
    # One line in the server's log instead of a traceback per worker.
    sys.stderr.write(f"Lỗi cấu hình: {exc}\n")
    raise SystemExit(2) from None

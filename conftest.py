"""Project-wide test setup: tests run with the development settings."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

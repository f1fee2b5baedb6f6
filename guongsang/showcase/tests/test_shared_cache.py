"""With REDIS_URL the public site's rate limit and page cache live in Redis, so every web
process sees the same counts and the same story version. Runs against the Redis server at
REDIS_URL (127.0.0.1:6379 by default), each test under a key prefix of its own."""

import os
import uuid

import pytest
import redis
from django.core.cache import cache
from django.test import override_settings

from guongsang.showcase import signals
from guongsang.showcase.tests.factories import make_story

from .test_tips import URL, _data

REDIS_URL = os.environ.get("GS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache():
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    server = redis.Redis.from_url(REDIS_URL)
    with override_settings(CACHES=caches):
        yield server, prefix
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)


def test_the_tip_rate_limit_is_counted_in_redis(client, shared_cache):
    server, prefix = shared_cache
    for _ in range(5):
        assert client.post(URL, _data()).status_code == 302
    assert client.post(URL, _data()).status_code == 429
    (key,) = server.keys(f"{prefix}:*:gs:rl:tip:*")
    assert int(server.get(key)) == 6
    assert 0 < server.ttl(key) <= 3600


def test_a_story_page_is_cached_in_redis_and_a_change_invalidates_it(client, world, shared_cache):
    server, prefix = shared_cache
    story = make_story("Cô giáo của những em nhỏ khiếm thính", unit=world.centre)
    url = f"/vuon-hoa/{story.year}/{story.slug}/"
    assert "Cô giáo của những em nhỏ khiếm thính" in client.get(url).content.decode()
    version = signals.pages_version()
    assert server.keys(f"{prefix}:*:showcase:story:{version}:*")
    story.title = "Cô giáo của các em nhỏ khiếm thính"
    story.save()
    assert signals.pages_version() == version + 1
    assert int(server.get(cache.make_key(signals.PAGES_VERSION))) == version + 1
    assert "Cô giáo của các em nhỏ khiếm thính" in client.get(url).content.decode()

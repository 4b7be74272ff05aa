"""Two gunicorn processes share one rate limit through Redis, as app servers behind a load
balancer would: a supporter refused by one cannot sign again through the other."""

import os
import socket
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection
from wagtail.models import Site

from tests.conftest import ensure_wagtail_roots
from tests.factories import CampaignPageFactory, HomePageFactory, PetitionPageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or connection.vendor != "postgresql",
        reason="needs Redis and PostgreSQL, which other processes can share",
    ),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_listening(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"gunicorn on port {port} did not start")


@pytest.fixture
def two_app_servers():
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY + "-shared-by-every-app-server" * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}",
        "CACHE_KEY_PREFIX": f"ratelimit-test-{uuid.uuid4().hex}",
        # An hour's window, so that the two signs never straddle a window's end, and a Redis
        # timeout a loaded CI machine cannot reach: the cache forgives a timeout (the limit
        # then lets the request through), which is not what this test is about.
        "PETITION_SIGN_RATES": "1/h",
        "REDIS_TIMEOUT": "5",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )
        for port in ports
    ]
    try:
        for port in ports:
            wait_until_listening(port)
        yield ports
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def sign(port, petition, email):
    import http.client
    import json

    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = {"first_name": "Rosa", "last_name": "M", "email": email, "country": "GB"}
    client.request(
        "POST",
        f"/api/campaign/petitions/{petition.pk}/signatures/",
        body=json.dumps(body),
        headers={"Content-Type": "application/json"},
    )
    response = client.getresponse()
    return response.status, json.loads(response.read() or b"{}")


def test_a_limit_reached_on_one_server_holds_on_the_other(two_app_servers):
    home = HomePageFactory(parent=ensure_wagtail_roots())
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "127.0.0.1", "root_page": home}
    )
    petition = PetitionPageFactory(parent=CampaignPageFactory(parent=home))
    first, second = two_app_servers
    assert sign(first, petition, "rosa@example.org")[0] == 202
    status, body = sign(second, petition, "someone.else@example.org")
    assert status == 429
    assert body["error"]["code"] == "rate_limited"

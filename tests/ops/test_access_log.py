"""The production access log keeps paths, never query strings or tokens.

A manager's export query carries a supporter's email address; petition and comment
confirmation links and unsubscribe links are live secrets. gunicorn reads gunicorn.conf.py
from the project folder, whose logger (core/access_log.py) writes every URL it logs through
core/private_paths.py.
"""

import datetime
import http.client
import os
import socket
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest
from django.conf import settings
from gunicorn.config import Config

from core.access_log import PrivateLogger
from core.private_paths import private_path, private_url

EMAIL = "jane.doe@example.org"
# Shaped like the site's tokens: a signed value (":"), and URL-safe base64 of one.
SIGNED = "41:1uAbCd:Zx9Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk"
WRAPPED = "eyJzaWduYXR1cmUiOjQxfQ6MXVBYkNkOlp4OVF3M0VyNVR5N1VpOU9w"
SECRETS = [EMAIL, "jane.doe%40example.org", SIGNED, WRAPPED, "1uAbCd", "Zx9Qw3"]


@pytest.mark.parametrize(
    "path, logged",
    [
        (f"/admin/signatures/?export=csv&q={EMAIL}", "/admin/signatures/"),
        (f"/campaign-1/petition-2/confirm/{WRAPPED}/", "/campaign-1/petition-2/confirm/[token]/"),
        (f"/comments/confirm/{SIGNED}/", "/comments/confirm/[token]/"),
        (f"/comments/unsubscribe/{SIGNED}/?utm=mail", "/comments/unsubscribe/[token]/"),
        (f"/api/comments/subscriptions/{SIGNED}/", "/api/comments/subscriptions/[token]/"),
        (
            "/admin/password_reset/confirm/MQ/cz4k-9f8e7d6c5b4a39281706/",
            "/admin/password_reset/confirm/[token]/[token]/",
        ),
        (f"/some/future/route/{SIGNED.replace(':', '%3A')}/", "/some/future/route/[token]/"),
        ("/news/every-victim-of-crime-deserves-to-be-safe/", None),
        ("/api/v3/pages/?search=x", "/api/v3/pages/"),
    ],
)
def test_private_path(path, logged):
    assert private_path(path) == (logged or path)


def test_private_url_keeps_scheme_and_host_only():
    url = f"https://user:pw@example.org/comments/confirm/{SIGNED}/?next=/x#top"
    assert private_url(url) == "https://example.org/comments/confirm/[token]/"
    assert private_url("-") == "-"


def fake_exchange():
    """What gunicorn hands its logger after a request: response, request, environ."""
    target = f"/comments/confirm/{SIGNED}/?email={EMAIL}"
    referer = f"http://127.0.0.1:8000/admin/signatures/?q={EMAIL}"
    response = SimpleNamespace(
        status="302 Found",
        sent=0,
        headers=[("Location", f"/admin/login/?next=/admin/signatures/%3Fq%3D{EMAIL}")],
    )
    request = SimpleNamespace(
        headers=[("Referer", referer), ("Cookie", "sessionid=abc123secret")],
    )
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": target,
        "PATH_INFO": target.split("?")[0],
        "QUERY_STRING": f"email={EMAIL}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": referer,
        "HTTP_COOKIE": "sessionid=abc123secret",
        "REMOTE_ADDR": "203.0.113.9",
    }
    return response, request, environ


def test_the_logger_writes_no_query_string_token_or_cookie(tmp_path):
    log_file = tmp_path / "access.log"
    cfg = Config()
    cfg.set("accesslog", str(log_file))
    # Every atom that can carry a URL, a query string or a secret header.
    cfg.set(
        "access_log_format",
        "%(r)s|%(U)s|%(q)s|%(f)s|%({referer}i)s|%({cookie}i)s|%({location}o)s|"
        "%({raw_uri}e)s|%({path_info}e)s|%({query_string}e)s|%({http_cookie}e)s|"
        "%({http_referer}e)s",
    )
    logger = PrivateLogger(cfg)
    logger.access(*fake_exchange(), datetime.timedelta(milliseconds=12))
    logger.exception("Error handling request %s", f"/comments/confirm/{SIGNED}/?q={EMAIL}")
    for handler in logger.access_log.handlers:
        handler.flush()
    line = log_file.read_text()
    fields = line.strip().split("|")
    assert fields[0] == "GET /comments/confirm/[token]/ HTTP/1.1"
    assert fields[1] == "/comments/confirm/[token]/"
    assert fields[2] == "-"  # the query string
    assert fields[3] == "http://127.0.0.1:8000/admin/signatures/"
    assert fields[5] == "-" and fields[10] == "-"  # cookies
    assert fields[6] == "/admin/login/"
    assert [secret for secret in [*SECRETS, "abc123secret"] if secret in line] == []


def test_the_project_config_uses_the_private_logger():
    """gunicorn reads ./gunicorn.conf.py; bin/prod-local names it too."""
    cfg = Config()
    for name, value in _settings_in(settings.BASE_DIR / "gunicorn.conf.py").items():
        cfg.set(name, value)
    assert cfg.logger_class is PrivateLogger
    assert "%(h)s" not in cfg.access_log_format  # no client addresses either
    assert "--config gunicorn.conf.py" in (settings.BASE_DIR / "bin" / "prod-local").read_text()


def _settings_in(path):
    namespace = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)  # noqa: S102 - our own file
    return {key: value for key, value in namespace.items() if not key.startswith("__")}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(port, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn stopped"
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn on port {port} did not answer")


def get(port, target, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", target, headers=headers)
    connection.getresponse().read()


def test_gunicorn_as_deployed_logs_no_query_string_or_token(tmp_path):
    """`gunicorn config.wsgi` started from the project folder, as the README says production
    runs it: the access log, and everything gunicorn and Django write to the error stream."""
    port = free_port()
    access_log = tmp_path / "access.log"
    errors = tmp_path / "errors.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "access-log-test-" * 4,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        # An empty database: what matters here is what is logged, whatever the answer.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "LOG_LEVEL": "INFO",
    }
    env.pop("REDIS_URL", None)
    with errors.open("w") as error_stream:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
                "--access-logfile",
                str(access_log),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=error_stream,
            stderr=error_stream,
        )
        try:
            wait_until_answering(port, server)
            get(port, f"/admin/signatures/?export=csv&q={EMAIL}")
            get(
                port,
                f"/comments/confirm/{SIGNED}/",
                Referer=f"http://127.0.0.1:{port}/campaign/petition/confirm/{WRAPPED}/",
            )
            get(port, f"/comments/unsubscribe/{SIGNED}/?from=email")
            get(port, f"/campaign/petition/confirm/{WRAPPED}/")
        finally:
            server.terminate()
            server.wait(timeout=30)
    logged = access_log.read_text()
    assert '"GET /admin/signatures/ HTTP/1.1"' in logged
    assert '"GET /comments/confirm/[token]/ HTTP/1.1"' in logged
    assert '"GET /comments/unsubscribe/[token]/ HTTP/1.1"' in logged
    assert '"GET /campaign/petition/confirm/[token]/ HTTP/1.1"' in logged
    assert "?" not in logged
    everything = logged + errors.read_text()
    assert [secret for secret in SECRETS if secret in everything] == []

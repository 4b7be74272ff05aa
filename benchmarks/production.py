"""The production shape for benchmarks: production settings, gunicorn, PostgreSQL, Redis and the
database task queue, on this machine. Shared by every benchmark script."""

import os
import secrets
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def environment(database_url, redis_url, **overrides):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        # Behind a load balancer, as in production: the rate limits stay at their defaults and
        # key on the address it appends to X-Forwarded-For, so each simulated supporter
        # counts as a different visitor instead of the whole load as one loopback address.
        TRUSTED_PROXY_COUNT="1",
        LOG_LEVEL="WARNING",
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def recreate_database(url):
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(env, *command, capture=False):
    """Run a management command; with capture, return the last line it printed."""
    result = subprocess.run(
        [PYTHON, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1] if capture else None


def shell(env, code):
    """Run Python in `manage.py shell`; returns the last line it printed."""
    return manage(env, "shell", "-v", "0", "-c", code, capture=True)


def wait_until_serving(port, timeout=60):
    """Until a worker answers /healthz: the master listens long before its workers have
    imported Django, and a load run started then measures start-up, not serving."""
    wait_until_answers(port, "/healthz", timeout)


def wait_until_answers(port, path, timeout=60):
    """Until a GET of `path` on 127.0.0.1:port answers 200 (any server, not only ours)."""
    import http.client

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn on port {port} did not start serving")


@contextmanager
def gunicorn(env, port, workers):
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_serving(port)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=60)


def worker_memory_mib(master_pid):
    """Resident memory of each gunicorn worker (the master's children), in MiB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)

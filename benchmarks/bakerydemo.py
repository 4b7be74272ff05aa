"""Wagtail's bakerydemo on the same production shape as our benchmarks, to measure against.

    python benchmarks/bakerydemo.py --check                   # the snapshot in ../shared/anchors
    python benchmarks/bakerydemo.py --source PATH --check     # a snapshot tarball or a checkout

--check sets it up, fetches its blog page (200, with the post's title), counts the SQL queries
one view of the page makes and runs wrk on it (2 threads, 8 connections, 10 s).

From run_all.py:

    import bakerydemo
    try:
        bakery = bakerydemo.setup(database_url=..., redis_url=...)
    except bakerydemo.SnapshotMissing as missing:  # a clone with no ../shared: no comparison
        print(f"bakerydemo comparison skipped: {missing}", file=sys.stderr)
    else:
        queries = bakery.queries  # or bakerydemo.blog_queries(bakery) to count again
        with bakerydemo.bakery_gunicorn(bakery, port, workers) as base_url:
            ...  # wrk on f"{base_url}{bakerydemo.BLOG}"; base_url.pid is gunicorn's master

None of bakerydemo's code enters this repository. Its snapshot (or checkout) is copied to
~/.cache/campaign-benchmarks/ (or $XDG_CACHE_HOME/campaign-benchmarks/), beside its own
virtualenv, both kept between runs: the copy keyed by the snapshot, the virtualenv by its
requirements and our Django, Wagtail, gunicorn and Python versions. Each setup recreates its
PostgreSQL database (bench_bakerydemo by default), empties the Redis database it is given (5 by
default) and runs its `migrate`, `load_initial_data` and `collectstatic`.

The stack is ours: Django and Wagtail at the versions of the interpreter running this (it asks
for Django 6.0 and Wagtail 7.4; it runs on ours), this Python, gunicorn at our version with the
same worker count and options, PostgreSQL, Redis; its own production settings
(bakerydemo.settings.production) otherwise. Those settings cache no pages: no cache middleware,
no cache on the blog page's templates (only its blog index caches a fragment), and its frontend
cache (Cloudflare, when configured) only purges a CDN. The caches in play are Wagtail's own, in
Redis: image renditions and the sites' root paths. So every request of its blog page is a full
render: compare it with our pages uncached.
"""

import argparse
import contextlib
import dataclasses
import fcntl
import hashlib
import http.client
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from production import ROOT, environment, recreate_database, wait_until_answers  # noqa: E402

BLOG = "/blog/bread-circuses/"
BLOG_TITLE = "Bread and Circuses"
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_bakerydemo"
REDIS_URL = "redis://127.0.0.1:6379/5"
PORT = 8079
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "campaign-benchmarks"

# What its requirements/base.txt pins that we replace with our own versions.
OURS = {"django", "wagtail"}
# Its production extras (requirements/production.txt) that this shape needs; the rest there
# (uwsgi, elasticsearch, boto3, Google Cloud storage...) serve hosts we do not use.
PRODUCTION_EXTRAS = ("whitenoise", "django-redis", "psycopg")

UNSET = {
    "PYTHONPATH",
    "VIRTUAL_ENV",
    "REDIS_TLS_URL",
    "ELASTICSEARCH_ENDPOINT",
    "BASIC_AUTH_ENABLED",
    "SECURE_HSTS_SECONDS",
}

BLOG_QUERIES = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
client.get("PATH")  # the steady state: renditions made and cached, as under load
with CaptureQueriesContext(connection) as queries:
    status = client.get("PATH").status_code
print(status, len(queries.captured_queries))
"""


class SnapshotMissing(FileNotFoundError):
    """No bakerydemo to set up: no snapshot in ../shared/anchors and no source given."""


class BaseURL(str):
    """The server's base URL; `pid` is its gunicorn master's process id."""

    pid: int


@dataclasses.dataclass(frozen=True)
class Bakery:
    python: Path  # its virtualenv's interpreter
    site: Path  # its code, outside this repository
    env: dict  # the environment it runs in
    queries: int | None = None  # SQL queries per view of its blog page, counted by setup


def setup(source=None, database_url=DATABASE_URL, redis_url=REDIS_URL, log=sys.stderr):
    """Set bakerydemo up from `source` (a snapshot tarball or a checkout; by default the
    snapshot in ../shared/anchors) and return a Bakery ready to serve, with its blog page's
    query count in `queries`. Raises SnapshotMissing when there is nothing to set up from,
    ValueError for a database it must not drop."""
    if urlparse(database_url).path.lstrip("/") in ("", "test", "postgres"):
        raise ValueError(f"Will not recreate the database of {database_url}")
    source = find_source(source)
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / "bakerydemo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one setup at a time in the cache
        with timed(f"code from {source}", log):
            site = prepare_code(source)
        with timed("virtualenv", log):
            python = prepare_venv(site, log)
        bakery = Bakery(python, site, bakery_environment(database_url, redis_url))
        with timed(f"migrate into a new {urlparse(database_url).path.lstrip('/')}", log):
            recreate_database(database_url)
            empty_redis(redis_url)
            bakery_manage(bakery, "migrate", "--noinput", "-v0")
        with timed("load_initial_data", log):
            bakery_manage(bakery, "load_initial_data", quiet=True)
        with timed("collectstatic", log):
            bakery_manage(bakery, "collectstatic", "--noinput", "-v0")
        # The first view makes the page's image renditions (seconds of AVIF and WebP
        # encoding); made here, no gunicorn worker spends its first request on them.
        with timed("first views of its blog page, counting queries", log):
            return dataclasses.replace(bakery, queries=blog_queries(bakery))


@contextlib.contextmanager
def timed(what, log):
    started = time.monotonic()
    yield
    print(f"bakerydemo: {what}: {time.monotonic() - started:.0f} s", file=log)


def find_source(source=None):
    """The tarball or checkout to set up from: `source`, else the newest
    bakerydemo-*.tar.gz in ../shared/anchors next to this checkout (or next to the main
    checkout, for a git worktree)."""
    if source is not None:
        path = Path(source).expanduser().resolve()
        if not path.exists():
            raise SnapshotMissing(f"No bakerydemo at {path}")
        return path
    folders = [ROOT.parent / "shared" / "anchors"]
    git = shutil.which("git")
    if git:  # in a worktree, ROOT.parent is not where the main checkout lives
        common = subprocess.run(
            [git, "rev-parse", "--path-format=absolute", "--git-common-dir"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if common.returncode == 0 and common.stdout.strip():
            folders.append(Path(common.stdout.strip()).parent.parent / "shared" / "anchors")
    for folder in folders:
        snapshots = sorted(folder.glob("bakerydemo-*.tar.gz"))
        if snapshots:
            return snapshots[-1]
    raise SnapshotMissing(
        "No bakerydemo snapshot (bakerydemo-*.tar.gz) in "
        + " or ".join(str(folder) for folder in dict.fromkeys(folders))
        + "; pass a snapshot tarball or a bakerydemo checkout as the source"
    )


def prepare_code(source):
    """Its code in the cache: a snapshot is unpacked once (its name and contents key the
    folder); a checkout is copied afresh each time (not its .git, .env, virtualenvs or
    node_modules), keeping the collected static files.
    Either way the media its initial data copies in, and the renditions made from them,
    start empty, as its database does."""
    if source.is_dir():
        site = CACHE / f"bakerydemo-checkout-{digest(str(source))}"
        if site.exists():
            for child in site.iterdir():
                if child.name != "bakerydemo":
                    remove(child)
            for child in (site / "bakerydemo").iterdir():
                if child.name != "collect_static":
                    remove(child)
        shutil.copytree(
            source,
            site,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(
                ".git", ".env", ".venv", "venv", "node_modules", "__pycache__", "collect_static"
            ),
        )
    else:
        name = source.name.removesuffix(".tar.gz")
        site = CACHE / f"{name}-{digest(source.read_bytes())}"
        if not (site / ".unpacked").exists():
            shutil.rmtree(site, ignore_errors=True)
            unpack(source, site)
            (site / ".unpacked").touch()
    if not (site / "manage.py").exists() or not (site / "bakerydemo").is_dir():
        raise SnapshotMissing(f"{source} holds no bakerydemo (no manage.py and bakerydemo/)")
    media = site / "bakerydemo" / "media"
    if media.is_dir():
        for child in media.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
    return site


def unpack(tarball, site):
    """Unpack into `site`; a tarball with one top folder (git archive --prefix) loses it."""
    with tempfile.TemporaryDirectory(dir=CACHE) as scratch:
        with tarfile.open(tarball) as archive:
            archive.extractall(scratch, filter="data")
        entries = list(Path(scratch).iterdir())
        top = entries[0] if len(entries) == 1 and entries[0].is_dir() else Path(scratch)
        if top == Path(scratch):
            site.mkdir()
            for entry in entries:
                entry.rename(site / entry.name)
        else:
            top.rename(site)


def prepare_venv(site, log):
    """Its virtualenv: our Django and Wagtail, its other requirements, its production extras
    and our gunicorn. Built once per set of requirements and kept. At 8e2b625 nothing else in
    its requirements conflicts with Django 5.2 and Wagtail 8.0 (`pip check` is clean), so
    only its Django and Wagtail pins are dropped, none relaxed."""
    django, wagtail = version("django"), version("wagtail")
    requirements = [
        line
        for line in requirement_lines(site / "requirements" / "base.txt")
        if requirement_name(line) not in OURS
    ]
    production = {
        requirement_name(line): line
        for line in requirement_lines(site / "requirements" / "production.txt")
    }
    extras = [production.get(name, name) for name in PRODUCTION_EXTRAS]
    # psycopg's binary wheel, as we use: no compiler or libpq headers needed.
    extras = [
        re.sub(r"^psycopg(?!\[)", "psycopg[binary]", line, flags=re.IGNORECASE) for line in extras
    ]
    pins = [f"django=={django}", f"wagtail=={wagtail}", f"gunicorn=={version('gunicorn')}"]
    wanted = [*pins, *requirements, *extras]
    key = digest("\n".join([sys.version, *wanted]))
    venv = CACHE / f"bakerydemo-venv-{key}"
    python = venv / "bin" / "python"
    if (venv / ".complete").exists():
        return python
    print(f"bakerydemo: building its virtualenv in {venv}", file=log)
    for unfinished in CACHE.glob("bakerydemo-venv-*"):
        if not (unfinished / ".complete").exists():
            shutil.rmtree(unfinished)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    (venv / "requirements.txt").write_text("\n".join(wanted) + "\n")
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-r", str(venv / "requirements.txt")],
        stderr=subprocess.PIPE,
        text=True,
    )
    # Leaves out this machine's pip configuration's warnings about missing local indexes.
    for line in installed.stderr.splitlines():
        if not re.match(r"WARNING: Location '.*' is ignored", line):
            print(line, file=log)
    installed.check_returncode()
    (venv / ".complete").touch()
    return python


def requirement_lines(path):
    if not path.exists():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("-")]


def requirement_name(line):
    name = re.match(r"[A-Za-z0-9._-]+", line).group(0)
    return re.sub(r"[-_.]+", "-", name).lower()


def bakery_environment(database_url, redis_url):
    """Its production settings with our secret key, database and Redis. Its settings append
    "/0" and "/1" to REDIS_URL for its two caches, which would make our "/5" database 50;
    as "?db=5#" the query names the database and the fragment swallows what it appends, so
    both its caches share the database number we are given."""
    redis = urlparse(redis_url)
    number = redis.path.strip("/") or "0"
    env = environment(
        database_url,
        redis._replace(path="/", query=f"db={number}", fragment="").geturl() + "#",
        DJANGO_SETTINGS_MODULE="bakerydemo.settings.production",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        PRIMARY_HOST="127.0.0.1",  # its admin's base URL; unset, every command warns
        SECURE_SSL_REDIRECT="False",
        DJANGO_LOG_LEVEL="WARNING",
    )
    # Nothing from the caller's environment may switch on what its settings read besides:
    # another Redis, Elasticsearch, cloud storage, basic auth, CSP, a CDN to purge.
    for name in list(env):
        if name in UNSET or name.startswith(("AWS_", "GS_", "FRONTEND_CACHE_", "CSP_")):
            del env[name]
    return env


def empty_redis(redis_url):
    """Its renditions cache names rows of the database just recreated: start it empty."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def bakery_manage(bakery, *command, quiet=False):
    """Run one of its management commands; returns what it printed."""
    return subprocess.run(
        [str(bakery.python), "manage.py", *command],
        cwd=bakery.site,
        env=bakery.env,
        check=True,
        stdout=subprocess.PIPE if quiet else None,
        text=True,
    ).stdout


def blog_queries(bakery, path=BLOG):
    """SQL queries one view of its blog page makes, after a first view (as under load)."""
    output = bakery_manage(
        bakery, "shell", "-v", "0", "-c", BLOG_QUERIES.replace("PATH", path), quiet=True
    )
    status, count = output.strip().splitlines()[-1].split()
    if status != "200":
        raise SystemExit(f"bakerydemo {path} answered {status}")
    return int(count)


@contextlib.contextmanager
def bakery_gunicorn(bakery, port=PORT, workers=4):
    """Serve it under gunicorn as production.gunicorn serves ours (same options); yields the
    base URL once a worker answers its blog page."""
    server = subprocess.Popen(
        [
            str(bakery.python),
            "-m",
            "gunicorn",
            "bakerydemo.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=bakery.site,
        env=bakery.env,
    )
    try:
        wait_until_answers(port, BLOG)
        url = BaseURL(f"http://127.0.0.1:{port}")
        url.pid = server.pid
        yield url
    finally:
        server.terminate()
        server.wait(timeout=60)


def digest(data):
    if isinstance(data, str):
        data = data.encode()
    return hashlib.sha256(data).hexdigest()[:12]


def remove(path):
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def fetch(url):
    parsed = urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    try:
        connection.request("GET", parsed.path)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def check(args):
    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("Needs wrk: apt-get install wrk")
    with timed("setup", sys.stdout):
        bakery = setup(args.source, args.database_url, args.redis_url)
    print(f"Its code is in {bakery.site}, its interpreter {bakery.python}")
    print(f"Queries per view of {BLOG}: {bakery.queries}")
    started = time.monotonic()
    with bakery_gunicorn(bakery, args.port, args.workers) as base_url:
        print(f"gunicorn answered its blog page {time.monotonic() - started:.0f} s after starting")
        status, body = fetch(base_url + BLOG)
        if status != 200 or BLOG_TITLE not in body:
            raise SystemExit(
                f"{BLOG} answered {status}, {'with' if BLOG_TITLE in body else 'without'} its title"
            )
        print(f"{BLOG}: {status}, {len(body):,} characters, titled {BLOG_TITLE!r}")
        output = subprocess.run(
            [wrk, "-t2", "-c8", "-d10s", "--latency", base_url + BLOG],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    print(output)
    if "Non-2xx" in output:
        raise SystemExit("wrk saw error responses")
    return 0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", help="a bakerydemo snapshot tarball or checkout")
    parser.add_argument("--check", action="store_true", help="set up, fetch, count, run wrk")
    parser.add_argument("--database-url", default=DATABASE_URL)
    parser.add_argument("--redis-url", default=REDIS_URL)
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--workers", type=int, default=4)
    return parser.parse_args()


def main():
    args = parse_args()
    if not args.check:
        bakery = setup(args.source, args.database_url, args.redis_url)
        print(f"bakerydemo is set up in {bakery.site}, running on {bakery.python}")
        return 0
    return check(args)


if __name__ == "__main__":
    sys.exit(main())

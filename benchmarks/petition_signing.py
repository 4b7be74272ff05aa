"""Signatures per second through gunicorn on PostgreSQL, and whether the count comes out exact.

    python benchmarks/petition_signing.py                    # 2,000 signers, 32 at a time
    python benchmarks/petition_signing.py --signers 200 --concurrency 8   # a quick smoke run

Production shape on this machine: production settings, gunicorn with --workers processes,
PostgreSQL, Redis for the cache, and the database task queue (confirmation emails are queued,
as in production; no worker sends them here). A loopback load generator (threads in this
process) signs N distinct supporters through the JSON API, reads the confirmation links from
the task queue, confirms them all concurrently, then compares the petition's count with N.

Needs PostgreSQL at --database-url (the database is dropped and recreated) and, optionally,
Redis at --redis-url. Not part of the test suite.
"""

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--signers", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8077)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/campaign_bench"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/2")
    return parser.parse_args()


def environment(args):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        # Every request comes from one loopback address; the per-address limit would stop
        # the benchmark, not measure it.
        PETITION_SIGN_RATES="",
        LOG_LEVEL="WARNING",
    )
    return env


def recreate_database(url):
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
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


CREATE_PETITION = """
from campaign.models import HomePage, PetitionPage
from wagtail.models import Page, Site
root = Page.get_first_root_node()
home = root.add_child(instance=HomePage(title="Bench", slug="bench", hero_heading="Bench"))
Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home,
    "hostname": "127.0.0.1"})
petition = home.add_child(instance=PetitionPage(title="Bench petition", slug="petition",
    addressed_to="The Home Secretary", ask="Measure us.", goal=1000))
petition.save_revision().publish()
print(petition.pk)
"""

CONFIRM_TOKENS = """
import json
from django_tasks_db.models import DBTaskResult
urls = [r.args_kwargs["args"][1] for r in DBTaskResult.objects.filter(
    task_path="campaign.tasks.send_confirmation_email")]
print(json.dumps([u.rstrip("/").rsplit("/", 1)[1] for u in urls]))
"""

COUNT = """
from campaign.counting import confirmed_count
from campaign.models import PetitionPage, Signature
p = PetitionPage.objects.get(slug="petition")
print(confirmed_count(p.pk, use_cache=False), Signature.objects.filter(petition=p).count())
"""


def start_gunicorn(env, args):
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _ = post_json(args.port, "/api/openapi.json", None, method="GET")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def post_json(port, path, body, method="POST"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        payload = json.dumps(body) if body is not None else None
        headers = {"Content-Type": "application/json", "X-Forwarded-Proto": "https"}
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def run_phase(port, requests, concurrency):
    """Send (path, body) pairs with `concurrency` threads; returns statuses, latencies, seconds."""

    def one(request):
        started = time.perf_counter()
        try:
            status, _ = post_json(port, *request)
        except OSError:
            status = 0
        return status, time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(one, requests))
    return results, time.perf_counter() - started


def summarise(name, results, seconds, ok_status):
    latencies = sorted(latency for _, latency in results)
    ok = sum(1 for status, _ in results if status == ok_status)
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)]
    return (
        f"| {name} | {len(results)} | {len(results) - ok} | {seconds:.1f} | "
        f"{len(results) / seconds:.0f} | {statistics.median(latencies) * 1000:.0f} | "
        f"{p99 * 1000:.0f} |"
    )


def main():
    args = parse_args()
    env = environment(args)
    recreate_database(args.database_url)
    manage(env, "migrate", "--noinput", "-v0")
    petition_id = int(manage(env, "shell", "-c", CREATE_PETITION, capture=True).split()[-1])
    server = start_gunicorn(env, args)
    try:
        signs = [
            (
                f"/api/campaign/petitions/{petition_id}/signatures/",
                {
                    "first_name": "Bench",
                    "last_name": f"Signer {n}",
                    "email": f"bench.signer.{n}@example.org",
                    "country": "GB",
                },
            )
            for n in range(args.signers)
        ]
        sign_results, sign_seconds = run_phase(args.port, signs, args.concurrency)
        tokens = json.loads(manage(env, "shell", "-c", CONFIRM_TOKENS, capture=True))
        confirms = [("/api/campaign/signatures/confirm/", {"token": t}) for t in tokens]
        confirm_results, confirm_seconds = run_phase(args.port, confirms, args.concurrency)
    finally:
        server.terminate()
        server.wait()
    count, rows = map(int, manage(env, "shell", "-c", COUNT, capture=True).split())

    print(
        f"\n{args.workers} gunicorn workers, {args.concurrency} concurrent clients, "
        f"{os.cpu_count()} cores, PostgreSQL, Redis\n"
    )
    print("| phase | requests | errors | seconds | per second | median ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    print(summarise("sign (POST signatures)", sign_results, sign_seconds, 202))
    print(summarise("confirm (POST confirm)", confirm_results, confirm_seconds, 200))
    print(
        f"\nSigners sent: {args.signers}; rows stored: {rows}; confirmed count: {count}; "
        f"{'EXACT' if count == rows == args.signers else 'MISMATCH'}"
    )
    return 0 if count == rows == args.signers else 1


if __name__ == "__main__":
    sys.exit(main())

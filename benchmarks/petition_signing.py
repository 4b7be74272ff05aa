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
import json
import os
import socket
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from production import environment, gunicorn, manage, recreate_database, shell  # noqa: E402


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
p = PetitionPage.objects.get(slug="SLUG")
print(confirmed_count(p.pk, use_cache=False), Signature.objects.filter(petition=p).count())
"""


# Enough for each of a few workers to have served some of each request before the clock starts.
WARM_UP = 200


def supporter_address(n):
    """A documentation-range address (RFC 3849) in a /64 of each supporter's own: the rate
    limits count an IPv6 visitor by their /64, as one household's devices share one."""
    return f"2001:db8:{n >> 16:x}:{n & 0xFFFF:x}::1"


def post_json(port, path, body, address="192.0.2.1"):
    """POST JSON on a new connection, as a supporter's browser would; (status, body).

    Written on a bare socket because the load generator shares the two cores with the server:
    http.client parses every response's headers with the email package and so cost twice the
    client CPU (0.52 against 0.26 ms a request), CPU the server then did not get. wrk is
    lighter still but runs for a time, not a count, so it cannot say exactly how many
    signatures were sent when requests are still in flight at its deadline."""
    payload = json.dumps(body).encode() if body is not None else b""
    # What the load balancer adds: the client's address, and that it came over HTTPS.
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
        f"X-Forwarded-Proto: https\r\nX-Forwarded-For: {address}\r\n"
        "Connection: close\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(head.encode() + payload)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    response = b"".join(chunks)
    status_line, _, rest = response.partition(b"\r\n")
    parts = status_line.split(b" ", 2)
    if len(parts) < 2 or not parts[1].isdigit():
        raise OSError(f"not an HTTP response: {status_line[:60]!r}")
    return int(parts[1]), rest.partition(b"\r\n\r\n")[2]


def run_phase(port, requests, concurrency):
    """Send (path, body[, client address]) requests with `concurrency` threads; returns
    statuses, latencies and seconds."""

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


def signing_requests(petition_id, numbers):
    return [
        (
            f"/api/campaign/petitions/{petition_id}/signatures/",
            {
                "first_name": "Bench",
                "last_name": f"Signer {n}",
                "email": f"bench.signer.{n}@example.org",
                "country": "GB",
            },
            supporter_address(n),
        )
        for n in numbers
    ]


def sign_and_confirm(env, port, petition_id, numbers, concurrency, already_confirmed=()):
    """Sign as supporters `numbers`, then confirm every signature not in `already_confirmed`;
    returns both phases' (results, seconds) and the tokens confirmed so far."""
    signed = run_phase(port, signing_requests(petition_id, numbers), concurrency)
    tokens = set(json.loads(shell(env, CONFIRM_TOKENS)))
    confirms = [
        ("/api/campaign/signatures/confirm/", {"token": t})
        for t in tokens.difference(already_confirmed)
    ]
    confirmed = run_phase(port, confirms, concurrency)
    return signed, confirmed, tokens


def measure_signing(env, port, petition_id, slug, signers, concurrency, warm_up=WARM_UP):
    """Sign `signers` distinct supporters, confirm them all; returns the rows for the table and
    whether the count grew by exactly that many.

    `warm_up` other supporters sign and confirm first, so that every worker has opened its
    connections and loaded its code: the figures are for a site that is already serving, as
    the page benchmarks' are. The count is compared from after the warm-up."""
    _, _, warm_tokens = sign_and_confirm(
        env, port, petition_id, range(signers, signers + warm_up), concurrency
    )
    count_script = COUNT.replace("SLUG", slug)
    count_before, rows_before = map(int, shell(env, count_script).split())
    (sign_results, sign_seconds), (confirm_results, confirm_seconds), _ = sign_and_confirm(
        env, port, petition_id, range(signers), concurrency, already_confirmed=warm_tokens
    )
    count, rows = (
        after - before
        for after, before in zip(
            map(int, shell(env, count_script).split()), (count_before, rows_before), strict=True
        )
    )
    return (
        summarise("sign (POST signatures)", sign_results, sign_seconds, 202),
        summarise("confirm (POST confirm)", confirm_results, confirm_seconds, 200),
        signers / sign_seconds,
        (count, rows, count == rows == signers),
    )


def main():
    args = parse_args()
    env = environment(args.database_url, args.redis_url)
    recreate_database(args.database_url)
    manage(env, "migrate", "--noinput", "-v0")
    petition_id = int(shell(env, CREATE_PETITION).split()[-1])
    with gunicorn(env, args.port, args.workers):
        sign_row, confirm_row, _, (count, rows, exact) = measure_signing(
            env, args.port, petition_id, "petition", args.signers, args.concurrency
        )
    print(
        f"\n{args.workers} gunicorn workers, {args.concurrency} concurrent clients, "
        f"{os.cpu_count()} cores, PostgreSQL, Redis\n"
    )
    print("| phase | requests | errors | seconds | per second | median ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    print(sign_row)
    print(confirm_row)
    print(
        f"\nSigners sent: {args.signers}; rows stored: {rows}; confirmed count: {count}; "
        f"{'EXACT' if exact else 'MISMATCH'}"
    )
    return 0 if exact else 1


if __name__ == "__main__":
    sys.exit(main())

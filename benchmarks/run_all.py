"""Every benchmark side by side, on the production shape, in one run; prints a Markdown table.

    python benchmarks/run_all.py             # the full run (about twenty minutes)
    python benchmarks/run_all.py --quick     # tiny sizes, to check the benchmarks still work
    python benchmarks/run_all.py --bakerydemo PATH   # compare with a bakerydemo checkout

Production settings under gunicorn on PostgreSQL and Redis with the demo site loaded; `wrk`
(Debian's package) is the loopback load generator. Every figure is measured in this run, so
ratios compare like with like on whatever machine runs it. Not part of the test suite.

Wagtail's bakerydemo is set up beside it (benchmarks/bakerydemo.py, from the snapshot in
../shared/anchors or the checkout given) and its blog page measured on the same stack, unless
no snapshot is found or the run is --quick.
"""

import argparse
import http.client
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bakerydemo  # noqa: E402
from page_cache_load import add_stories, busting_flood, figures, mixed_load  # noqa: E402
from petition_signing import WARM_UP, measure_signing  # noqa: E402
from production import (  # noqa: E402
    PYTHON,
    ROOT,
    environment,
    gunicorn,
    manage,
    recreate_database,
    shell,
    worker_memory_mib,
)

STORY = "/news/why-we-need-a-firewall/"
INDEX = "/news/"
PETITION = "/firewall/firewall-petition/"
HOME = "/"
PAGES = (("news page", STORY), ("news index", INDEX), ("petition page", PETITION), ("home", HOME))
QUEUE = "/admin/snippets/comments/comment/"

ADD_WAITING_COMMENTS = """
from comments.models import Comment, Commenter
from news.models import NewsPage
story = NewsPage.objects.get(slug="why-we-need-a-firewall")
commenters = Commenter.objects.bulk_create(Commenter(email=f"bench{n}@example.org",
    email_hash=f"bench{n}", confirmed_at=story.first_published_at) for n in range(1000))
batch = 5000
for start in range(0, COUNT, batch):
    Comment.objects.bulk_create(Comment(page=story, commenter=commenters[n % 1000],
        name="Bench", body=f"Waiting comment {n} about police referrals and victims' safety.",
        status="pending", score=(n * 7919 % 1000) / 1000, flagged=n % 20 == 0)
        for n in range(start, min(COUNT, start + batch)))
# Fresh statistics, as autovacuum keeps them in production; without them the planner
# guesses the queue holds a handful of rows.
from django.db import connection
connection.cursor().execute("ANALYZE comments_comment")
print(Comment.objects.filter(status="pending").count())
"""

ADMIN_SESSION = """
from django.contrib.auth import get_user_model
from django.test import Client
user = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-pass-1")
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)
print(client.cookies["sessionid"].value)
"""

QUEUE_QUERIES = """
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get(username="bench"))
client.get("QUEUE")
with CaptureQueriesContext(connection) as queries:
    status = client.get("QUEUE").status_code
print(status, len(queries.captured_queries))
""".replace("QUEUE", QUEUE)

BULK_APPROVE = """
import time
from django.contrib.auth import get_user_model
from comments.moderation_views.bulk import ApproveBulkAction
from comments.models import Comment
user = get_user_model().objects.get(username="bench")
objects = list(Comment.objects.filter(status="pending").order_by("pk")[:COUNT])
started = time.perf_counter()
approved, _ = ApproveBulkAction.execute_action(objects, user=user)
print(approved, time.perf_counter() - started)
"""

PAGE_QUERIES = """
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
counts = []
with override_settings(PAGE_CACHE_SECONDS=0):
    client = Client(HTTP_HOST="127.0.0.1")
    for name, path in PAGES:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts.append(f"{name} {len(queries.captured_queries)}")
print(", ".join(counts))
""".replace("PAGES", repr(PAGES))

PETITION_ID = """
from campaign.models import PetitionPage
print(PetitionPage.objects.get(slug="firewall-petition").pk)
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, a smoke run")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8078)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/campaign_bench_suite"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/4")
    parser.add_argument(
        "--bakerydemo",
        metavar="PATH",
        help="a bakerydemo checkout or snapshot (default: the one in ../shared/anchors)",
    )
    return parser.parse_args()


def wrk(port, path, seconds, connections=8, cookie=None):
    """Requests per second, median and 99th percentile latency (ms) from wrk."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{path}: {errors.group(1)} error responses\n{output}")
    return figures(output)


def screened_per_second():
    output = subprocess.run(
        [PYTHON, "benchmarks/civility_bench.py"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    match = re.search(r"([\d,.]+) comments (?:screened )?per second", output)
    return match.group(1) if match else output.strip().splitlines()[-1]


def measure_pages(port, seconds, rows, label, pages=PAGES):
    """Steady state: one request first fills the page cache (and warms each worker's
    templates), so the figure is not the first seconds after an invalidation."""
    for name, path in pages:
        warm_up(port, path)
        rows.append((f"{name}, {label}", *wrk(port, path, seconds)))


def warm_up(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        connection.getresponse().read()
    finally:
        connection.close()


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("Needs wrk: apt-get install wrk")
    seconds = 2 if args.quick else 10
    waiting = 1_000 if args.quick else 100_000
    approvals = 50 if args.quick else 500
    signers = 100 if args.quick else 2_000
    mixed_seconds, publish_every = (8, 4) if args.quick else (300, 300)
    bakery = None if args.quick and not args.bakerydemo else set_up_bakerydemo(args)

    env = environment(args.database_url, args.redis_url)
    print("Preparing the database (demo content, waiting comments)...", file=sys.stderr)
    recreate_database(args.database_url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_demo_content", "--no-admin")
    shell(env, ADD_WAITING_COMMENTS.replace("COUNT", str(waiting)))
    session = shell(env, ADMIN_SESSION)
    petition_id = int(shell(env, PETITION_ID))
    load_stories = add_stories(env)

    rows = []
    with gunicorn({**env, "PAGE_CACHE_SECONDS": "0"}, args.port, args.workers):
        measure_pages(args.port, seconds, rows, "uncached")
    if not args.quick:
        nothing_kept = {**env, "PAGE_CACHE_SECONDS": "0", "PAGE_FRAGMENT_CACHE": "false"}
        with gunicorn(nothing_kept, args.port, args.workers):
            measure_pages(args.port, seconds, rows, "uncached, no fragments kept", PAGES[:1])
    if bakery is not None:
        with bakerydemo.bakery_gunicorn(bakery, args.port + 1, args.workers):
            warm_up(args.port + 1, bakerydemo.BLOG)
            rows.append(
                (
                    "bakerydemo blog page (no page cache)",
                    *wrk(args.port + 1, bakerydemo.BLOG, seconds),
                )
            )
    with gunicorn(env, args.port, args.workers) as server:
        rows.insert(
            0, ("trivial view (/healthz), same middleware", *wrk(args.port, "/healthz", seconds))
        )
        measure_pages(args.port, seconds, rows, "cached")
        flood = busting_flood(args.port, STORY, seconds)
        mixed = mixed_load(env, args.port, load_stories, mixed_seconds, publish_every)
        # Warmed as the pages are: each worker's first admin view compiles the admin's
        # templates, and with only a few hundred requests those first views are the p99.
        wrk(args.port, QUEUE, 2, connections=4, cookie=session)
        rows.append(
            (
                f"moderation queue, {waiting:,} waiting",
                # Three times as long as a page: at about 30 views a second, ten seconds
                # give some 300 views, whose p99 is the third slowest, one stall of the
                # shared machine. Thirty seconds give a p99 of some 9 views.
                *wrk(args.port, QUEUE, seconds * 3, connections=4, cookie=session),
            )
        )
        sign_row, confirm_row, signs_per_second, (count, stored, exact) = measure_signing(
            env,
            args.port,
            petition_id,
            "firewall-petition",
            signers,
            32,
            warm_up=20 if args.quick else WARM_UP,
        )
        memory = worker_memory_mib(server.pid)

    _, queue_queries = shell(env, QUEUE_QUERIES).split()
    page_queries = shell(env, PAGE_QUERIES)
    approved, approve_seconds = shell(env, BULK_APPROVE.replace("COUNT", str(approvals))).split()
    report(
        args,
        rows,
        memory,
        signing={
            "rows": (sign_row, confirm_row),
            "per_second": signs_per_second,
            "sent": signers,
            "counted": count,
            "stored": stored,
            "exact": exact,
        },
        queue_queries=queue_queries,
        approval=(approved, float(approve_seconds)),
        pages={
            "queries": page_queries,
            "bakerydemo_queries": bakery.queries if bakery else None,
            "flood": flood,
            "mixed": mixed,
            "mixed_seconds": mixed_seconds,
            "publish_every": publish_every,
        },
    )
    return 0 if exact else 1


def set_up_bakerydemo(args):
    try:
        return bakerydemo.setup(source=args.bakerydemo)
    except bakerydemo.SnapshotMissing as missing:
        print(f"bakerydemo comparison skipped: {missing}", file=sys.stderr)
        return None


def report(args, rows, memory, signing, queue_queries, approval, pages):
    trivial = rows[0][1]
    print(
        f"\nMachine: {platform.node()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; "
        f"gunicorn {args.workers} workers, production settings, PostgreSQL, Redis; "
        f"wrk 2 threads, 8 connections (4 for the admin queue), loopback.\n"
    )
    print("| what | requests/s | of trivial | median ms | p99 ms |")
    print("|---|---|---|---|---|")
    for name, rps, median, p99 in rows:
        print(f"| {name} | {rps:,.0f} | {rps / trivial:.0%} | {median:.1f} | {p99:.1f} |")
    blog = next((row[1] for row in rows if row[0].startswith("bakerydemo")), None)
    if blog:
        print("\n| uncached page | times bakerydemo's blog page |")
        print("|---|---|")
        for name, rps, *_ in rows:
            if name.endswith(", uncached") or "no fragments" in name:
                print(f"| {name} | {rps / blog:.2f} |")
    ratio, rps, median, p99, approved, published = pages["mixed"]
    print(
        f"\n- Mixed load, {pages['mixed_seconds']} s: readers over 50 stories (Zipf), "
        f"{approved} comments approved (one a second), {published} stories published (one "
        f"every {pages['publish_every']} s): {ratio:.1%} of reader requests from the cache, "
        f"{rps:,.0f} requests/s, median {median:.1f} ms, p99 {p99:.1f} ms."
    )
    alone, beside, flood_rps = pages["flood"]
    print(
        f"- Busting flood: the hot story served {alone:,.0f} requests/s alone and "
        f"{beside:,.0f} ({beside / alone:.0%}) beside one client sending {flood_rps:,.0f} "
        "requests/s with random query strings."
    )
    print(f"- SQL queries per page, rendered without the page cache: {pages['queries']}.")
    if pages["bakerydemo_queries"] is not None:
        print(f"- bakerydemo's blog page: {pages['bakerydemo_queries']} queries.")
    print("\n| signing phase | requests | errors | seconds | per second | median ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    for row in signing["rows"]:
        print(row)
    print(
        f"\n- Signatures per second: {signing['per_second']:.0f}; {signing['sent']:,} sent, "
        f"count grew by {signing['counted']:,}, rows by {signing['stored']:,}: "
        f"{'exact' if signing['exact'] else 'NOT EXACT'}."
    )
    print(f"- Moderation queue: {queue_queries} queries per page view.")
    print(f"- Bulk approval: {approval[0]} comments in {approval[1]:.2f} s.")
    print(f"- Comments screened per second (one process): {screened_per_second()}.")
    print(
        "- Resident memory per gunicorn worker after the run (MiB): "
        + ", ".join(f"{size:.0f}" for size in memory)
        + "."
    )


if __name__ == "__main__":
    sys.exit(main())

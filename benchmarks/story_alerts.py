"""How long a story's alert takes to reach 100,000 subscribers, how much memory the worker
needs, and whether each gets exactly one email when the worker is killed half-way.

    python benchmarks/story_alerts.py                       # 100,000 subscribers
    python benchmarks/story_alerts.py --subscribers 5000    # a quick smoke run

Production shape on this machine: production settings, PostgreSQL, Redis for the cache, the
database task queue and one `manage.py db_worker`, with a fast in-process email backend
(benchmarks/alert_mail.py: each message is built as SMTP would build it, and its recipient
written to a file). Two stories are published, one after the other:

1. Clean run: the time from publishing until the last alert is handed to the backend, and
   the worker's peak resident memory (VmHWM).
2. Killed run: the worker is killed with SIGKILL once half the alerts have gone, the task it
   was running is re-queued with `requeue_stale_tasks` once its claims have lapsed
   (TASK_STALE_SECONDS, 5 here), and a fresh worker finishes. Each subscriber must appear
   exactly once in what the backend was handed.

Needs PostgreSQL at --database-url (the database is dropped and recreated) and Redis at
--redis-url. Not part of the test suite. For run_all.py: `measure_story_alerts(...)`.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from production import PYTHON, ROOT, environment, manage, recreate_database, shell  # noqa: E402

STALE_SECONDS = 5

CREATE_SITE_AND_SUBSCRIBERS = """
from django.db import transaction
from taggit.models import Tag
from wagtail.models import Page, Site
from alerts.models import Subscriber, Subscription
from alerts.topics import consent_version
from campaign.models import HomePage
from core.identity import email_hash
from news.models import NewsIndexPage
root = Page.get_first_root_node()
home = root.add_child(instance=HomePage(title="Bench", slug="bench", hero_heading="Bench"))
home.save_revision().publish()
Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home,
    "hostname": "campaigns.example.org", "port": 443})
index = home.add_child(instance=NewsIndexPage(title="News", slug="news"))
index.save_revision().publish()
tag = Tag.objects.create(name="Police data sharing", slug="police-data-sharing")
version = consent_version()
N = COUNT
for start in range(0, N, 5000):
    with transaction.atomic():
        emails = [f"reader.{n}@example.org" for n in range(start, min(N, start + 5000))]
        people = Subscriber.objects.bulk_create(
            [Subscriber(email=e, email_hash=email_hash(e)) for e in emails]
        )
        # Half follow the tag, half every story: the story reaches them all, once each.
        Subscription.objects.bulk_create(
            [
                Subscription(subscriber=p, kind="tag", tag=tag, topic_key=f"tag:{tag.pk}",
                             status="confirmed", consent_version=version)
                if p.pk % 2 else
                Subscription(subscriber=p, kind="all", topic_key="all",
                             status="confirmed", consent_version=version)
                for p in people
            ]
        )
print(Subscriber.objects.count())
"""

PUBLISH = """
import json
from taggit.models import Tag
from news.models import NewsIndexPage, NewsPage
index = NewsIndexPage.objects.get()
story = NewsPage(title="TITLE", slug="SLUG", standfirst="Police forces still pass victims' "
    "details to immigration enforcement.", body=json.dumps([{"type": "paragraph",
    "value": "<p>The story.</p>"}]))
index.add_child(instance=story)
story.tags.add(Tag.objects.get(slug="police-data-sharing"))
story.save_revision().publish()
print(story.pk)
"""

ALERT_STATE = """
from alerts.models import Alert
alert = Alert.objects.get(story_id=STORY)
print(alert.status, alert.sent_count)
"""


def start_worker(env, *extra):
    return subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--no-startup-delay", "--no-reload",
         "--interval", "0.2", *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def peak_memory_mib(pid):
    """The process's peak resident memory so far (VmHWM), in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def lines_in(path):
    try:
        with open(path, "rb") as handle:
            return sum(1 for _ in handle)
    except FileNotFoundError:
        return 0


def wait_for_lines(path, count, worker, timeout, watch_memory=None):
    """Until `path` has `count` lines; returns the peak memory seen (MiB)."""
    deadline = time.monotonic() + timeout
    peak = 0.0
    while lines_in(path) < count:
        if worker.poll() is not None:
            raise SystemExit(f"the worker exited ({worker.returncode}) before {count} alerts")
        if time.monotonic() > deadline:
            raise SystemExit(f"only {lines_in(path)} of {count} alerts after {timeout} s")
        peak = max(peak, peak_memory_mib(worker.pid))
        time.sleep(0.2)
    return max(peak, peak_memory_mib(worker.pid))


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def measure_story_alerts(database_url, redis_url, subscribers=100_000, timeout=1800):
    """Both runs; returns a dict of the figures (see main() for how they are shown)."""
    folder = Path(tempfile.mkdtemp(prefix="story-alerts-"))
    clean_file, killed_file = folder / "clean.txt", folder / "killed.txt"
    env = environment(
        database_url,
        redis_url,
        EMAIL_BACKEND="benchmarks.alert_mail.EmailBackend",
        TASK_STALE_SECONDS=STALE_SECONDS,
        ALERT_BENCH_MAIL_FILE=clean_file,
    )
    recreate_database(database_url)
    manage(env, "migrate", "--noinput", "-v0")
    made = int(shell(env, CREATE_SITE_AND_SUBSCRIBERS.replace("COUNT", str(subscribers))))
    assert made == subscribers, made

    # 1. Clean run: publish, then time until the last alert is handed over.
    worker = start_worker(env)
    try:
        time.sleep(3)  # the worker has started and is polling an empty queue
        started = time.monotonic()
        story = shell(env, PUBLISH.replace("TITLE", "First story").replace("SLUG", "first"))
        peak = wait_for_lines(clean_file, subscribers, worker, timeout)
        seconds = time.monotonic() - started
        time.sleep(1)
    finally:
        stop(worker)
    state = shell(env, ALERT_STATE.replace("STORY", story))

    # 2. Killed run: SIGKILL at half-way, re-queue, a fresh worker finishes.
    env["ALERT_BENCH_MAIL_FILE"] = str(killed_file)
    story = shell(env, PUBLISH.replace("TITLE", "Second story").replace("SLUG", "second"))
    worker = start_worker(env)
    try:
        wait_for_lines(killed_file, subscribers // 2, worker, timeout)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        stop(worker)
    at_kill = lines_in(killed_file)
    time.sleep(STALE_SECONDS + 1)  # the dead worker's claims lapse
    manage(env, "requeue_stale_tasks", "--older-than", str(STALE_SECONDS), capture=True)
    restarted = start_worker(env, "--batch")
    try:
        restarted.wait(timeout=timeout)
    finally:
        stop(restarted)
    handed = Counter(killed_file.read_text().split())
    killed_state = shell(env, ALERT_STATE.replace("STORY", story))
    return {
        "subscribers": subscribers,
        "seconds": seconds,
        "per_second": subscribers / seconds,
        "peak_mib": peak,
        "clean_state": state,
        "killed_at": at_kill,
        "killed_total": sum(handed.values()),
        "killed_distinct": len(handed),
        "killed_duplicates": sum(count - 1 for count in handed.values() if count > 1),
        "killed_state": killed_state,
        "exact": len(handed) == subscribers and sum(handed.values()) == subscribers,
    }


def table(figures):
    return "\n".join(
        [
            "| story alert | figure | goal |",
            "|---|---|---|",
            f"| {figures['subscribers']:,} subscribers, publish to last email handed over | "
            f"{figures['seconds']:.0f} s ({figures['per_second']:,.0f} a second) | under 300 s |",
            f"| worker's peak memory | {figures['peak_mib']:.0f} MiB | under 200 MiB |",
            f"| worker killed at {figures['killed_at']:,}, restarted | "
            f"{figures['killed_total']:,} sent, {figures['killed_distinct']:,} distinct, "
            f"{figures['killed_duplicates']} twice | exactly {figures['subscribers']:,} |",
        ]
    )


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/campaign_alerts_bench"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/2")
    return parser.parse_args()


def main():
    args = parse_args()
    figures = measure_story_alerts(args.database_url, args.redis_url, args.subscribers)
    print(f"\n{os.cpu_count()} cores, PostgreSQL, Redis, one db_worker\n")
    print(table(figures))
    print(f"\nalert rows: clean run {figures['clean_state']}; killed run {figures['killed_state']}")
    print("EXACT" if figures["exact"] else "MISMATCH")
    return 0 if figures["exact"] else 1


if __name__ == "__main__":
    sys.exit(main())

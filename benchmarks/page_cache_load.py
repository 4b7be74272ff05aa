"""The page cache under a realistic mix, and under a flood meant to bust it.

Mixed load: readers spread over 50 stories as readers are (a Zipf distribution: the top story
gets about a fifth of the visits), while moderators approve one comment a second and an editor
publishes one story every five minutes. Reports the share of reader requests served from the
cache (the `X-Page-Cache` header) and their latency.

Busting flood: one client asks for the hot story with a fresh random query string each time,
as fast as it can, while readers ask for it plainly; reports the readers' throughput against
the same readers with no flood.

Both drive `wrk` with a small Lua script written to a temporary file.
"""

import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from production import shell

STORY_COUNT = 50
ZIPF_EXPONENT = 1.0

ADD_STORIES = """
import datetime
from news.models import NewsIndexPage, NewsPage
index = NewsIndexPage.objects.get()
model = NewsPage.objects.live().order_by("pk").first()
paths = []
for n in range(COUNT):
    story = NewsPage(
        title=f"Load story {n}: victims, police and the firewall",
        slug=f"load-story-{n}",
        standfirst=model.standfirst,
        date_published=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        category=model.category,
        source=model.source,
        hero_image=model.hero_image,
        body=model.body.raw_data,
    )
    index.add_child(instance=story)
    story.tags.add(*[tag.name for tag in model.tags.all()])
    story.save_revision().publish()
    paths.append(story.url)
print(" ".join(paths))
"""

# Runs beside the readers: approves a comment a second on a story chosen like a reader's
# (popular stories get the comments), and publishes a new story every PUBLISH_EVERY seconds.
CHURN = """
import datetime, random, time
from django.contrib.auth import get_user_model
from comments.models import Comment, Commenter
from comments.moderation import approve
from news.models import NewsIndexPage, NewsPage
moderator, _ = get_user_model().objects.get_or_create(username="churn")
index = NewsIndexPage.objects.get()
stories = list(NewsPage.objects.filter(slug__startswith="load-story-").order_by("pk"))
weights = [1 / (rank + 1) ** EXPONENT for rank in range(len(stories))]
commenter = Commenter.objects.create(email="churn@example.org", email_hash="churn-bench",
    confirmed_at=stories[0].first_published_at)
started = time.monotonic()
approved = published = 0
next_publish = started + PUBLISH_EVERY / 2  # the first half-way through, then every PUBLISH_EVERY
while time.monotonic() - started < DURATION:
    tick = time.monotonic()
    story = random.choices(stories, weights)[0]
    comment = Comment.objects.create(page=story, commenter=commenter, name="Reader",
        body=f"Comment {approved} on the firewall and victims' safety.", status="pending")
    approve(comment, moderator)
    approved += 1
    if tick >= next_publish:
        fresh = NewsPage(title=f"Breaking story {published}", slug=f"breaking-{published}",
            standfirst=story.standfirst, date_published=datetime.date.today(),
            body=story.body.raw_data)
        index.add_child(instance=fresh)
        fresh.save_revision().publish()
        published += 1
        next_publish += PUBLISH_EVERY
    time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
print(approved, published)
"""

ZIPF_READERS = """
local paths = {PATHS}
local weights, total = {}, 0
for rank = 1, #paths do
  total = total + 1 / rank ^ EXPONENT
  weights[rank] = total
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) hits, misses, other = 0, 0, 0 end
function request()
  local pick, path = math.random() * total, paths[#paths]
  for rank = 1, #paths do
    if pick <= weights[rank] then path = paths[rank]; break end
  end
  return wrk.format("GET", path)
end
function response(status, headers, body)
  local state = headers["X-Page-Cache"]
  if state == "hit" then hits = hits + 1 elseif state == "miss" then misses = misses + 1
  else other = other + 1 end
end
function done(summary, latency, requests)
  local h, m, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits"); m = m + thread:get("misses"); o = o + thread:get("other")
  end
  io.write(string.format("CACHE hits=%d misses=%d other=%d\\n", h, m, o))
end
"""

RANDOM_QUERY = """
local counter = 0
function request()
  counter = counter + 1
  return wrk.format("GET", "PATH?utm_source=" .. math.random(1e9) .. "&r=" .. counter)
end
"""


def add_stories(env, count=STORY_COUNT):
    return shell(env, ADD_STORIES.replace("COUNT", str(count))).split()


def run_wrk(port, seconds, connections, script=None, path="/", threads=2):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", script]
    return subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout


def lua_file(source):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(source)
    return handle.name


def figures(output):
    """Requests/s, median and p99 latency (ms) from wrk's output."""
    return (
        float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        latency_ms(output, "50%"),
        latency_ms(output, "99%"),
    )


def latency_ms(output, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)\b", output).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def mixed_load(env, port, paths, seconds, publish_every):
    """Readers over `paths` (most popular first) while comments are approved and stories
    published. Returns (hit ratio, requests/s, median ms, p99 ms, approved, published)."""
    lua_paths = "{" + ", ".join(f'"{path}"' for path in paths) + "}"
    script = lua_file(
        ZIPF_READERS.replace("{PATHS}", lua_paths).replace("EXPONENT", str(ZIPF_EXPONENT))
    )
    churn_result = {}

    def churn():
        code = (
            CHURN.replace("DURATION", str(seconds))
            .replace("PUBLISH_EVERY", str(publish_every))
            .replace("EXPONENT", str(ZIPF_EXPONENT))
        )
        churn_result["out"] = shell(env, code)

    churner = threading.Thread(target=churn)
    churner.start()
    time.sleep(2)  # the churn's Django start-up, so that both run for the whole window
    try:
        output = run_wrk(port, seconds, connections=8, script=script)
    finally:
        churner.join()
        Path(script).unlink()
    hits, misses, other = (
        int(value) for value in re.search(r"hits=(\d+) misses=(\d+) other=(\d+)", output).groups()
    )
    if other:
        print(f"mixed load: {other} responses were neither hit nor miss", file=sys.stderr)
    approved, published = (int(value) for value in churn_result["out"].split())
    ratio = hits / max(1, hits + misses + other)
    return (ratio, *figures(output), approved, published)


def busting_flood(port, path, seconds):
    """The hot story's readers' requests/s alone and beside one client sending random query
    strings; returns (alone, beside the flood, the flood's own requests/s)."""
    alone = figures(run_wrk(port, seconds, connections=8, path=path))[0]
    script = lua_file(RANDOM_QUERY.replace("PATH", path))
    flood_output = {}

    def flood():
        flood_output["out"] = run_wrk(
            port, seconds + 2, connections=1, script=script, path=path, threads=1
        )

    flooder = threading.Thread(target=flood)
    flooder.start()
    time.sleep(1)
    try:
        beside = figures(run_wrk(port, seconds, connections=8, path=path))[0]
    finally:
        flooder.join()
        Path(script).unlink()
    return alone, beside, figures(flood_output["out"])[0]

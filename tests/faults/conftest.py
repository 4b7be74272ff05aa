"""Fixtures for breaking things on purpose: a database nobody answers at, and pages to ask for.

Nothing here stops or reconfigures a shared server: a broken connection points at a closed
port (PostgreSQL) or an impossible path (SQLite), and is swapped in for this thread only.
"""

import socket
from contextlib import contextmanager

import pytest
from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from tests.factories import NewsPageFactory, PetitionPageFactory


def closed_port():
    """A port nothing listens on: bound once by us, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def unreachable_settings(settings_dict):
    broken = dict(settings_dict)
    if broken["ENGINE"].endswith("sqlite3"):
        broken["NAME"] = "/nonexistent-directory/campaign.sqlite3"
    else:
        broken.update(HOST="127.0.0.1", PORT=str(closed_port()), CONN_MAX_AGE=0)
    return broken


@contextmanager
def database_down():
    """Inside, every query in this thread fails to connect, as when the server is down."""
    original = connections["default"]
    connections["default"] = type(original)(
        unreachable_settings(original.settings_dict), alias="default"
    )
    try:
        yield
    finally:
        connections["default"] = original


@pytest.fixture
def petition(campaign):
    return PetitionPageFactory(parent=campaign)


@pytest.fixture
def story(news_index):
    return NewsPageFactory(parent=news_index, title="Police passed victims' details on")


def run_ready_tasks():
    """What `db_worker` does for each ready task, without its polling loop."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran

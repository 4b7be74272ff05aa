"""bin/backup and bin/restore, run as documented: a dump restores into an empty database.

PostgreSQL only (pg_dump and pg_restore are PostgreSQL's tools); CI runs it on every push.
"""

import os
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from campaign import counting
from tests.factories import PetitionPageFactory, SignatureFactory

ROOT = Path(settings.BASE_DIR)
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="pg_dump and pg_restore need PostgreSQL",
    ),
]


def database_url(name):
    url = urlparse(os.environ["DATABASE_URL"])
    return url._replace(path=f"/{name}").geturl()


@pytest.fixture
def empty_database():
    name = f"{connection.settings_dict['NAME']}_restored"
    admin = database_url("postgres")
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    yield database_url(name)
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(script, *args, **env):
    return subprocess.run(
        [str(ROOT / "bin" / script), *map(str, args)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_backup_restores_into_an_empty_database_with_its_media(
    campaign, empty_database, tmp_path
):
    petition = PetitionPageFactory(parent=campaign, title="Safe reporting for all victims")
    signatures = [SignatureFactory(petition=petition) for _ in range(3)]
    for signature in signatures:
        counting.confirm_signature(signature.pk)
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "banner.png").write_bytes(b"\x89PNG fake but kept byte for byte")

    backup = run(
        "backup", tmp_path / "backups",
        DATABASE_URL=database_url(connection.settings_dict["NAME"]), MEDIA_ROOT=str(media),
    )  # fmt: skip
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip().splitlines()[-1])
    assert (folder / "database.dump").stat().st_mode & 0o077 == 0  # owner-only

    restored_media = tmp_path / "restored-media"
    restore = run("restore", folder, DATABASE_URL=empty_database, MEDIA_ROOT=str(restored_media))
    assert restore.returncode == 0, restore.stderr

    with psycopg.connect(empty_database) as db:
        title = db.execute(
            "SELECT title FROM wagtailcore_page WHERE id = %s", [petition.pk]
        ).fetchone()
        emails = db.execute("SELECT email FROM campaign_signature ORDER BY id").fetchall()
        count = db.execute(
            "SELECT sum(count) FROM campaign_signaturecountshard WHERE petition_id = %s",
            [petition.pk],
        ).fetchone()
    assert title == ("Safe reporting for all victims",)
    assert [row[0] for row in emails] == [s.email for s in signatures]
    assert count == (3,)
    assert (restored_media / "original_images" / "banner.png").read_bytes() == (
        media / "original_images" / "banner.png"
    ).read_bytes()

    # Restoring again over the now-full database is refused: nothing is overwritten.
    again = run("restore", folder, DATABASE_URL=empty_database, MEDIA_ROOT=str(restored_media))
    assert again.returncode == 1 and "empty one" in again.stderr

"""The worker for real: two Huey consumers (`manage.py run_huey`, separate processes) on one queue
and one database, sending to the SMTP server of the test. Each digest arrives exactly once,
whichever consumer ran which task, however many times the period's task was queued.

On SQLite the consumers share a database file; on PostgreSQL (DATABASE_URL=postgres://...) the
test's own database.
"""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

from tests.servers import BASE_DIR, wait_until

# serialized_rollback: the domaines the migrations load are back even after another
# transactional test flushed the tables.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SETUP = """
import datetime
from django.utils import timezone
from tests.alerts.helpers import alert
from tests.factories import JobFactory
from jobs.choices import Category
for number in range(24):
    alert(f"person{number}@example.org", ["categorie=A", "categorie=B", ""][number % 3])
for category in (Category.A, Category.B):
    JobFactory(category=category, published_at=timezone.now() - datetime.timedelta(minutes=5))
"""
ENQUEUE = """
from alerts.tasks import send_digests, tick
for _ in range(3):
    send_digests("daily")
tick()
"""
REPORT = """
from alerts.models import Digest
print(sorted(Digest.objects.values_list("status", flat=True)))
"""


def database_url(tmp_path):
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings["USER"] or "postgres"
        host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
        return f"postgres://{user}@{host}:{port}/{settings['NAME']}"
    return f"sqlite:///{tmp_path / 'worker.sqlite3'}"


def manage(env, *args, timeout=180):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_two_consumers_send_each_digest_once(smtp, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(tmp_path),
        "HUEY_FOLDER": str(tmp_path / "huey"),
        "HUEY_IMMEDIATE": "false",
        "HUEY_URL": "",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.server.port}",
        "CACHE_URL": "locmemcache://",
        "DJANGO_SECRET_KEY": "worker-test-key",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    if connection.vendor == "sqlite":
        manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "shell", "-c", SETUP)
    consumers = []
    try:
        for number in range(2):
            log = open(tmp_path / f"consumer{number}.log", "w")  # noqa: SIM115
            consumers.append(
                (
                    subprocess.Popen(
                        [sys.executable, "manage.py", "run_huey", "-w", "1", "-k", "thread"],
                        cwd=BASE_DIR,
                        env=env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    ),
                    log,
                )
            )
        manage(env, "shell", "-c", ENQUEUE)
        assert wait_until(lambda: len(smtp.messages) >= 24, timeout=90), (
            f"{len(smtp.messages)} e-mails after 90 s"
        )
        time.sleep(3)  # Time for a second sending, were there one.
    finally:
        for process, log in consumers:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()
    recipients = sorted(m["To"] for m in smtp.messages)
    assert recipients == sorted(f"person{n}@example.org" for n in range(24))
    assert manage(env, "shell", "-c", REPORT).strip().splitlines()[-1] == str(["sent"] * 24)
    logs = "".join((tmp_path / f"consumer{n}.log").read_text() for n in range(2))
    assert "Traceback" not in logs, logs

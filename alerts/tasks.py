"""The worker's tasks (Huey; `manage.py run_huey` runs them, `make run` starts it).

The scheduler's tick runs every ten minutes; the digests' own hour (each morning in Paris time,
Mondays for the weekly ones) is decided in alerts/digests.py, so that a worker stopped at that
hour sends them when it starts again, and a tick run twice (two servers) sends nothing twice.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from alerts import digests, mailing, maintenance


@db_task(retries=6, retry_delay=120)
def send_confirmation(subscription_id):
    return mailing.send_confirmation(subscription_id)


@db_task(retries=6, retry_delay=120)
def send_already_subscribed(subscription_id):
    return mailing.send_already_subscribed(subscription_id)


@db_task()
def send_digests(frequency):
    return digests.send_digests(frequency)


@db_periodic_task(crontab(minute="*/10"))
def tick():
    sent = digests.send_due_digests()
    maintenance.purge()
    return sent

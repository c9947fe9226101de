"""manage.py send_alert_digests: what the worker's tick does, at once (or one rhythm, --force)."""

from django.core.management.base import BaseCommand

from alerts import digests, maintenance
from alerts.models import Frequency


class Command(BaseCommand):
    help = (
        "Send the digests that are due (as the worker does every ten minutes) and the retries; "
        "--frequency daily|weekly sends that rhythm's digests of the current period now, whatever "
        "the hour. Safe to run while workers run: no digest is ever sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=Frequency.values)

    def handle(self, frequency=None, **options):
        if frequency:
            sent = digests.send_digests(frequency)
        else:
            sent = digests.send_due_digests()
        maintenance.purge()
        self.stdout.write(f"{sent} e-mail(s) envoyé(s).")

"""manage.py erase_alert_address ADDRESS: erase every alert of one address (a request to the DPO)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from alerts.forms import normalise_email
from alerts.models import Subscription


class Command(BaseCommand):
    help = "Erase every e-mail alert of ADDRESS, with its links and the record of its digests."

    def add_arguments(self, parser):
        parser.add_argument("address")

    def handle(self, address, **options):
        try:
            email = normalise_email(address)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        count = Subscription.objects.filter(email=email).count()
        Subscription.objects.filter(email=email).delete()
        self.stdout.write(f"{count} alerte(s) effacée(s) pour {email}.")

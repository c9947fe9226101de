"""E-mail alerts without an account: who follows which search, the links' secrets, the digests.

- `SavedSearch`: one row per distinct search (its canonical query string). HR read how many
  alerts follow each one; digests are computed once per search, not once per subscriber.
- `Subscription`: an address following a search at a rhythm. It is « en attente » until the
  link of the confirmation e-mail is followed (double opt-in); an unconfirmed request is deleted
  when its link expires. Deleting it (one click, the « Gérer mon alerte » page, the DPO) deletes
  everything about it at once (its links and its digests cascade).
- `AccessToken`: the SHA-256 of a link's secret (alerts/tokens.py), for one purpose: confirming,
  or managing (which includes the one-click unsubscribe). Each e-mail carries a new management
  link; the older ones keep working for as long as the alert exists.
- `Digest`: one e-mail for one subscription and one period (« 2026-12-02 », « 2026-W49 »). Its
  row is written before the e-mail is sent, under a unique constraint on (subscription, period):
  two workers, or a run started again, cannot send a period's digest twice.
"""

import datetime

from django.db import models
from django.utils import timezone

CONFIRMATION_DAYS = 7


class Frequency(models.TextChoices):
    DAILY = "daily", "Chaque jour"
    WEEKLY = "weekly", "Chaque semaine"


class SavedSearch(models.Model):
    query = models.TextField("recherche (adresse)", unique=True, blank=True)
    description = models.CharField("recherche", max_length=1000)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "recherche suivie"
        verbose_name_plural = "recherches suivies"
        ordering = ["description"]

    def __str__(self):
        return self.description


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Subscription.Status.ACTIVE)

    def expired_requests(self, now=None):
        """Requests never confirmed whose link has expired: deleted, as the form says."""
        now = now or timezone.now()
        return self.filter(
            status=Subscription.Status.PENDING,
            created_at__lt=now - datetime.timedelta(days=CONFIRMATION_DAYS),
        )


class Subscription(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "En attente de confirmation"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Suspendue"

    # Lower-cased, its domain in ASCII (IDNA): one address, one row per search.
    email = models.EmailField("adresse électronique", max_length=254)
    search = models.ForeignKey(
        SavedSearch,
        on_delete=models.PROTECT,
        related_name="subscriptions",
        verbose_name="recherche",
    )
    frequency = models.CharField(
        "rythme", max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PENDING)
    # Where the visitor subscribed (scheme, host and port): the e-mails' links lead there. The
    # site has no fixed address of its own (settings.py, « No SITE_URL »).
    site_url = models.CharField("adresse du site", max_length=200)
    created_at = models.DateTimeField("demandée le", default=timezone.now)
    confirmed_at = models.DateTimeField("confirmée le", null=True, blank=True)
    # The next digest lists the offers published after this moment: the confirmation, then the
    # cut of the last digest sent.
    offers_since = models.DateTimeField("offres publiées depuis", null=True, blank=True)
    last_error = models.TextField("dernière erreur d’envoi", blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = "abonnement"
        verbose_name_plural = "abonnements"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["email", "search"], name="alerts_one_alert_per_search")
        ]
        indexes = [models.Index(fields=["status", "frequency", "search"])]
        permissions = [
            ("view_subscriber_email", "Voir et effacer les adresses des abonnés aux alertes"),
        ]

    def __str__(self):
        return f"Alerte n° {self.pk}"

    @property
    def confirmation_expires_at(self):
        return self.created_at + datetime.timedelta(days=CONFIRMATION_DAYS)

    def confirm(self, now=None):
        """The address is the visitor's: digests start, with the offers published from now on."""
        now = now or timezone.now()
        self.status = self.Status.ACTIVE
        self.confirmed_at = now
        self.offers_since = now
        self.save(update_fields=["status", "confirmed_at", "offers_since"])
        self.tokens.filter(purpose=AccessToken.Purpose.CONFIRM).delete()

    def pause(self):
        self.status = self.Status.PAUSED
        self.save(update_fields=["status"])

    def resume(self, now=None):
        """Back to active: the offers published during the pause are not sent afterwards."""
        self.status = self.Status.ACTIVE
        self.offers_since = now or timezone.now()
        self.save(update_fields=["status", "offers_since"])


class AccessToken(models.Model):
    class Purpose(models.TextChoices):
        CONFIRM = "confirm", "Confirmer"
        MANAGE = "manage", "Gérer ou se désabonner"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="tokens")
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the link's secret.
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "lien"
        indexes = [models.Index(fields=["subscription", "purpose", "created_at"])]

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.created_at:%Y-%m-%d})"


class Digest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "À envoyer"
        SENDING = "sending", "En cours d’envoi"
        SENT = "sent", "Envoyé"
        EMPTY = "empty", "Sans offre (plus aucune offre ouverte à l’envoi)"
        FAILED = "failed", "Échec définitif"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="digests")
    period = models.CharField("période", max_length=10)
    # The offers published in (since, cut]: `cut` is the moment the period's digests were computed.
    since = models.DateTimeField()
    cut = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Which run wrote the row: a run sends only the digests it wrote itself.
    batch = models.CharField(max_length=32, db_index=True)
    offers = models.PositiveIntegerField("offres", default=0)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "envoi"
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period"], name="alerts_one_digest_per_period"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.period} ({self.get_status_display()})"


class DigestRun(models.Model):
    """A period's digests were computed (`finished_at`): the scheduler does not start it again."""

    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    period = models.CharField(max_length=10)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    digests = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["frequency", "period"], name="alerts_one_run_per_period"
            )
        ]

    def __str__(self):
        return f"{self.frequency} {self.period}"

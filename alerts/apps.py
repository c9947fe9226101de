from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """E-mail alerts: a saved search of the offer list, confirmed once, sent as digests."""

    name = "alerts"
    verbose_name = "Alertes par e-mail"

"""The one-off e-mails, sent by the worker: the confirmation link, and « you already follow this
search ». Each makes its own link's secret, so that no secret waits in the task queue."""

import logging

from django.core.mail import get_connection
from django.utils import timezone

from alerts import emails, tokens
from alerts.digests import describe, permanent
from alerts.models import AccessToken, Subscription

logger = logging.getLogger(__name__)


def _send(subscription, mail):
    try:
        get_connection().send_messages([mail])
    except Exception as error:
        Subscription.objects.filter(pk=subscription.pk).update(last_error=describe(error))
        if permanent(error):
            logger.error("Alert %s: address refused: %s", subscription.pk, error)
            return False
        raise  # The task queue tries again later.
    return True


def send_confirmation(subscription_id):
    subscription = (
        Subscription.objects.select_related("search")
        .filter(pk=subscription_id, status=Subscription.Status.PENDING)
        .first()
    )
    if subscription is None:  # Confirmed, or deleted, in the meantime.
        return False
    raw, hashed = tokens.new_token()
    # One valid confirmation link at a time: the latest e-mail's.
    subscription.tokens.filter(purpose=AccessToken.Purpose.CONFIRM).delete()
    AccessToken.objects.create(
        subscription=subscription,
        purpose=AccessToken.Purpose.CONFIRM,
        digest=hashed,
        created_at=timezone.now(),
    )
    return _send(subscription, emails.confirmation(subscription, raw))


def new_manage_token(subscription):
    raw, hashed = tokens.new_token()
    AccessToken.objects.create(
        subscription=subscription, purpose=AccessToken.Purpose.MANAGE, digest=hashed
    )
    return raw


def send_already_subscribed(subscription_id):
    subscription = (
        Subscription.objects.select_related("search")
        .filter(pk=subscription_id)
        .exclude(status=Subscription.Status.PENDING)
        .first()
    )
    if subscription is None:
        return False
    return _send(
        subscription, emails.already_subscribed(subscription, new_manage_token(subscription))
    )

"""Bounces and complaints from the email service provider end a supporter's alerts.

django-anymail receives each provider's tracking webhook at /alerts/anymail/<esp>/tracking/
(config/urls.py, only when an ESP is configured), checks its shared secret, and sends the
`tracking` signal with a normalised event. A hard bounce ("bounced") or a spam complaint
("complained") means the address must get no more alerts: it is treated as the owner pressing
"unsubscribe". Soft bounces ("deferred") and every other event change nothing.

Without anymail installed nothing is connected: plain SMTP has no webhooks.
"""

import logging

from alerts.erasure import leave_everything
from core.identity import email_hash

logger = logging.getLogger(__name__)

ENDING_EVENTS = {"bounced", "complained"}


def handle_tracking(sender, event, esp_name, **kwargs):
    if event.event_type not in ENDING_EVENTS or not event.recipient:
        return
    ended = leave_everything(email_hash(event.recipient))
    logger.info("%s reported a %s: %s subscription(s) ended", esp_name, event.event_type, ended)


def connect_signals():
    try:
        from anymail.signals import tracking
    except ImportError:
        return
    tracking.connect(handle_tracking, dispatch_uid="alerts-anymail-tracking")

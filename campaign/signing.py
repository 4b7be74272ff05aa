"""Signing a petition, shared by the HTML form and the JSON API.

The outcome a visitor sees is the same whether or not the address had signed before: new and
pending signers get a confirmation email, confirmed signers an "already signed" email. The
database work is the same too (one statement, see `_create_or_find`), so the time an answer
takes does not tell either.
"""

from datetime import UTC
from functools import cache

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_ratelimit.core import get_usage

from campaign.links import confirmation_token
from campaign.models import BlockedEmailDomain, Signature
from campaign.tasks import send_already_signed_email, send_confirmation_email
from core.identity import email_domain
from core.links import page_url
from core.privacy import ip_hash, ratelimit_key
from core.refusals import Refusal

CLOSED = Refusal(409, "petition_closed", "This petition is closed to new signatures.")
HONEYPOT = Refusal(400, "suspected_bot", "Your signature could not be accepted. Please try again.")
RATE_LIMITED = Refusal(
    429,
    "rate_limited",
    "Too many signatures have come from your connection just now. Please wait a few minutes "
    "and try again.",
)
BLOCKED = Refusal(
    422,
    "email_domain_blocked",
    "We cannot accept signatures from this email provider. Please use another address.",
)


# Per connection (the keyed IP hash) per petition. Loose enough for a household, an office or a
# street stall on one connection; tight enough that one connection cannot fill the table.
# Email confirmation is what keeps a count honest, not these (README: "What stops a flood").
DEFAULT_SIGN_RATES = ["10/5m", "30/h"]


def sign_rates():
    return getattr(settings, "PETITION_SIGN_RATES", DEFAULT_SIGN_RATES)


def _rate_group(petition):
    return f"petition-sign:{petition.pk}"


def _over_rate_limit(request, petition):
    """Count this attempt against every rate and say whether one is now exceeded.

    As django-ratelimit's own decorator does, every attempt that reaches this point counts,
    refused or not: one cache write per rate, and no separate read to check first."""
    over = False
    for rate in sign_rates():
        usage = get_usage(
            request, group=_rate_group(petition), key=ratelimit_key, rate=rate, increment=True
        )
        over = over or bool(usage and usage["should_limit"])
    return over


def check_can_sign(request, petition, form, blocked_domains=None):
    """Raise Refusal for a closed petition, a bot, a blocked domain or a flood.

    The refusals that cost nothing come first; the rate limit last, so that typos, bots and
    blocked providers do not use up a person's allowance. `blocked_domains` is the list if the
    caller already read it with the petition."""
    if not petition.is_open:
        raise CLOSED
    if form.cleaned_data.get("website"):
        raise HONEYPOT
    if BlockedEmailDomain.blocks(email_domain(form.cleaned_data["email"]), blocked_domains):
        raise BLOCKED
    if _over_rate_limit(request, petition):
        raise RATE_LIMITED


def sign(request, petition, form, blocked_domains=None):
    """Store a valid form's signature (or find the existing one) and send the right email."""
    check_can_sign(request, petition, form, blocked_domains)
    signature, created = _create_or_find(request, petition, form.cleaned_data)
    if signature.is_confirmed:
        send_already_signed_email.enqueue(signature.pk, page_url(petition))
    else:
        send_confirmation_email.enqueue(signature.pk, confirmation_url(petition, signature))
    return signature, created


def _create_or_find(request, petition, data):
    """Store the signature, or find the one this person already has on this petition.

    One statement does either, with the same work and the same answer shape: an INSERT that,
    when the address has signed this petition before, touches that row instead (ON CONFLICT
    DO UPDATE of the conflicting key to itself) and returns it. A separate SELECT after a
    failed INSERT took about 2.5 ms more for a known address than for a new one, which told a
    stranger who had signed. Two identical requests at the same moment still store one row:
    the database serialises them on the unique constraint, and neither raises."""
    signature = Signature(
        petition=petition,
        email_hash=data["email_hash"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"],
        country=data["country"],
        postcode=data.get("postcode", ""),
        opt_in=bool(data.get("opt_in")),
        show_publicly=bool(data.get("show_publicly")),
        consent_version=petition.consent_version,
        ip_hash=ip_hash(request),
    )
    signature.pk, signature.status, stored_at = _insert_or_touch(signature)
    # Only a new row carries the creation time this call stamped. (The rest of `signature`
    # is what was typed, not what is stored; the emails read the stored row.)
    return signature, _as_aware(stored_at) == signature.created_at


def _insert_or_touch(signature):
    """(id, status, created_at) of the row for this person and petition, new or not."""
    fields, sql = _upsert_statement()
    values = [
        field.get_db_prep_save(field.pre_save(signature, True), connection) for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.fetchone()


@cache
def _upsert_statement():
    """The fields it writes and the SQL, built once per process from the model. PostgreSQL
    and SQLite (3.35 and later) both read this syntax."""
    meta = Signature._meta
    quote = connection.ops.quote_name
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    key, petition, status, created_at = (
        quote(meta.get_field(name).column)
        for name in ("email_hash", "petition", "status", "created_at")
    )
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders}) "  # noqa: S608 - names from the model; values are parameters
        f"ON CONFLICT ({key}, {petition}) DO UPDATE SET {key} = excluded.{key} "
        f"RETURNING {quote(meta.pk.column)}, {status}, {created_at}"
    )
    return fields, sql


def _as_aware(moment):
    # SQLite hands back a naive datetime in UTC; PostgreSQL an aware one.
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment, UTC)
    return moment


def confirmation_url(petition, signature):
    """The link in the confirmation email: on the petition's Site, like every email link."""
    return page_url(
        petition, petition.reverse_subpage("confirm", args=[confirmation_token(signature)])
    )

"""Storing a signature, or finding the one this person already has, in one SQL statement.

The statement is an INSERT that, when the address has signed this petition before, touches
that row instead (ON CONFLICT DO UPDATE of the conflicting key to itself) and returns it. New
address or known one, the database does the same work and answers in the same shape: a
separate SELECT after a failed INSERT took about 2.5 ms more for a known address than for a
new one, which told a stranger who had signed. Two identical requests at the same moment
still store one row: the database serialises them on the unique constraint, and neither
raises.
"""

from datetime import UTC
from functools import cache

from django.db import connection
from django.utils import timezone

from campaign.models.signatures import Signature


def create_or_find_signature(petition, data, ip_hash):
    """(signature, created): the signature for `data` (a valid signing form's cleaned data)
    on `petition`, stored now or found. Only its id and status are read back: the rest of the
    instance is what was typed, not what is stored (the emails read the stored row)."""
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
        ip_hash=ip_hash,
    )
    signature.pk, signature.status, stored_at = _insert_or_touch(signature)
    # Only a new row carries the creation time this call stamped.
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

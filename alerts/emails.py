"""Building alert emails: a plain-text part and an HTML part, the site's absolute links, and
the RFC 8058 headers that let a mail client unsubscribe with one click.

An alert goes to thousands of people with the same words; only the two links differ. So the
words are rendered once per alert (`Rendered`) with stand-ins for the links, and each email
is that text with the person's links put in: the fan-out's cost per email is two signed tokens
and a string replacement, not a template render. Links are URL-safe base64 tokens in an
absolute URL, which need no escaping in HTML.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

MANAGE_STAND_IN = "https://alerts.invalid/manage-link"
UNSUBSCRIBE_STAND_IN = "https://alerts.invalid/unsubscribe-link"


def list_headers(unsubscribe_url):
    """RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs
    "List-Unsubscribe=One-Click" to the URL, no page or CSRF token involved."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def message(to, subject, text, html, unsubscribe_url=None, connection=None):
    headers = list_headers(unsubscribe_url) if unsubscribe_url else {}
    email = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        headers=headers,
        connection=connection,
    )
    email.attach_alternative(html, "text/html")
    return email


def render_pair(template, context):
    """(plain text, HTML) from `template`.txt and `template`.html."""
    context = {"site_name": settings.SITE_NAME, **context}
    return (
        render_to_string(f"{template}.txt", context),
        render_to_string(f"{template}.html", context),
    )


@dataclass(frozen=True)
class Rendered:
    """An alert's words, rendered once, with stand-ins for each person's links."""

    subject: str
    text: str
    html: str

    @classmethod
    def of(cls, subject, template, context):
        text, html = render_pair(
            template,
            {**context, "manage_url": MANAGE_STAND_IN, "unsubscribe_url": UNSUBSCRIBE_STAND_IN},
        )
        return cls(subject, text, html)

    def to(self, address, manage_url, unsubscribe_url, connection=None):
        def personal(body):
            body = body.replace(UNSUBSCRIBE_STAND_IN, unsubscribe_url)
            return body.replace(MANAGE_STAND_IN, manage_url or unsubscribe_url)

        return message(
            address,
            self.subject,
            personal(self.text),
            personal(self.html),
            unsubscribe_url=unsubscribe_url,
            connection=connection,
        )

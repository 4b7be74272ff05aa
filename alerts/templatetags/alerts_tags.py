"""`{% alert_signup %}`: the small "get story alerts" form on stories, tag, category and
campaign pages and the news index.

It is built from what the page has already loaded (its tags, category or campaign), so it
costs no query; and it carries no CSRF token, because the pages it sits on are cached for
everyone: its POST is checked by origin instead (core/csrf.py).
"""

from django import template

from alerts.forms import AlertSignupForm
from alerts.topics import CONSENT_WORDING, campaign_topic, category_topic, everything, tag_topic

register = template.Library()


@register.inclusion_tag("alerts/signup.html")
def alert_signup(
    tags=(), category=None, campaign=None, tag=None, heading="Get story alerts", email=""
):
    """Offer to follow, most specific first: this campaign, this tag (or each of the story's
    tags), this category, then every story. `email` fills in the address (only on pages
    that are never cached, such as the thank-you page after confirming a signature)."""
    # A variable the page does not have arrives as "": each is used only if it is there.
    topics = []
    if campaign:
        topics.append(campaign_topic(campaign))
    if tag:
        topics.append(tag_topic(tag))
    topics.extend(tag_topic(each) for each in tags or ())
    if category:
        topics.append(category_topic(category))
    topics.append(everything())
    return {
        "topics": topics,
        "form": AlertSignupForm(),
        "consent": CONSENT_WORDING,
        "heading": heading,
        "email": email or "",
    }

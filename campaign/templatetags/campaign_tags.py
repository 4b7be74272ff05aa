"""{% load campaign_tags %}: `share_links` and `petition_progress` for petition pages."""

from django import template

from core.sharing import share_links as links_for

register = template.Library()


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, petition):
    """Links to share a petition by email, WhatsApp, Facebook, X and Bluesky, and its address
    to copy."""
    url = context["request"].build_absolute_uri(petition.url)
    text = petition.share_text or f"I signed “{petition.title}”. Will you?"
    return {
        "url": url,
        "links": links_for(url, petition.title, text),
        "heading": "Share the petition",
    }


@register.inclusion_tag("includes/petition_progress.html")
def petition_progress(petition):
    return {"petition": petition}

"""{% load campaign_tags %}: `share_links` and `petition_progress` for petition pages."""

from urllib.parse import quote

from django import template

register = template.Library()


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, petition):
    """Links to share a petition by email, WhatsApp, Facebook and X, and its address to copy."""
    url = context["request"].build_absolute_uri(petition.url)
    text = petition.share_text or f"I signed “{petition.title}”. Will you?"
    return {
        "url": url,
        "links": [
            ("Email", f"mailto:?subject={quote(petition.title)}&body={quote(text + ' ' + url)}"),
            ("WhatsApp", f"https://wa.me/?text={quote(text + ' ' + url)}"),
            ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}"),
            ("X", f"https://x.com/intent/post?text={quote(text)}&url={quote(url, safe='')}"),
        ],
    }


@register.inclusion_tag("includes/petition_progress.html")
def petition_progress(petition):
    return {"petition": petition}

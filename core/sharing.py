"""Links that share a page on the services supporters use, with no third-party script.

Each link is a plain address the service documents for sharing (its "intent" or "sharer" URL),
opened in a new tab; nothing from the service loads on our pages, so the page needs no change
to its Content Security Policy and tells no service who read it. The page's address and the
text are percent-encoded whole (`safe=""`): an ampersand, hash or quote in a title cannot end a
parameter early or add one.
"""

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class ShareLink:
    service: str  # for the CSS class and tests: "email", "whatsapp", ...
    label: str
    href: str


def _q(text):
    return quote(text, safe="")


def share_links(url, title, text=None):
    """Email, WhatsApp, Facebook, X and Bluesky links sharing `url`. `text` is the message that
    comes with the link (the title when not given); the email's subject is the title."""
    text = text or title
    message = f"{text} {url}"
    return [
        ShareLink("email", "Email", f"mailto:?subject={_q(title)}&body={_q(message)}"),
        ShareLink("whatsapp", "WhatsApp", f"https://wa.me/?text={_q(message)}"),
        ShareLink(
            "facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={_q(url)}"
        ),
        ShareLink("x", "X", f"https://x.com/intent/post?text={_q(text)}&url={_q(url)}"),
        ShareLink("bluesky", "Bluesky", f"https://bsky.app/intent/compose?text={_q(message)}"),
    ]

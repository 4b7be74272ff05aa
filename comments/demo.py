"""Demo comments on the demo stories, in every state, screened for real.

Called by `manage.py load_demo_content`; adds nothing if the stories already have comments.
"""

from django.utils import timezone

from comments.models import Comment, Commenter, Subscription
from comments.screening import screen_comment
from core.identity import email_hash

# (name, status, text, replies) for conversations under the newest story.
CONVERSATIONS = [
    (
        "Farida",
        "approved",
        "I work at a refuge. Women tell us every week that they will not call the police "
        "because they are afraid of being deported. These figures explain why.",
        [
            (
                "Tom",
                "approved",
                "Thank you for saying this. A victim of domestic abuse should be treated as a "
                "victim first, whatever their immigration status.",
            ),
            (
                "Ngozi",
                "approved",
                "Same in our town. Traffickers use that fear to keep people working.",
            ),
        ],
    ),
    (
        "Daniel",
        "approved",
        "Nearly eight hundred victims of modern slavery referred in two years is shocking. "
        "I have written to my MP asking for a firewall.",
        [],
    ),
    ("Priya", "pending", "Does anyone know whether the Welsh forces publish their numbers?", []),
    ("Angry Reader", "pending", "Send them back. Our towns are being swamped by them.", []),
    ("Troll", "rejected", "Shut up, you pathetic idiot.", []),
    ("Cheap Pills", "spam", "Great article!!! Visit https://pills.example for cheap pills.", []),
    (
        "Sam",
        "unconfirmed",
        "Police Scotland referring two hundred victims is not what I expected.",
        [],
    ),
]


def commenter(name):
    address = f"{name.lower().replace(' ', '.')}@example.org"
    found, _ = Commenter.objects.get_or_create(
        email_hash=email_hash(address),
        defaults={"email": address, "confirmed_at": timezone.now()},
    )
    return found


def add(page, name, status, text, parent=None):
    screening = screen_comment(text)
    comment = Comment(
        page=page,
        parent=parent,
        thread=parent.thread if parent else None,
        depth=parent.depth + 1 if parent else 1,
        commenter=commenter(name),
        name=name,
        body=text,
        status=status,
        published_at=timezone.now() if status == "approved" else None,
        # The demo commenters proved their addresses, except the one still to confirm.
        proven_at=None if status == "unconfirmed" else timezone.now(),
        # Demo comments were "published" before anyone subscribed: nobody is emailed.
        notified_at=timezone.now(),
    )
    comment.set_screening(screening)
    if status == "rejected":
        comment.rejection_reason = comment.flags[0]["rule"] if comment.flags else ""
    comment.save()
    if comment.thread_id is None:
        comment.thread = comment
        comment.save(update_fields=["thread"])
    return comment


def load_demo_comments(stories):
    """Conversations under the first story that has none yet."""
    page = next((s for s in stories if not Comment.objects.filter(page=s).exists()), None)
    if page is None or Comment.objects.exists():
        return 0
    count = 0
    for name, status, text, replies in CONVERSATIONS:
        top = add(page, name, status, text)
        count += 1
        for reply_name, reply_status, reply_text in replies:
            add(page, reply_name, reply_status, reply_text, parent=top)
            count += 1
    Subscription.objects.get_or_create(
        commenter=commenter("Farida"), page=page, kind=Subscription.Kind.REPLIES
    )
    return count

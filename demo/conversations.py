"""Demo conversations under the newest demo story, in every state a comment can be in.

Each comment is posted as a reader's form posts it (`comments.posting.post_comment`), from a
browser that has proven no address, so it comes back unconfirmed, as a newcomer's does. All
but the one left waiting are then confirmed, as the link in their email does
(`comments.ownership.confirm_comment`), which puts them in the moderators' queue; a moderator
publishes some (`comments.moderation.publish`) and marks one as spam
(`comments.moderation.mark_spam`). The civility screen rejects the abusive one by itself.
These are the only calls this app makes into commenting.
"""

from comments.models import Comment, Subscription
from comments.moderation import mark_spam, publish
from comments.ownership import confirm_comment
from comments.posting import post_comment
from demo.visitors import visitor_post

Status = Comment.Status

# (name, what becomes of it, text, replies) for conversations under the newest story.
CONVERSATIONS = [
    (
        "Farida",
        Status.APPROVED,
        "I work at a refuge. Women tell us every week that they will not call the police "
        "because they are afraid of being deported. These figures explain why.",
        [
            (
                "Tom",
                Status.APPROVED,
                "Thank you for saying this. A victim of domestic abuse should be treated as a "
                "victim first, whatever their immigration status.",
            ),
            (
                "Ngozi",
                Status.APPROVED,
                "Same in our town. Traffickers use that fear to keep people working.",
            ),
        ],
    ),
    (
        "Daniel",
        Status.APPROVED,
        "Nearly eight hundred victims of modern slavery referred in two years is shocking. "
        "I have written to my MP asking for a firewall.",
        [],
    ),
    (
        "Priya",
        Status.PENDING,
        "Does anyone know whether the Welsh forces publish their numbers?",
        [],
    ),
    # Held for a moderator by the screen: it stays in the queue, flagged.
    ("Angry Reader", Status.PENDING, "Send them back. Our towns are being swamped by them.", []),
    # Rejected by the screen as it is posted.
    ("Troll", Status.REJECTED, "Shut up, you pathetic idiot.", []),
    # The screen lets it through; a moderator marks it as spam.
    (
        "Cheap Pills",
        Status.SPAM,
        "Great article!!! Visit https://pills.example for cheap pills.",
        [],
    ),
    (
        "Sam",
        Status.UNCONFIRMED,
        "Police Scotland referring two hundred victims is not what I expected.",
        [],
    ),
]
# Farida asked to hear of replies to her comment: she is emailed when Tom and Ngozi reply.
NOTIFY = {"Farida": [Subscription.Kind.REPLIES]}
# Demo commenters are visitors 1000 and up; the supporters are the first few hundred.
FIRST_VISITOR = 1000


def address(name):
    return f"{name.lower().replace(' ', '.')}@example.org"


def converse(page, number, name, outcome, text, parent=None):
    """Post one comment as demo visitor `number` and take it to `outcome`."""
    posted = post_comment(
        visitor_post(page.url, FIRST_VISITOR + number),
        page,
        name=name,
        email=address(name),
        body=text,
        parent_id=parent.pk if parent else None,
        notify=NOTIFY.get(name, ()),
    )
    comment = posted.comment
    if comment.status == Status.UNCONFIRMED and outcome != Status.UNCONFIRMED:
        confirm_comment(comment)
    if outcome == Status.APPROVED:
        publish(comment)
    elif outcome == Status.SPAM:
        mark_spam(comment, user=None)
    # Word lists a moderator changed can screen a demo comment differently: say so, rather
    # than show a demo that does not match what it claims.
    if comment.status != outcome:
        raise ValueError(f"Demo comment by {name} is {comment.status}, not {outcome}.")
    return comment


def start_conversations(stories):
    """Conversations under the first of `stories`, unless the site has comments already.
    Returns how many comments were posted."""
    if Comment.objects.exists():
        return 0
    page = next(iter(stories), None)
    if page is None:
        return 0
    count = 0
    for name, outcome, text, replies in CONVERSATIONS:
        top = converse(page, count, name, outcome, text)
        count += 1
        for reply_name, reply_outcome, reply_text in replies:
            converse(page, count, reply_name, reply_outcome, reply_text, parent=top)
            count += 1
    return count

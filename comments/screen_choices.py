"""The civility screen's enums as Django choices, so models and forms store what the screen says.

The screen (comments/civility/) is plain Python and knows nothing of Django; the database keeps
its values: which rule of the policy a comment breaks, what a list entry does and whom it must
be aimed at, and what the screen decided. Deriving the choices from the enums keeps one notion
of each, and the stored values are the enums' own, so reading a row back gives the enum.
"""

from comments.civility import Action, Aim, Decision, Rule

RULE_CHOICES = [(rule.value, rule.label.removeprefix("a ").capitalize()) for rule in Rule]
ACTION_CHOICES = [(Action.REJECT.value, "Reject"), (Action.HOLD.value, "Hold for a moderator")]
AIM_CHOICES = [
    (Aim.ANY.value, "Anywhere"),
    (Aim.PERSON.value, "Only when aimed at a person (“you”)"),
    (Aim.GROUP.value, "Only when aimed at a group of people"),
]
DECISION_CHOICES = [(decision.value, decision.name.capitalize()) for decision in Decision]

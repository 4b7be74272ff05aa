"""The demo site, built through the same public functions its users go through.

Pages are added and published through Wagtail's page tree and revisions, as an editor's are;
the petition is signed and confirmed through campaign's signing path, as a supporter's form and
confirmation link do it; comments are posted, confirmed and moderated through the comments
app's own functions. So the demo cannot show what the site itself could not make, and a change
to those paths shows up in the demo at once.

The top of the stack: it imports news, campaign and comments, and nothing imports it.
"""

"""Management commands of the campaign app."""

"""The campaign app's management commands."""

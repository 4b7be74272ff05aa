"""Template tags for petitions: share links and the progress bar."""

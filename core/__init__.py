"""What every app shares. Nothing here imports a feature app."""

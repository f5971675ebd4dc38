"""One module per figure, each registering itself with @figure (see ../registry.py)."""

"""The dashboard's static files: ``static/index.html`` (kept in git) and ``static/dist`` (built by
``make web`` from ``web/``, git-ignored)."""

"""``python -m sitroom.cli`` runs the command line (used by tests that kill a real process)."""

from . import run

run()

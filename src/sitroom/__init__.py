"""sitroom: news reports on armed conflict and security crises turned into a trusted event database.

The Python API mirrors the CLI: every ``sitroom`` command has a same-named function here.
"""

from __future__ import annotations

__version__ = "0.1.0"

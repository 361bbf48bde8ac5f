"""Attribution chains: who says so, through whom, and how sure (issue 3)."""

from .mentions import Mention, find_mentions

__all__ = ["Mention", "find_mentions"]

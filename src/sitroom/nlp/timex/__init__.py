"""TIMEX3 time expressions: detection and TimeML normalisation from the one spaCy parse.

Modules, one job each: ``lexicon`` (word lists and rule table from ``data/timex/``), ``detect``
(where the expressions are), ``tense`` (which way the governing verb points), ``normalize`` (TimeML
value per rule), ``calendar`` (week/quarter arithmetic), ``values`` (what a valid value is),
``find`` (the two together over a document), ``interval`` (TIMEX3 -> the claims' interval) and
``runner`` (JSONL in, scorer records out).
"""

from .find import find_timexes, time_mentions
from .interval import to_interval, to_time_mention
from .runner import timex_jsonl
from .types import Timex
from .values import is_valid_value

__all__ = ["Timex", "find_timexes", "time_mentions", "to_interval", "to_time_mention", "timex_jsonl", "is_valid_value"]

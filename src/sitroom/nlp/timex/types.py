"""The tagger's output record: one TIMEX3 found in one document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Timex", "TimexType", "Direction"]

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Direction = Literal["past", "future"]


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression with its TimeML TIMEX3 attributes.

    ``start``/``end`` are character offsets into the document text (end exclusive), following the
    TimeML extent conventions (no leading preposition). ``value`` is the normalised TIMEX3 value
    ("2026-03-03", "2026-W09", "P3D", "PAST_REF", "XXXX-WXX-2", ...), ``mod`` the TIMEX3 modifier
    (START, MID, END, APPROX, ...) or ``None``. ``anchor`` says which side of the publication date a
    DURATION lies on ("the past three days" = past, "the next two weeks" = future); TimeML has no
    attribute for it, but the claims' intervals need it (see :func:`~sitroom.nlp.timex.interval.to_interval`).
    ``rule`` names the detection rule, for debugging and tests.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    anchor: Direction | None = None
    rule: str = ""

    def as_json(self) -> dict[str, object]:
        """The scorer's record: ``{"start", "end", "type", "value", "mod"}``."""
        return {"start": self.start, "end": self.end, "type": self.type, "value": self.value,
                "mod": self.mod}

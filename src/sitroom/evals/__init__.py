"""Scoring sitroom on the real corpora in ``../shared/evalsets`` (``sitroom eval …``)."""

"""Extractor tests share the session-wide ``nlp`` fixture of tests/conftest.py."""

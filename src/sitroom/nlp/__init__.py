"""The one NLP pass (:mod:`sitroom.nlp.parse`) and the extractors that read its parse."""

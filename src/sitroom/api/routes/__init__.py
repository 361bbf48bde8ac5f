"""One router per resource; :func:`sitroom.api.app.create_app` includes them all."""

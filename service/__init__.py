"""The ie-nlp HTTP API (FastAPI). Run it with ``ie-nlp serve`` or
``uvicorn service.main:app``; the app is built by :func:`service.main.create_app`."""

"""The agency self-check web page and the JSON API (`prescreen serve`).

Needs the optional `web` extra (FastAPI, uvicorn, python-multipart). Nothing here imports click,
so the app can be mounted or run by any ASGI server: `uvicorn --factory classifier.web:create_app`."""
from .app import create_app

__all__ = ["create_app"]

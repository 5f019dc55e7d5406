"""The REST API: FastAPI over the store, one router per resource; `create_app(settings)`."""

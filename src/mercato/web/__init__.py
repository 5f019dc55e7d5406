"""The dashboard: server-rendered pages (Jinja2) served by the API's app, no front-end build."""

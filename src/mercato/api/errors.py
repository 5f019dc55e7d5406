"""Mercato's errors as HTTP statuses, in one place, and every error answered as JSON."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from mercato.api.security import security_headers
from mercato.errors import (
    ConfigurationError,
    GoldFormatError,
    IngestError,
    KnowledgeBaseError,
    MercatoError,
    NotFound,
    RegistryError,
    StoreError,
    UnsupportedFormat,
)

log = logging.getLogger(__name__)

# The most specific class wins (looked up along the exception's MRO).
STATUS_FOR_ERROR: dict[type[MercatoError], int] = {
    NotFound: 404,
    UnsupportedFormat: 415,
    IngestError: 422,
    GoldFormatError: 422,
    ConfigurationError: 503,
    KnowledgeBaseError: 503,
    StoreError: 503,
    RegistryError: 500,
    MercatoError: 500,
}


def status_for(exc: MercatoError) -> int:
    """The HTTP status for one of Mercato's errors."""
    for cls in type(exc).__mro__:
        if cls in STATUS_FOR_ERROR:
            return STATUS_FOR_ERROR[cls]  # type: ignore[index]
    return 500


def error_response(status: int, error: str, detail: object | None = None) -> JSONResponse:
    """The JSON body every error has: {"error": ..., "detail": ...}."""
    return JSONResponse(status_code=status, content={"error": error, "detail": detail})


def _is_page(request: Request) -> bool:
    # Dashboard pages answer errors with a page; everything under /api answers JSON.
    path = request.url.path
    return not path.startswith(("/api", "/openapi", "/docs", "/redoc", "/static"))


def install_error_handlers(app: FastAPI) -> None:
    """Answer Mercato's errors, bad parameters and HTTP errors with JSON (or a page for pages)."""

    async def on_mercato_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, MercatoError)
        status = status_for(exc)
        if status >= 500:
            log.exception("server error on %s", request.url.path, exc_info=exc)
        if _is_page(request):
            return _error_page(request, status, str(exc))
        return error_response(status, str(exc))

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        detail = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        if _is_page(request):
            message = "; ".join(f"{'.'.join(map(str, d['loc']))}: {d['msg']}" for d in detail)
            return _error_page(request, 422, f"invalid parameters: {message}")
        return error_response(422, "invalid parameters", detail)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": ", ".join(_allowed_methods(request))}
        if _is_page(request):
            response = _error_page(request, exc.status_code, str(exc.detail))
        else:
            response = error_response(exc.status_code, str(exc.detail))
        if headers:  # a 405's Allow, a 401's WWW-Authenticate: pages keep them too
            response.headers.update(headers)
        return response

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path, exc_info=exc)
        response = error_response(500, "internal error", type(exc).__name__)
        # Answered outside the middleware stack, so the security headers are added here.
        for name, value in security_headers(request.url.path):
            response.headers[name.decode()] = value.decode()
        return response

    app.add_exception_handler(MercatoError, on_mercato_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at this path (Starlette's Allow names one route's only)."""
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(r.matches({**request.scope, "method": method})[0] == Match.FULL for r in routes)
    ]


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _error_page(request: Request, status: int, message: str) -> Response:
    templates = getattr(request.app.state, "templates", None)
    if templates is None:
        return error_response(status, message)
    return templates.TemplateResponse(  # type: ignore[no-any-return]
        request, "error.html", {"status": status, "message": message}, status_code=status
    )

"""What every response carries and every request is held to, before any route runs.

- Security headers on every response: a strict Content-Security-Policy (scripts and styles
  from this origin only; inline style attributes are the dashboard's bars and charts), no
  MIME sniffing, no framing, no referrer sent to other sites. The interactive API docs at /docs
  are vendored Swagger UI served from this origin, so their policy allows no other host either.
- A request-size limit checked before the body is read: a declared `Content-Length` over the
  limit is refused at once, and a body streamed without one is cut off as soon as it passes it,
  so an unauthenticated client cannot make the server hold a 300 MB upload.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# 16 MiB: many articles of the API's largest size; a larger batch is sent in parts.
DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024

STRICT_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)

# The API docs at /docs are vendored Swagger UI from this origin, started by a script file: they
# live under the same strict policy as every other page (no other host, no inline script).
_COMMON_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityMiddleware:
    """Security headers on every HTTP response and a size limit on every request body."""

    def __init__(self, app: ASGIApp, max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES) -> None:
        self.app = app
        self.max_request_bytes = max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        own_headers = security_headers(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in _OWN_HEADER_NAMES
                ]
                headers.extend(own_headers)
                message = {**message, "headers": headers}
            await send(message)

        declared = _content_length(scope)
        if declared is not None and declared > self.max_request_bytes:
            await self._refuse(send_with_headers, declared)
            return
        received = 0
        too_large = False

        async def receive_capped() -> Message:
            nonlocal received, too_large
            if too_large:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_request_bytes:
                    # Stop reading; the app sees the client gone and its answer is replaced.
                    too_large = True
                    return {"type": "http.disconnect"}
            return message

        refused = False

        async def send_unless_refused(message: Message) -> None:
            nonlocal refused
            if not too_large:
                await send_with_headers(message)
            elif message["type"] == "http.response.start":
                refused = True
                await self._refuse(send_with_headers, None)

        await self.app(scope, receive_capped, send_unless_refused)
        if too_large and not refused:
            await self._refuse(send_with_headers, None)

    async def _refuse(self, send: Send, declared: int | None) -> None:
        size = f"{declared} bytes" if declared is not None else "the body"
        body = json.dumps(
            {
                "error": "request too large",
                "detail": f"{size} is over the {self.max_request_bytes}-byte limit; "
                "send a large batch in parts",
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    """The security headers for an answer at `path`: one strict policy for every path."""
    return [(b"content-security-policy", STRICT_POLICY.encode()), *_COMMON_HEADERS]


_OWN_HEADER_NAMES = {b"content-security-policy", *(name for name, _ in _COMMON_HEADERS)}


def _content_length(scope: Scope) -> int | None:
    """The declared body size, or None when the client streams without declaring one."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None

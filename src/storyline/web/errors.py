"""One error shape for every route: ``{"error": {"status", "code", "message"}}`` in JSON
under ``/api/``, the same status and message as an error page everywhere else.

FastAPI's own validation errors (422) answer 400 here: to a user a malformed parameter
and a rejected one are the same mistake. Anything unexpected answers 500 with a fixed
message and an error id; the traceback goes to the server log under that id, never into
a response. A HEAD request is answered as its GET, without the body.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .templating import NO_SCRIPT_POLICY, render_page

log = logging.getLogger("storyline.web")

CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    500: "internal_error",
}
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
INTERNAL_MESSAGE = "internal error: the server log has the details"


class WebError(Exception):
    """A request the app refuses: an HTTP status, a stable code and a message for people
    (and for a 500, the id its traceback has in the server log)."""

    def __init__(
        self, status: int, message: str, code: str | None = None, error_id: str | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "http_error")
        self.error_id = error_id


def not_found(what: str, ident: str) -> WebError:
    return WebError(404, f"no {what} with id {ident!r}")


def error_body(status: int, code: str, message: str, error_id: str | None = None) -> dict[str, Any]:
    """The one error shape of the JSON API (``id``: only on a 500, as in the server log)."""
    error: dict[str, Any] = {"status": status, "code": code, "message": message}
    if error_id is not None:
        error["id"] = error_id
    return {"error": error}


def wants_json(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def error_response(path: str, error: WebError) -> Response:
    """The error as JSON for API paths, as an error page for the others."""
    if wants_json(path):
        return JSONResponse(
            error_body(error.status, error.code, error.message, error.error_id),
            status_code=error.status,
        )
    return render_page(
        "error.html",
        status=error.status,
        title=f"{error.status} {error.code.replace('_', ' ')}",
        error=error,
    )


def validation_message(error: RequestValidationError) -> str:
    """One line naming each bad parameter and what was wrong with it (never its value)."""
    parts = []
    for problem in error.errors():
        where = [str(part) for part in problem.get("loc", ())]
        kind = f"{where[0]} parameter" if len(where) > 1 else "parameter"
        name = ".".join(where[1:]) or "?"
        parts.append(f"{kind} {name!r}: {problem.get('msg', 'is not valid')}")
    return "bad request: " + "; ".join(parts) if parts else "bad request"


def install_error_handlers(app: FastAPI) -> None:
    """Route every refusal through :func:`error_response`."""

    async def on_web_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WebError)
        return error_response(request.url.path, exc)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            message = f"no page at {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        else:
            message = str(exc.detail)
        response = error_response(request.url.path, WebError(exc.status_code, message))
        response.headers.update(exc.headers or {})
        allowed = response.headers.get("allow")
        if allowed and "GET" in allowed.split(", ") and "HEAD" not in allowed:
            response.headers["allow"] = allowed + ", HEAD"  # GuardMiddleware answers HEAD
        return response

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request.url.path, WebError(400, validation_message(exc)))

    app.add_exception_handler(WebError, on_web_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)


class GuardMiddleware:
    """The outermost layer: security headers on every response, HEAD answered as GET
    without a body, and a 500 in the error shape (never a traceback; the traceback is
    logged with the id the response shows) for any exception that escapes a route."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        head = scope.get("method") == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if head and message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.lower().encode() not in names:
                        headers.append((name.lower().encode(), value.encode()))
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", NO_SCRIPT_POLICY.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            error_id = secrets.token_hex(6)
            log.exception(
                "error %s serving %s %r", error_id, scope.get("method"), scope.get("path")
            )
            if started:
                raise
            error = WebError(500, f"{INTERNAL_MESSAGE} (error id {error_id})", None, error_id)
            response = error_response(scope.get("path", ""), error)
            await response(scope, receive, send_with_headers)

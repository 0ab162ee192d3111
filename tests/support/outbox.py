"""Real services the outbox tests start and stop: an SMTP server (aiosmtpd) and a stand-in for
the SMS/WhatsApp gateway (an HTTP server that, like the real gateways, drops a second message
with an Idempotency-Key it has already accepted). Both listen on a free port on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.support.tls import ThrowawayCertificates


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class GatewayPost:
    path: str
    headers: dict[str, str]
    payload: dict[str, Any]


@dataclass
class GatewayStandIn:
    url: str = ""
    posts: list[GatewayPost] = field(default_factory=list)
    delivered: dict[str, dict[str, Any]] = field(default_factory=dict)  # by Idempotency-Key
    fail_with: list[int] = field(default_factory=list)  # statuses to answer first, in order
    lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> int:
        with self.lock:
            post = GatewayPost(path, headers, json.loads(body))
            self.posts.append(post)
            if self.fail_with:
                return self.fail_with.pop(0)
            key = headers.get("Idempotency-Key", "")
            self.delivered.setdefault(key, post.payload)  # a known key: not delivered again
            return 200


@contextmanager
def gateway_stand_in() -> Iterator[GatewayStandIn]:
    gateway = GatewayStandIn()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server's naming
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            status = gateway.handle(self.path, dict(self.headers.items()), body)
            answer = json.dumps({"status": "accepted" if status == 200 else "error"}).encode()
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", gateway.url)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_args: Any) -> None:  # quiet
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}/send"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], EmailMessage]] = []
        self.sign_ins: list[str] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    url: str
    inbox: _Inbox

    @property
    def messages(self) -> list[tuple[str, list[str], EmailMessage]]:
        return self.inbox.messages


@contextmanager
def smtp_server(login: tuple[str, str] | None = None, tls: str = "",
                certificates: ThrowawayCertificates | None = None) -> Iterator[SmtpServer]:
    """With `login` (user, password) the server offers AUTH and checks it (`sign_ins` lists who
    tried). `tls="implicit"` speaks TLS from the first byte (smtps://), `tls="starttls"` offers
    and requires STARTTLS (smtp+starttls://); both with `certificates` (tests/support/tls.py)."""
    inbox = _Inbox()
    port = free_port()
    options: dict[str, Any] = {}
    scheme = {"": "smtp", "implicit": "smtps", "starttls": "smtp+starttls"}[tls]
    if tls == "implicit":
        assert certificates is not None
        options["ssl_context"] = certificates.server_context()
    elif tls == "starttls":
        assert certificates is not None
        options.update(tls_context=certificates.server_context(), require_starttls=True)
    if login is not None:
        def authenticator(_server: Any, _session: Any, _envelope: Any, _mechanism: str,
                          data: Any) -> AuthResult:
            given = (data.login.decode(), data.password.decode()) if isinstance(
                data, LoginPassword) else None
            inbox.sign_ins.append((given or ("?", ""))[0])
            return AuthResult(success=given == login)

        # aiosmtpd counts only STARTTLS as TLS for AUTH; with implicit TLS all of it is TLS.
        options.update(authenticator=authenticator, auth_require_tls=tls == "starttls")
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield SmtpServer(f"{scheme}://127.0.0.1:{port}", inbox)
    finally:
        controller.stop()

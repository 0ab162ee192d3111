"""A throwaway nginx for the tests, with the configuration docs/deploy.md ships
(docs/nginx/lindungi.conf): its @WORDS@ filled in, and without TLS (plain HTTP on a free port)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "docs" / "nginx" / "lindungi.conf"
PROXY_CONF = ROOT / "docs" / "nginx" / "lindungi-proxy.conf"


def nginx_binary() -> str | None:
    fallback = Path("/usr/sbin/nginx")
    return shutil.which("nginx") or (str(fallback) if fallback.exists() else None)


def render(values: dict[str, str], port: int, proxy_conf: Path) -> str:
    """The shipped file with @WORDS@ replaced; the TLS server becomes plain HTTP on `port`."""
    text = CONF.read_text()
    for word, value in values.items():
        text = text.replace(f"@{word}@", value)
    assert "@" not in re.sub(r"#.*", "", text), "a word of the template was left unfilled"
    # No TLS in the test: drop the redirecting port-80 server, serve the main one on `port`.
    text = re.sub(r"server \{\n    listen 80;.*?\n\}\n", "", text, count=1, flags=re.S)
    text = text.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port};")
    text = re.sub(r"\n    ssl_[^\n]*", "", text)
    return text.replace("/etc/nginx/lindungi-proxy.conf", str(proxy_conf))


class Nginx:
    def __init__(self, folder: Path, port: int, app_servers: list[str], static_root: str) -> None:
        self.folder = folder
        self.port = port
        proxy_conf = folder / "lindungi-proxy.conf"
        shutil.copy(PROXY_CONF, proxy_conf)
        site = render({"SERVER_NAME": "localhost",
                       "APP_SERVERS": " ".join(f"server {a};" for a in app_servers),
                       "STATIC_ROOT": static_root, "CACHE_DIR": str(folder / "cache"),
                       "TLS_CERT": "unused", "TLS_KEY": "unused"}, port, proxy_conf)
        (folder / "site.conf").write_text(site)
        temp = " ".join(f"{kind}_temp_path {folder / kind};"
                        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # As root, nginx's workers would switch to nobody, who cannot enter pytest's temp dirs.
        user = "user root;\n" if os.getuid() == 0 else ""
        (folder / "nginx.conf").write_text(
            f"{user}daemon off;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\n"
            f"events {{}}\nhttp {{\n include /etc/nginx/mime.types;\n access_log off;\n"
            f" {temp}\n include {folder / 'site.conf'};\n}}\n")
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = nginx_binary()
        assert binary is not None
        self.process = subprocess.Popen(  # noqa: S603 - our own fixed arguments
            [binary, "-p", str(self.folder), "-c", str(self.folder / "nginx.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError((self.folder / "error.log").read_text())

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

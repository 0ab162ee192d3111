"""Servers for `make bench`: gunicorn started exactly as `make run` starts it (same config file,
same application spec, WEB_CONCURRENCY workers), and a throwaway PostgreSQL in a temp dir."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
SITE_SPEC = "lindungi:create_app()"  # as the Makefile's run target
REFERENCE_SPEC = "bench.reference_app:app"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen
    base: str

    def worker_pids(self) -> list[int]:
        found = subprocess.run(["pgrep", "-P", str(self.process.pid)],  # noqa: S603, S607
                               capture_output=True, text=True, check=False)
        return [int(pid) for pid in found.stdout.split()]

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes


@contextlib.contextmanager
def gunicorn(spec: str, env: dict[str, str], log: Path, workers: int = 2,
             port: int | None = None) -> Iterator[Server]:
    port = port or free_port()
    environ = {**os.environ, **env, "HOST": "127.0.0.1", "PORT": str(port),
               "WEB_CONCURRENCY": str(workers)}
    with log.open("ab") as out:
        process = subprocess.Popen(  # noqa: S603 - our own fixed arguments
            [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", spec],
            cwd=ROOT, env=environ, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/", process)
        yield Server(process, base)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(url: str, process: subprocess.Popen) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {process.returncode}); see its log")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own server
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def _as_postgres(argv: list[str]) -> list[str]:
    # initdb refuses to run as root: Debian's package creates a postgres account.
    return ["runuser", "-u", "postgres", "--", *argv] if os.getuid() == 0 else argv


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str | None]:
    """A PostgreSQL server on a Unix socket in a temp dir (as tests/run-suite.sh starts one);
    yields its URL, or None when PostgreSQL is not installed."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not versions:
        yield None
        return
    pg_bin = versions[-1]
    folder = Path(tempfile.mkdtemp(prefix="lindungi-bench-pg."))
    folder.chmod(0o755)
    if os.getuid() == 0:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    run = lambda *argv: subprocess.run(_as_postgres([str(a) for a in argv]),  # noqa: E731, S603
                                       check=True, capture_output=True)
    try:
        run(pg_bin / "initdb", "-D", data, "-U", "lindungi", "--auth=trust", "-E", "UTF8")
        run(pg_bin / "pg_ctl", "-D", data, "-l", folder / "log", "-w", "-o",
            f"-k {folder} -c listen_addresses='' -c max_connections=200", "start")
        run(pg_bin / "createdb", "-h", folder, "-U", "lindungi", "lindungi_bench")
        yield f"postgresql+psycopg://lindungi@/lindungi_bench?host={folder}"
    finally:
        subprocess.run(_as_postgres([str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast",  # noqa: S603
                                     "stop"]), capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)

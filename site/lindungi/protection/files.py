"""Files that hold personal data readable by their owner only: the instance folder (keys in
config.py, the SQLite database) 0700, the SQLite database and its -wal and -shm files 0600.

SQLite creates the -wal and -shm files with the database file's permissions: the database file
is tightened on every new connection, before WAL mode is switched on.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _tighten(path: Path, mode: int) -> None:
    try:
        status = path.stat()
        if status.st_uid == os.getuid() and status.st_mode & 0o777 != mode:
            path.chmod(mode)
    except OSError:  # absent, gone meanwhile, or another user's: nothing to change here
        pass


def private_dir(path: Path) -> None:
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    _tighten(path, PRIVATE_DIR)


def private_sqlite_files(database: Path) -> None:
    for suffix in SQLITE_SUFFIXES:
        _tighten(database.with_name(database.name + suffix), PRIVATE_FILE)

"""Where an uncached public page's time goes: a throwaway SQLite database made as `make bench`
makes it (demo content, rendered, then N scaled articles), the page cache off, each page asked for
through the test client as wrk asks (`Accept-Encoding: br, gzip`), timed and profiled.

    .venv/bin/python -m bench.page_profile [--articles 300] [--count 300] [--profile] [PATH ...]

It prints CPU milliseconds per request for each path (on a shared machine the steadier figure).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path

PATHS = ["/id/", "/id/berita", "/id/berita?page=15", "/id/manfaat", "/id/faq",
         "/id/berita/feed.xml", "/en/berita", "/en/manfaat", "/sitemap.xml"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=PATHS)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--sort", default="tottime")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lindungi-pages."))
    try:
        from bench.run import prepare_database, site_env

        env = {**site_env(folder, f"sqlite:///{folder / 'db.sqlite3'}", 5000),
               "LINDUNGI_PAGE_CACHE": "0"}
        made = prepare_database(env, argparse.Namespace(
            articles=args.articles, requests=2000, staff=20), full=True)
        client = made["app"].test_client()
        headers = {"Accept-Encoding": "br, gzip"}
        paths = [p if p != "ARTICLE" else f"/id/berita/{made['slugs'][-1]}" for p in args.paths]
        profiler = cProfile.Profile(time.process_time) if args.profile else None
        for path in paths:
            for _ in range(20):  # warm: imports, per-process caches
                assert client.get(path, headers=headers).status_code == 200, path
            started = time.process_time()
            if profiler:
                profiler.enable()
            for _ in range(args.count):
                client.get(path, headers=headers).close()
            if profiler:
                profiler.disable()
            spent = (time.process_time() - started) / args.count * 1000
            print(f"{spent:6.2f} ms CPU  {path}")
        if profiler:
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("LINDUNGI_PAGE_CACHE", None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

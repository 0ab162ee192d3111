"""What `make bench` measures, each as rows of (figure, target, met): public pages with and
without the page cache, the eligibility fragment, the staff queue, memory, page weights, and
enrollment submissions on SQLite and PostgreSQL."""

from __future__ import annotations

import random
import time
from pathlib import Path

import sqlalchemy as sa

from bench import measure
from bench.servers import SITE_SPEC, gunicorn

ELIGIBILITY = ("/{lang}/cek-kelayakan?makassar=yes&kecamatan=73.71.13&age=30"
               "&occupation=street_vendor&civil_servant=no&employee=no&member=no&decile=3&check=1")
STAFF_CONNECTIONS = 2  # two reviewers at once: one per worker


def row(group: str, name: str, value: float, target: float, unit: str, met: bool,
        **details: object) -> dict:
    return {"group": group, "name": name, "value": round(value, 2), "target": target,
            "unit": unit, "met": bool(met), **details}


def public_paths(slugs: list[str]) -> list[str]:
    article = slugs[len(slugs) // 2] if slugs else None
    deep = max(2, len(slugs) // 20)  # around the middle of the news list
    paths = []
    for lang in ("id", "en"):
        paths += [f"/{lang}/", f"/{lang}/berita", f"/{lang}/berita?page={deep}",
                  f"/{lang}/manfaat", f"/{lang}/faq", f"/{lang}/berita/feed.xml"]
        if article:
            paths.append(f"/{lang}/berita/{article}")
    return [*paths, "/sitemap.xml"]


def _load(group: str, base: str, path: str, args, ref: measure.Reference, ratio: float,
          headers: str = "") -> dict:
    figures = measure.paired(ref, base + path, args.seconds, args.runs,
                             headers=headers or "Accept-Encoding: br, gzip")
    times = figures["ratio"]
    met = times >= ratio and figures["errors"] == 0 and (ratio < 1 or figures["p99_ms"] < 50)
    target = f">= {ratio}x" + (", p99 < 50 ms, 0 errors" if ratio >= 1 else ", 0 errors")
    print(f"  {group:28} {path:40} {figures['rps']:8.0f} req/s {times:5.2f}x "
          f"(reference {figures['ref_rps']:.0f}) p99 {figures['p99_ms']:6.1f} ms "
          f"errors {figures['errors']}", flush=True)
    return row(group, path, times, ratio, "x reference", met, target_text=target,
               rps=round(figures["rps"]), ref_rps=round(figures["ref_rps"]),
               p99_ms=figures["p99_ms"], errors=figures["errors"])


def public_pages(env: dict, log: Path, port: int, made: dict, args, ref: measure.Reference,
                 cache: bool) -> list[dict]:
    env = {**env, "LINDUNGI_PAGE_CACHE": "1" if cache else "0"}
    group = "public pages" + ("" if cache else " (PAGE_CACHE=0)")
    ratio = 1.0 if cache else 0.25
    rows = []
    with gunicorn(SITE_SPEC, env, log, port=port) as site:
        for path in public_paths(made["slugs"]):
            rows.append(_load(group, site.base, path, args, ref, ratio))
        if not cache:
            return rows
        for lang in ("id", "en"):
            rows.append(_load("eligibility fragment", site.base, ELIGIBILITY.format(lang=lang),
                              args, ref, 0.5, headers="HX-Request: true|Accept-Encoding: br, gzip"))
        rows += staff_queue(site.base, made["staff"][0], args)
        rows += weights(site.base, public_paths(made["slugs"]))
        for pid, rss in zip(site.worker_pids(), site.worker_rss_mb(), strict=False):
            rows.append(row("memory", f"worker {pid} RSS after the run", rss, 120, "MB",
                            rss < 120, target_text="< 120 MB"))
    return rows


def staff_queue(base: str, email: str, args) -> list[dict]:
    from bench.scaled_data import STAFF_PASSWORD

    cookie = measure.staff_cookie(base, email, STAFF_PASSWORD)
    searching = measure.post_with_cookie(base, "/staf/pendaftaran", cookie,
                                         {"search-q": "daeng andi"})
    cases = [("first page", "/staf/pendaftaran", cookie),
             ("kecamatan filter", "/staf/pendaftaran?kecamatan=73.71.10", cookie),
             ("sort by name", "/staf/pendaftaran?sort=name", cookie),
             ("name search", "/staf/pendaftaran", searching)]
    rows = []
    for name, path, value in cases:
        figures = measure.repeated(base + path, args.seconds, args.runs,
                                   connections=STAFF_CONNECTIONS,
                                   headers=f"Cookie: lindungi_session={value}")
        met = figures["p95_ms"] < 100 and figures["errors"] == 0 and figures["requests"] > 0
        print(f"  staff queue {name:20} p95 {figures['p95_ms']:6.1f} ms "
              f"({figures['rps']:.0f} req/s, errors {figures['errors']})", flush=True)
        rows.append(row("staff queue (100,000 requests)", f"{name}: {path}", figures["p95_ms"],
                        100, "ms p95", met, target_text="p95 < 100 ms",
                        rps=round(figures["rps"]), errors=figures["errors"]))
    return rows


def weights(base: str, paths: list[str]) -> list[dict]:
    rows = []
    for lang in ("id", "en"):
        total, _parts = measure.first_visit_bytes(base, f"/{lang}/")
        rows.append(row("page weight", f"/{lang}/ first visit (br/gzip as sent)", total / 1000,
                        60, "KB", total <= 60_000, target_text="<= 60 KB"))
    largest = max(paths, key=lambda path: measure.wire_bytes(base, path))
    size = measure.wire_bytes(base, largest)
    rows.append(row("page weight", f"largest public page: {largest}", size / 1000, 100, "KB",
                    size <= 100_000, target_text="<= 100 KB"))
    return rows


def template_answers(app) -> dict:
    """One complete draft's answers, made by walking the steps with the test client."""
    from tests.support.enrollment import Flow

    from lindungi.enrollment.models import EnrollmentDraft
    from lindungi.extensions import db

    flow = Flow(app.test_client())
    for step in (flow.applicant, flow.worker, flow.contact, flow.consent):
        assert step().status_code == 303, step.__name__
    flow.check()
    with app.app_context():
        draft = db.session.scalars(sa.select(EnrollmentDraft)).one()
        data = dict(draft.data)
        db.session.delete(draft)
        db.session.commit()
    return data


def enrollment(app, env: dict, log: Path, port: int, args, ref: measure.Reference,
               label: str) -> list[dict]:
    from bench.scaled_data import prepare_drafts
    from lindungi.enrollment.models import EnrollmentDraft
    from lindungi.extensions import db

    template = template_answers(app)
    rng = random.Random(11)
    runs = []
    stored_once = True
    ran_out = False
    folder = log.parent
    with gunicorn(SITE_SPEC, env, log, port=port) as site:
        for run in range(args.runs + 1):  # the first is a warm-up
            seconds = args.seconds if run else 1
            count = args.drafts if run else max(100, args.drafts // 4)
            with app.app_context():
                before = db.session.scalar(sa.text("SELECT max(id) FROM enrollment_request")) or 0
                drafts = prepare_drafts(app, template, count, rng)
            file = folder / f"drafts-{label}-{run}.tsv"
            file.write_text("".join(f"{d.cookie}\t{d.csrf_token}\t{d.token}\n" for d in drafts))
            reference = ref.run() if run else None
            figures = measure.wrk(site.base + "/id/daftar/kirim", seconds, script="submit.lua",
                                  env={"DRAFTS": str(file), "SUBMIT_PATH": "/id/daftar/kirim"})
            time.sleep(0.5)  # requests still in flight when wrk stopped
            with app.app_context():
                stored = db.session.scalars(sa.text(
                    "SELECT idempotency_token FROM enrollment_request WHERE id > :before"),
                    {"before": before}).all()
                # Through the model: the draft's answers are sealed at rest.
                left = {str(data.get("token")) for data in
                        db.session.scalars(sa.select(EnrollmentDraft.data))}
                db.session.execute(sa.text("DELETE FROM enrollment_draft"))
                db.session.commit()
                db.session.remove()
            # Every draft is either still there or stored exactly once; nothing else is stored;
            # everything wrk saw answered was stored.
            sent = {d.token for d in drafts} - left
            once = (len(stored) == len(set(stored)) and set(stored) == sent
                    and len(stored) >= figures["requests"] - figures["errors"])
            if run:
                stored_once &= once
                ran_out |= not left
                figures["ratio"] = figures["rps"] / reference["rps"] if reference["rps"] else 0
                figures["ref_rps"] = reference["rps"]
                runs.append(figures)
            print(f"  enrollment {label}: {len(stored)} stored in {figures['seconds']:.2f}s, "
                  f"{figures['rps']:.0f}/s, stored once: {once}, errors {figures['errors']}, "
                  f"drafts left {len(left)}", flush=True)
    figures = measure.median_of(runs)
    times = figures["ratio"]
    return [row(f"enrollment submissions ({label})", "POST /id/daftar/kirim, 32 writers", times,
                0.3, "x reference", times >= 0.3 and stored_once and figures["errors"] == 0,
                target_text=">= 0.3x, each stored exactly once" + (
                    " (drafts ran out: at least this)" if ran_out else ""),
                rps=round(figures["rps"]), ref_rps=round(figures["ref_rps"]),
                p99_ms=figures["p99_ms"], errors=figures["errors"], stored_once=stored_once)]


def postgres_enrollment(folder: Path, args, ref: measure.Reference, log: Path) -> list[dict]:
    from bench.run import prepare_database, site_env
    from bench.servers import free_port, throwaway_postgres

    with throwaway_postgres() as url:
        if url is None:
            return [row("enrollment submissions (PostgreSQL)", "PostgreSQL not installed", 0,
                        0.3, "x reference", False, target_text=">= 0.3x")]
        port = free_port()
        pg_folder = folder / "pg-site"
        pg_folder.mkdir()
        env = site_env(pg_folder, url, port)
        made = prepare_database(env, args, full=False)
        try:
            return enrollment(made["app"], env, log, port, args, ref, "PostgreSQL")
        finally:
            with made["app"].app_context():
                from lindungi.extensions import db

                db.engine.dispose()

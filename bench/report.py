"""The bench's result as a markdown table: every figure against its target, met or MISSED."""

from __future__ import annotations


def markdown(result: dict) -> str:
    machine = result["machine"]
    settings = result["settings"]
    ref = result["reference"]
    lines = [
        f"`{result['command']}` on {result['when']}: {machine['nproc']} CPUs ({machine['cpu']}), "
        f"{machine['ram_gb']} GB RAM, Python {machine['python']}; gunicorn.conf.py with "
        f"{settings['workers']} workers; wrk at {settings['connections']} connections, "
        f"median of {settings['runs']} runs of {settings['seconds']} s; "
        f"{settings['articles']:,} articles, {settings['requests']:,} requests, "
        f"{settings['staff']} staff.",
        "",
        f"Reference (Flask, one route, fixed HTML), measured next to every figure: median "
        f"{ref['rps']:.0f} req/s ({ref.get('min_rps', '?')}-{ref.get('max_rps', '?')} over "
        f"the run), p99 {ref['p99_ms']:.1f} ms. Each ratio is the median of runs paired with "
        f"a reference run just before them.",
        "",
        "| group | what | measured | target | req/s | reference req/s | p99 ms | result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in result["rows"]:
        unit = row["unit"]
        measured = f"{row['value']:.2f}x" if unit == "x reference" else f"{row['value']:.1f} {unit}"
        lines.append(
            f"| {row['group']} | `{row['name']}` | {measured} | {row['target_text']} | "
            f"{row.get('rps', '')} | {row.get('ref_rps', '')} | {row.get('p99_ms', '')} | "
            f"{'met' if row['met'] else '**MISSED**'} |")
    missed = sum(not row["met"] for row in result["rows"])
    lines += ["", f"{len(result['rows']) - missed} of {len(result['rows'])} targets met."]
    return "\n".join(lines)
